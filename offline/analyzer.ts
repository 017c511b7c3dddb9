/**
 * An in-process stand-in for `@pulumi/policy`'s analyzer server (node_modules/@pulumi/policy/server.js).
 *
 * It calls a pack's policies with arguments built the way the server builds them: properties
 * round-tripped through a protobuf Struct and `deserializeProperties`, wrapped in
 * `unknownCheckingProxy`; `isType`/`asType`; `getConfig` returning the policy's section of the
 * pack config (with the schema's top-level defaults filled in, as the Pulumi CLI does) minus
 * `enforcementLevel`; and `notApplicable`. Errors are handled the same way: an `UnknownValueError`
 * becomes an advisory "can't run ... during preview", a not-applicable reason is collected, and any
 * other error fails the run. The offline check and the policy tests both go through here.
 */
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import type {
  EnforcementLevel,
  Policy,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import {
  deserializeProperties,
  getPulumiType,
  isResourcePolicy,
  isStackPolicy,
  UnknownValueError,
  type UnknownValueErrorLike,
  unknownCheckingProxy,
} from './policy-internals';

/** A resource as the engine describes it to the analyzer. */
export interface AnalyzedResource {
  type: string;
  name: string;
  urn: string;
  /** Plain JSON; unknowns are the engine's sentinel strings (see `unknownStringValue`). */
  props: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

/** One diagnostic, shaped like the server's `ds` entries. */
export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  severity?: string;
  urn?: string;
}

export interface NotApplicable {
  policyName: string;
  reason?: string;
  urn?: string;
}

export interface AnalysisResult {
  diagnostics: Diagnostic[];
  notApplicable: NotApplicable[];
}

/** Policy-pack config after the CLI has normalised the config file. */
export type NormalizedPolicyConfig = Record<
  string,
  { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }
>;

export interface PackUnderTest {
  name: string;
  version: string;
  enforcementLevel?: EnforcementLevel;
  policies: Policy[];
}

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  'advisory',
  'mandatory',
  'remediate',
  'disabled',
];

/** Thrown by a user-facing config problem; the CLI prints its message without a stack. */
export class PolicyConfigError extends Error {}

/**
 * Normalises a policy-pack config file the way `pulumi preview --policy-pack-config` does: a policy
 * key may hold an enforcement level or an object with `enforcementLevel` and properties; `all` sets
 * the level of every policy. Property defaults come from each policy's `configSchema`.
 */
export function normalizePolicyConfig(
  pack: PackUnderTest,
  file: Record<string, unknown> = {},
  source = 'policy config',
): NormalizedPolicyConfig {
  const byName = new Map(pack.policies.map((p) => [p.name, p]));
  const allLevel = levelOf(file.all, `${source}: "all"`);
  const out: NormalizedPolicyConfig = {};
  for (const key of Object.keys(file)) {
    if (key !== 'all' && !byName.has(key)) {
      throw new PolicyConfigError(
        `${source}: "${key}" is not a policy of pack "${pack.name}"; known policies: ${[...byName.keys()].join(', ')}`,
      );
    }
  }
  for (const policy of pack.policies) {
    const raw = file[policy.name];
    let enforcementLevel = allLevel;
    let properties: Record<string, unknown> = {};
    if (typeof raw === 'string') {
      enforcementLevel = levelOf(raw, `${source}: "${policy.name}"`);
    } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      const { enforcementLevel: level, ...rest } = raw as Record<string, unknown>;
      if (level !== undefined)
        enforcementLevel = levelOf(level, `${source}: "${policy.name}".enforcementLevel`);
      properties = rest;
    } else if (raw !== undefined) {
      throw new PolicyConfigError(
        `${source}: "${policy.name}" must be an enforcement level or an object, received ${JSON.stringify(raw)}`,
      );
    }
    out[policy.name] = { enforcementLevel, properties: withSchemaDefaults(policy, properties) };
  }
  return out;
}

function levelOf(value: unknown, where: string): EnforcementLevel | undefined {
  if (value === undefined) return undefined;
  const level =
    value && typeof value === 'object'
      ? (value as { enforcementLevel?: unknown }).enforcementLevel
      : value;
  if (typeof level === 'string' && (ENFORCEMENT_LEVELS as readonly string[]).includes(level)) {
    return level as EnforcementLevel;
  }
  throw new PolicyConfigError(
    `${where}: enforcement level ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(', ')}`,
  );
}

