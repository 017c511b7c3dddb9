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
import { effectiveLevel, type NormalizedPolicyConfig } from './normalized-config';
import type { PackUnderTest } from './pack';
import {
  getPulumiType,
  isResourcePolicy,
  isStackPolicy,
  UnknownValueError,
  type UnknownValueErrorLike,
} from './policy-internals';
import { WireProps } from './wire-props';

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
  const links = linksOf(resources);
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
      let built: PolicyResource[] = [];
      const linked = () => built;
      built = resources.map((r, i) => stackResource(r, wire[i], links[i], linked));
      resources.forEach((_, i) => {
        const parent = links[i].parent;
        if (parent !== undefined) built[i].parent = built[parent];
      });
      const args: StackValidationArgs = {
        resources: built,
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

/** A resource's parent and dependencies, as positions in the stack's resources. */
interface Links {
  parent?: number;
  dependencies: number[];
  propertyDependencies: [string, number[]][];
}

/** The links of every resource, resolved once per stack rather than once per stack policy. */
function linksOf(resources: AnalyzedResource[]): Links[] {
  const byUrn = new Map<string, number>();
  resources.forEach((r, i) => byUrn.set(r.urn, i));
  const positions = (urns: string[]): number[] =>
    urns.map((u) => byUrn.get(u)).filter((i): i is number => i !== undefined);
  return resources.map((r) => {
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    return {
      ...(parent !== undefined ? { parent } : {}),
      dependencies: positions(r.dependencies ?? []),
      propertyDependencies: Object.entries(r.propertyDependencies ?? {}).map(
        ([k, urns]): [string, number[]] => [k, positions(urns)],
      ),
    };
  });
}

/**
 * One resource as a stack policy receives it, fresh for each policy as the server builds it. The
 * server builds every resource's props, options and dependency lists for every policy, though most
 * policies read those of a few resources only; here each is built on first read (`linked()` returns
 * the policy's resources, complete by then): a policy sees the same fresh, unshared values (props
 * equal to what the server builds, see `WireProps`), and a 1,000-agent stack no longer allocates
 * 19 copies of every resource's parts up front.
 */
function stackResource(
  r: AnalyzedResource,
  wire: WireProps,
  links: Links,
  linked: () => PolicyResource[],
): PolicyResource {
  let received: Record<string, unknown> | undefined;
  const receivedProps = () => (received ??= wire.fresh());
  let assigned: { value: Record<string, unknown> } | undefined;
  let opts: PolicyResource['opts'] | undefined;
  let dependencies: PolicyResource[] | undefined;
  let propertyDependencies: Record<string, PolicyResource[]> | undefined;
  return {
    type: r.type,
    get props() {
      return assigned ? assigned.value : receivedProps();
    },
    set props(value) {
      assigned = { value };
    },
    urn: r.urn,
    name: r.name,
    get opts() {
      return (opts ??= resourceOptions(r.parent));
    },
    set opts(value) {
      opts = value;
    },
    get dependencies() {
      if (dependencies === undefined) {
        const all = linked();
        dependencies = links.dependencies.map((i) => all[i]);
      }
      return dependencies;
    },
    set dependencies(value) {
      dependencies = value;
    },
    get propertyDependencies() {
      if (propertyDependencies === undefined) {
        const all = linked();
        propertyDependencies = {};
        for (const [k, positions] of links.propertyDependencies) {
          propertyDependencies[k] = positions.map((i) => all[i]);
        }
      }
      return propertyDependencies;
    },
    set propertyDependencies(value) {
      propertyDependencies = value;
    },
    isType: (cls) => isTypeOf(r.type, cls),
    // As the server's: the props it received, even if the policy reassigned `props`.
    asType: ((cls: unknown) =>
      isTypeOf(r.type, cls) ? receivedProps() : undefined) as PolicyResource['asType'],
  };
}

function wrap(e: unknown, context: string): Error {
  const err = new Error(`${context}: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof Error) err.stack = `${err.message}\n${e.stack ?? ''}`;
  return err;
}
