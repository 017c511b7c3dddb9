/**
 * The property wire format between the engine and a policy pack: what the engine puts on the wire
 * (a protobuf Struct, unknowns as sentinels, secrets and assets as signature objects) and what the
 * analyzer server hands a policy after `deserializeProperties` and `unknownCheckingProxy`.
 */
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { deserializeProperties, UNKNOWN, unknownCheckingProxy } from './policy-internals';

/**
 * What the engine puts on the wire and the server deserialises, proxied for unknowns: the server's
 * path, done in full for every call (`WireProps` gives the same result for less).
 */
export function wireProps(props: Record<string, unknown>): Record<string, unknown> {
  return unknownCheckingProxy(decodeWireProps(props));
}

/** The Struct round-trip and `deserializeProperties`, unproxied. */
function decodeWireProps(props: Record<string, unknown>): Record<string, unknown> {
  const struct = Struct.fromJavaScript(dropUndefined(props) as Record<string, never>);
  return deserializeProperties(struct, false);
}

/**
 * One resource's props as the server hands them to each policy call: decoded from the wire, fresh
 * for every call (the server deserialises per call, so a policy that mutates its props cannot
 * affect another), and wrapped in `unknownCheckingProxy`. The server's path, Struct round-trip and
 * deserialisation per policy per resource, was the largest cost of checking a big stack; here the
 * decoding is done once per resource and every call gets its own deep copy of the decoded value,
 * which is the same plain data. A value holding an asset or archive (class instances the copy
 * would not reproduce) is decoded afresh for every call instead, exactly as the server does.
 */
export class WireProps {
  private decoded: Record<string, unknown> | undefined;
  private plain = false;

  constructor(private readonly props: Record<string, unknown>) {}

  /** Unshared, proxied props for one policy call: equal to `wireProps(props)`. */
  fresh(): Record<string, unknown> {
    if (this.decoded === undefined) {
      this.decoded = decodeWireProps(this.props);
      this.plain = isPlainData(this.decoded);
    }
    return unknownCheckingProxy(
      this.plain
        ? (copyPlainData(this.decoded) as Record<string, unknown>)
        : decodeWireProps(this.props),
    );
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** JSON-like data only: primitives, arrays and plain objects. */
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function';
  if (Array.isArray(value)) return value.every(isPlainData);
  return isPlainObject(value) && Object.values(value).every(isPlainData);
}

/** A deep copy of data that `isPlainData` accepted. */
function copyPlainData(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyPlainData);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    out[key] = copyPlainData((value as Record<string, unknown>)[key]);
  return out;
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropUndefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
    return out;
  }
  return value;
}

/** Wire values back to plain data: secrets unwrapped, each unknown replaced by `unknown`. */
export function plainValue(value: unknown, unknown: unknown): unknown {
  if (value === UNKNOWN) return unknown;
  if (Array.isArray(value)) return value.map((v) => plainValue(v, unknown));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === specialSecretSig) return plainValue(obj.value, unknown);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plainValue(v, unknown)]));
  }
  return value;
}