/** The Pulumi CLI fills in each top-level property's `default` from the policy's config schema. */
function withSchemaDefaults(
  policy: Policy,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const schemaProps = policy.configSchema?.properties ?? {};
  const out = { ...properties };
  for (const [key, schema] of Object.entries(schemaProps)) {
    const def = (schema as { default?: unknown }).default;
    if (out[key] === undefined && def !== undefined) out[key] = structuredClone(def);
  }
  return out;
}

/** The level a policy runs at: the config's, else the policy's, else the pack's, else advisory. */
export function effectiveLevel(
  pack: PackUnderTest,
  policy: Policy,
  config: NormalizedPolicyConfig,
): EnforcementLevel {
  return (
    config[policy.name]?.enforcementLevel ||
    policy.enforcementLevel ||
    pack.enforcementLevel ||
    'advisory'
  );
}

/**
 * The options the server reports for a resource (`getResourceOptions` in server.js): the engine's
 * defaults, which a program under mocks cannot change, and the parent.
 */
export function resourceOptions(parent?: string): PolicyResource['opts'] {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(parent ? { parent } : {}),
  };
}

class NotApplicableError extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? 'Policy does not apply');
  }
}

function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

function makeGetConfig(config: NormalizedPolicyConfig, policyName: string) {
  return <T extends object>(): T => {
    const c = config[policyName];
    return (c ? structuredClone(c.properties) : {}) as T;
  };
}

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

function isTypeOf(type: string, resourceClass: unknown): boolean {
  const pulumiType = getPulumiType(resourceClass);
  if (pulumiType) return type === pulumiType;
  const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
  return typeof isInstance === 'function' && isInstance({ __pulumiType: type }) === true;
}

function makeReport(
  pack: PackUnderTest,
  policy: Policy,
  enforcementLevel: EnforcementLevel,
  ds: Diagnostic[],
): ReportViolation {
  return (message, urn) => {
    if (message && typeof message === 'object') {
      const info = message as {
        name?: string;
        message?: string;
        description?: string;
        urn?: string;
        enforcementLevel?: EnforcementLevel;
        severity?: string;
      };
      ds.push({
        policyName: info.name || policy.name,
        policyPackName: pack.name,
        policyPackVersion: pack.version,
        message: info.message || info.description || policy.description,
        urn: info.urn,
        description: info.description || policy.description,
        enforcementLevel: info.enforcementLevel || enforcementLevel,
        severity: info.severity || policy.severity,
      });
      return;
    }
    ds.push({
      policyName: policy.name,
      policyPackName: pack.name,
      policyPackVersion: pack.version,
      message: message ? `${policy.description}\n${message}` : policy.description,
      urn,
      description: policy.description,
      enforcementLevel,
      severity: policy.severity,
    });
  };
}

function preview(
  pack: PackUnderTest,
  policy: Policy,
  err: UnknownValueErrorLike,
  ds: Diagnostic[],
) {
  ds.push({
    policyName: policy.name,
    policyPackName: pack.name,
    policyPackVersion: pack.version,
    description: policy.description,
    severity: policy.severity,
    message: `can't run policy '${policy.name}' from policy pack '${pack.name}@v${pack.version}' during preview: ${err.message}`,
    enforcementLevel: 'advisory',
  });
}

/** The server's `analyze` RPC: every resource policy against one resource's inputs. */
export async function analyzeResource(
  pack: PackUnderTest,
  resource: AnalyzedResource,
  config: NormalizedPolicyConfig,
): Promise<AnalysisResult> {
  const ds: Diagnostic[] = [];
  const notApplicable: NotApplicable[] = [];
  const wire = new WireProps(resource.props);
  for (const policy of pack.policies) {
    let level = effectiveLevel(pack, policy, config);
    if (level === 'disabled' || !isResourcePolicy(policy)) continue;
    const p = policy as ResourceValidationPolicy;
    if (!p.validateResource) {
      notApplicable.push({
        policyName: p.name,
        reason: 'Policy does not implement validateResource',
        urn: resource.urn,
      });
      continue;
    }
    if (level === 'remediate') level = 'mandatory';
    if (!Array.isArray(p.validateResource)) {
      const pulumiType = getPulumiType(p.validateResource);
      if (pulumiType && resource.type !== pulumiType) {
        notApplicable.push({
          policyName: p.name,
          reason: `Policy only applies to resources of type '${pulumiType}'`,
          urn: resource.urn,
        });
        continue;
      }
    }
    const report = makeReport(pack, p, level, ds);
    const validations = Array.isArray(p.validateResource)
      ? p.validateResource
      : [p.validateResource];
    for (const validation of validations) {
      try {
        const props = wire.fresh();
        const args: ResourceValidationArgs = {
          type: resource.type,
          props,
          urn: resource.urn,
          name: resource.name,
          opts: resourceOptions(resource.parent),
          stackTags: new Map(),
          isType: (cls) => isTypeOf(resource.type, cls),
          asType: ((cls: unknown) =>
            isTypeOf(resource.type, cls) ? props : undefined) as ResourceValidationArgs['asType'],
          getConfig: makeGetConfig(config, p.name),
          notApplicable: throwNotApplicable,
        };
        await Promise.resolve(validation(args, report));
      } catch (e) {
        if (e instanceof UnknownValueError)
          preview(pack, p, e, ds); // the server sets no urn here either
        else if (e instanceof NotApplicableError)
          notApplicable.push({ policyName: p.name, reason: e.reason, urn: resource.urn });
        else
          throw wrap(
            e,
            `Error validating resource with policy '${p.name}' from policy pack '${pack.name}@v${pack.version}'`,
          );
      }
    }
  }
  return { diagnostics: ds, notApplicable };
}

