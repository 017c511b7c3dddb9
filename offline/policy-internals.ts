/**
 * Internals of `@pulumi/policy` that its server uses but its type declarations strip
 * (`@internal`). Typed here once so the offline analyzer can call exactly what the server calls.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Policy } from '@pulumi/policy';
import type { Struct } from 'google-protobuf/google/protobuf/struct_pb';

export interface UnknownValueErrorLike extends Error {
  readonly props: (string | symbol)[];
}

const proxy = require('@pulumi/policy/proxy') as {
  unknownCheckingProxy<T>(value: T): T;
  UnknownValueError: new (sentinel: string, props: (string | symbol)[]) => UnknownValueErrorLike;
  unknownStringValue: string;
  unknownNumberValue: string;
  unknownBooleanValue: string;
  unknownArrayValue: string;
  unknownObjectValue: string;
};
const deserialize = require('@pulumi/policy/deserialize') as {
  deserializeProperties(struct: Struct, proxySecrets: boolean): Record<string, unknown>;
};
const policy = require('@pulumi/policy/policy') as {
  getPulumiType(obj: unknown): string | undefined;
  isResourcePolicy(p: Policy): boolean;
  isStackPolicy(p: Policy): boolean;
};

export const unknownCheckingProxy = proxy.unknownCheckingProxy;
export const UnknownValueError = proxy.UnknownValueError;
/**
 * The engine sends every unknown as this sentinel, whatever the property's type: a preview's
 * computed value, or a whole tag map that held one.
 */
export const UNKNOWN = proxy.unknownStringValue;
export const deserializeProperties = deserialize.deserializeProperties;
export const getPulumiType = policy.getPulumiType;
export const isResourcePolicy = policy.isResourcePolicy;
export const isStackPolicy = policy.isStackPolicy;