/** The server's `analyzeStack` RPC: every stack policy against all resources' outputs. */
export async function analyzeStack(
  pack: PackUnderTest,
  resources: AnalyzedResource[],
  config: NormalizedPolicyConfig,
): Promise<AnalysisResult> {
  const ds: Diagnostic[] = [];
  const notApplicable: NotApplicable[] = [];
  const wire = resources.map((r) => new WireProps(r.props));
  for (const policy of pack.policies) {
    let level = effectiveLevel(pack, policy, config);
    if (level === 'disabled' || !isStackPolicy(policy)) continue;
    if (level === 'remediate') level = 'mandatory';
    const p = policy as StackValidationPolicy;
    const pulumiType = getPulumiType(p.validateStack);
    if (pulumiType && !resources.some((r) => r.type === pulumiType)) {
      notApplicable.push({
        policyName: p.name,
        reason: `Policy only applies to resources of type '${pulumiType}'`,
      });
      continue;
    }
    const report = makeReport(pack, p, level, ds);
    try {
      const built = resources.map((r, i) => {
        // The server builds every resource's props for every policy, though most policies read
        // the props of a few types only. Here they are built on first read: a policy sees the
        // same fresh, unshared, proxied value (equal to what the server builds, see `WireProps`),
        // and a 1,000-agent stack no longer allocates 15 copies of every resource up front.
        let received: Record<string, unknown> | undefined;
        const receivedProps = () => (received ??= wire[i].fresh());
        let assigned: { value: Record<string, unknown> } | undefined;
        const resource: PolicyResource = {
          type: r.type,
          get props() {
            return assigned ? assigned.value : receivedProps();
          },
          set props(value) {
            assigned = { value };
          },
          urn: r.urn,
          name: r.name,
          opts: resourceOptions(r.parent),
          dependencies: [],
          propertyDependencies: {},
          isType: (cls) => isTypeOf(r.type, cls),
          // As the server's: the props it received, even if the policy reassigned `props`.
          asType: ((cls: unknown) =>
            isTypeOf(r.type, cls) ? receivedProps() : undefined) as PolicyResource['asType'],
        };
        return { resource, source: r };
      });
      const byUrn = new Map(built.map((b) => [b.resource.urn, b.resource]));
      for (const { resource, source } of built) {
        const parent = source.parent ? byUrn.get(source.parent) : undefined;
        if (parent) resource.parent = parent;
        resource.dependencies = (source.dependencies ?? [])
          .map((d) => byUrn.get(d))
          .filter((d): d is PolicyResource => d !== undefined);
        for (const [k, urns] of Object.entries(source.propertyDependencies ?? {})) {
          resource.propertyDependencies[k] = urns
            .map((d) => byUrn.get(d))
            .filter((d): d is PolicyResource => d !== undefined);
        }
      }
      const args: StackValidationArgs = {
        resources: built.map((b) => b.resource),
        getConfig: makeGetConfig(config, p.name),
        stackTags: new Map(),
        notApplicable: throwNotApplicable,
      };
      await Promise.resolve(p.validateStack(args, report));
    } catch (e) {
      if (e instanceof UnknownValueError) preview(pack, p, e, ds);
      else if (e instanceof NotApplicableError)
        notApplicable.push({ policyName: p.name, reason: e.reason });
      else
        throw wrap(
          e,
          `Error validating stack with policy '${p.name}' from policy pack '${pack.name}@v${pack.version}'`,
        );
    }
  }
  return { diagnostics: ds, notApplicable };
}

function wrap(e: unknown, context: string): Error {
  const err = new Error(`${context}: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof Error) err.stack = `${err.message}\n${e.stack ?? ''}`;
  return err;
}
