/**
 * Which roles of a stack are agents. A role is an agent when it has the `agent:name` tag, or a
 * `vault.aws.SecretBackendRole` in the stack targets it (`roleArns`), or its trust policy trusts a
 * configured Vault principal. Raw `aws.iam.Role`s written without our components count the same.
 *
 * Every read goes through `readKnown`: props are proxied and any value may be unknown at preview.
 * Discovery never throws on an unknown; a role whose tag map is unknown still counts when another
 * reason holds, and the owner/expiry policies report the unknown tags.
 */
import { memoizeByIdentity } from '../engine/memo';
import type { PolicyResource } from '@pulumi/policy';
import type { PackConfig } from './config';
import { RESOURCE_TYPES } from './resource-types';
import { nativeRuntimesTrusted } from './identity/native-trust';
import {
  AI_SERVICE_PRINCIPALS,
  AI_SERVICE_ROLE_RESOURCES,
  NATIVE_RUNTIMES,
  type NativeRuntime,
  type Runtime,
} from './runtimes';
import { assumingPrincipals, parseTrustPolicy, trustsAnyOf } from './trust';
import { readKnown, readPlain, type Known } from './unknowns';

export interface AgentRole {
  /** The `agent:name` tag, else the role's name, else its Pulumi name. */
  agentName: string;
  /** The aws:iam/role:Role resource. */
  role: PolicyResource;
  /** props.name when known. */
  roleName?: string;
  /** Why it counts as an agent. */
  reasons: ('tag' | 'vault-role' | 'trust' | 'ai-service' | 'ai-resource')[];
  /**
   * Where it runs, from its trust policy: a native runtime when it admits a service that runs
   * agents and no Vault principal (`identity/native-trust.ts`), else `vault`, whose rules are the
   * stricter (also when the trust policy cannot be read).
   */
  runtime: Runtime;
}

export interface RoleArnParts {
  partition: string;
  accountId: string;
  /** IAM path with leading and trailing slash, `/` when none. */
  path: string;
  name: string;
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}|[^:]*):role(\/(?:[^/]+\/)*)?([^/]+)$/;

/** @internal Splits `arn:aws:iam::123456789012:role/agents/agent-x` into account, path and name. */
export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const m = ROLE_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], accountId: m[2], path: m[3] ?? '/', name: m[4] };
}

/** A string property, or undefined when absent or not a string; unknown when unknown. */
export function readString(resource: PolicyResource, key: string): Known<string | undefined> {
  return readKnown(() => {
    const v = resource.props[key];
    return typeof v === 'string' ? v : undefined;
  });
}

/** A number property, or undefined when absent or not a number; unknown when unknown. */
export function readNumber(resource: PolicyResource, key: string): Known<number | undefined> {
  return readKnown(() => {
    const v = resource.props[key];
    return typeof v === 'number' ? v : undefined;
  });
}

/**
 * The key under which `tags` holds `key`. IAM treats tag keys of users and roles as case-insensitive
 * (it preserves case, but refuses `Agent:Owner` next to `agent:owner`: IAM User Guide, "Tagging IAM
 * resources", rules for tagging), so `Agent:Owner` is the owner tag and is read as such; otherwise a
 * differently-cased key would hide an agent from every policy.
 */
function tagKeyIn(tags: object, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(tags, key)) return key;
  const wanted = key.toLowerCase();
  return Object.keys(tags).find((k) => k.toLowerCase() === wanted);
}

/**
 * A key that is `key` but for surrounding spaces (`"agent:owner "`): IAM keeps it as a distinct key,
 * so it is not the tag, but it is what the author meant, and messages name it.
 */
export function nearMissTagKey(resource: PolicyResource, key: string): string | undefined {
  const tags = readKnown(() => resource.props.tags);
  if (!tags.known || !tags.value || typeof tags.value !== 'object') return undefined;
  if (tagKeyIn(tags.value, key) !== undefined) return undefined;
  const wanted = key.toLowerCase();
  return Object.keys(tags.value).find((k) => k.trim().toLowerCase() === wanted);
}

/**
 * One tag: its value (undefined when absent); unknown when the tag map or this value is unknown.
 * Reads only that key, so an unknown elsewhere in the map does not hide a literal value. The key
 * matches whatever its case (see `tagKeyIn`).
 */
export function readTag(resource: PolicyResource, key: string): Known<unknown> {
  return readKnown(() => {
    const tags = resource.props.tags as Record<string, unknown> | undefined;
    if (!tags || typeof tags !== 'object') return undefined;
    const actual = tagKeyIn(tags, key);
    return actual === undefined ? undefined : tags[actual];
  });
}

/**
 * Whether the tag key is present, even if its value is unknown, whatever its case, or with stray
 * spaces around it: a role its author tagged as an agent is judged as one.
 */
function hasTagKey(resource: PolicyResource, key: string): boolean | undefined {
  const tags = readKnown(() => resource.props.tags);
  if (!tags.known) return undefined;
  const map = tags.value;
  if (!map || typeof map !== 'object') return false;
  return tagKeyIn(map, key) !== undefined || nearMissTagKey(resource, key) !== undefined;
}

/**
 * What identifies a role in an ARN, read once per resource. Proxied reads are slow (each unknown
 * read constructs an `UnknownValueError`), and matching Vault roles' ARNs against every role would
 * otherwise repeat them for every pair. A resource's props do not change during a policy run, and
 * the analyzer server builds new resources for each policy, so the cache never outlives one run.
 */
interface RoleIdentity {
  /** The role's own ARN (outputs of a stack policy) when known. */
  arn?: string;
  name: Known<string | undefined>;
  path: Known<string | undefined>;
}

const roleIdentity = memoizeByIdentity((role: PolicyResource): RoleIdentity => {
  const arn = readString(role, 'arn');
  return {
    ...(arn.known && arn.value !== undefined ? { arn: arn.value } : {}),
    name: readString(role, 'name'),
    path: readString(role, 'path'),
  };
});

/** Whether `arn` names a role: by its ARN when known, else by name and path from the ARN. */
function identityMatchesArn(identity: RoleIdentity, arn: string): boolean {
  if (identity.arn !== undefined) return identity.arn === arn;
  const { name, path } = identity;
  // A role name never contains "/", so a matching ARN ends with "/<name>"; checked before parsing.
  if (!name.known || name.value === undefined || !arn.endsWith(`/${name.value}`)) return false;
  const parts = parseRoleArn(arn);
  if (!parts || name.value !== parts.name) return false;
  return path.known && (path.value ?? '/') === parts.path;
}

/** @internal Whether `arn` names this role: by its ARN when known, else by name and path from the ARN. */
export function roleMatchesArn(role: PolicyResource, arn: string): boolean {
  return identityMatchesArn(roleIdentity(role), arn);
}

/** The stack's roles indexed by what an ARN can match them on, built once per resources array. */
interface RoleArnIndex {
  /** Roles whose own ARN is known, by that ARN. */
  byArn: Map<string, PolicyResource[]>;
  /** Roles whose ARN is unknown or absent, by `<path><name>` when both are known. */
  byPathAndName: Map<string, PolicyResource[]>;
}

const roleArnIndex = memoizeByIdentity((resources: readonly PolicyResource[]): RoleArnIndex => {
  const index: RoleArnIndex = { byArn: new Map(), byPathAndName: new Map() };
  for (const role of resources) {
    if (!isRole(role)) continue;
    const { arn, name, path } = roleIdentity(role);
    if (arn !== undefined) addTo(index.byArn, arn, role);
    else if (name.known && name.value !== undefined && path.known) {
      addTo(index.byPathAndName, `${path.value ?? '/'}${name.value}`, role);
    }
  }
  return index;
});

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The roles of the stack that `arn` names (as `roleMatchesArn` decides), in stack order, without
 * comparing the ARN with every role.
 */
export function rolesMatchingArn(
  resources: readonly PolicyResource[],
  arn: string,
): PolicyResource[] {
  const index = roleArnIndex(resources);
  const byArn = index.byArn.get(arn) ?? [];
  const parts = parseRoleArn(arn);
  const byName = parts ? (index.byPathAndName.get(`${parts.path}${parts.name}`) ?? []) : [];
  if (byName.length === 0) return byArn;
  if (byArn.length === 0) return byName;
  const matching = new Set([...byArn, ...byName]);
  return resources.filter((r) => matching.has(r));
}

/** A Vault AWS role's `roleArns`: the known entries, and whether any entry (or the list) is unknown. */
export function vaultRoleArns(vaultRole: PolicyResource): { arns: string[]; unknownPath?: string } {
  const list = readKnown(() => vaultRole.props.roleArns as unknown);
  if (!list.known) return { arns: [], unknownPath: list.path };
  if (!Array.isArray(list.value)) return { arns: [] };
  const arns: string[] = [];
  let unknownPath: string | undefined;
  for (let i = 0; i < list.value.length; i++) {
    const entry = readKnown(() => (list.value as unknown[])[i]);
    if (!entry.known) unknownPath ??= entry.path;
    else if (typeof entry.value === 'string') arns.push(entry.value);
  }
  return unknownPath ? { arns, unknownPath } : { arns };
}

/** The parsed trust statements of a role, or why they cannot be read. */
export function readTrust(role: PolicyResource) {
  const doc = readPlain(() => role.props.assumeRolePolicy);
  if (!doc.known) return { known: false as const, path: doc.path };
  return { known: true as const, value: parseTrustPolicy(doc.value) };
}

function isRole(r: PolicyResource): boolean {
  return r.type === RESOURCE_TYPES.role;
}

export function isVaultAwsRole(r: PolicyResource): boolean {
  return r.type === RESOURCE_TYPES.vaultAwsRole;
}

/** The agent's name: the name tag if literal, else the role name, else the Pulumi name. */
export function agentNameOf(role: PolicyResource, config: PackConfig): string {
  const tag = readTag(role, config.tagKeys.name);
  if (tag.known && typeof tag.value === 'string' && tag.value !== '') return tag.value;
  const name = roleIdentity(role).name;
  if (name.known && name.value) return name.value;
  return role.name;
}

/**
 * The roles of the stack a Vault AWS role targets: those its known `roleArns` name, and, for an
 * entry unknown at preview (`role.arn` of a new role), the roles the engine says the list is
 * computed from (`propertyDependencies.roleArns`). `untraced` is set when an entry is unknown and
 * traces to no role of the stack: the target cannot be judged before it exists.
 */
export function vaultTargetedRoles(
  vaultRole: PolicyResource,
  resources: readonly PolicyResource[],
): { roles: PolicyResource[]; untraced?: string } {
  const { arns, unknownPath } = vaultRoleArns(vaultRole);
  const roles = new Set(arns.flatMap((arn) => rolesMatchingArn(resources, arn)));
  if (unknownPath === undefined) return { roles: [...roles] };
  const traced = (vaultRole.propertyDependencies?.roleArns ?? []).filter(
    (d): d is PolicyResource => !!d && isRole(d),
  );
  for (const role of traced) roles.add(role);
  return traced.length > 0 ? { roles: [...roles] } : { roles: [...roles], untraced: unknownPath };
}

/** The runtime a role's trust policy says it has (see `AgentRole.runtime`). */
export function runtimeOfRole(role: PolicyResource, config: PackConfig): Runtime {
  const trust = readTrust(role);
  if (!trust.known || !trust.value.ok) return 'vault';
  if (trustsAnyOf(trust.value.statements, config.vaultPrincipalArns)) return 'vault';
  return nativeRuntimesTrusted(trust.value.statements)[0] ?? 'vault';
}

/** The AI-agent resource types (`runtimes.ts`): Bedrock agents and AgentCore. */
const AI_AGENT_TYPES = new Map(
  (Object.keys(NATIVE_RUNTIMES) as NativeRuntime[])
    .filter((r) => AI_SERVICE_PRINCIPALS.includes(NATIVE_RUNTIMES[r].servicePrincipal))
    .map((r) => [NATIVE_RUNTIMES[r].resourceType, r] as const),
);
const AI_SERVICE_ROLE_TYPES = new Map(AI_SERVICE_ROLE_RESOURCES.map((r) => [r.resourceType, r]));

/** An AI resource of the stack and the role argument that names a role. */
export interface AiResourceUse {
  resource: PolicyResource;
  /** What messages call it, e.g. `Amazon Bedrock agent`. */
  title: string;
  /** The agent runtime it is, when it is one (an AgentCore runtime); a flow or a knowledge base is none. */
  runtime?: NativeRuntime;
  /** The role argument, e.g. `roleArn`. */
  argument: string;
}

/**
 * The AI resources of the stack (Bedrock agents, AgentCore, and the other AI resources that run
 * with a role: `AI_SERVICE_ROLE_RESOURCES`), with their role argument.
 */
export function aiAgentResources(resources: readonly PolicyResource[]): AiResourceUse[] {
  return resources.flatMap((resource): AiResourceUse[] => {
    const runtime = AI_AGENT_TYPES.get(resource.type);
    if (runtime) {
      const spec = NATIVE_RUNTIMES[runtime];
      return [{ resource, title: spec.title, runtime, argument: spec.roleArgument }];
    }
    const other = AI_SERVICE_ROLE_TYPES.get(resource.type);
    return other ? [{ resource, title: other.title, argument: other.roleArgument }] : [];
  });
}

/**
 * Every role of the stack that an AI resource runs with: by the role argument's ARN when
 * known, else through `propertyDependencies` (a new role's ARN at preview).
 */
export const aiResourceUses = memoizeByIdentity(
  (resources: readonly PolicyResource[]): Map<PolicyResource, AiResourceUse[]> => {
    const uses = new Map<PolicyResource, AiResourceUse[]>();
    for (const use of aiAgentResources(resources)) {
      const { resource, argument } = use;
      const value = readKnown(() => resource.props[argument] as unknown);
      const roles = new Set<PolicyResource>();
      if (value.known && typeof value.value === 'string') {
        for (const role of rolesMatchingArn(resources, value.value)) roles.add(role);
      }
      for (const dep of resource.propertyDependencies?.[argument] ?? []) {
        if (dep && isRole(dep)) roles.add(dep);
      }
      for (const role of roles) {
        uses.set(role, [...(uses.get(role) ?? []), use]);
      }
    }
    return uses;
  },
);

/** Whether a role's trust policy admits a service that only AI agents use. */
export function trustsAiService(role: PolicyResource): string[] {
  const trust = readTrust(role);
  if (!trust.known || !trust.value.ok) return [];
  return [
    ...new Set(
      assumingPrincipals(trust.value.statements)
        .filter((p) => p.kind === 'service' && AI_SERVICE_PRINCIPALS.includes(p.value))
        .map((p) => p.value),
    ),
  ];
}

export function discoverAgents(resources: PolicyResource[], config: PackConfig): AgentRole[] {
  const roles = resources.filter(isRole);
  const targeted = new Set<PolicyResource>();
  for (const vaultRole of resources.filter(isVaultAwsRole)) {
    for (const role of vaultTargetedRoles(vaultRole, resources).roles) targeted.add(role);
  }
  const aiUses = aiResourceUses(resources);
  const agents: AgentRole[] = [];
  for (const role of roles) {
    const reasons: AgentRole['reasons'] = [];
    if (hasTagKey(role, config.tagKeys.name)) reasons.push('tag');
    if (targeted.has(role)) reasons.push('vault-role');
    if (config.vaultPrincipalArns.length > 0) {
      const trust = readTrust(role);
      if (
        trust.known &&
        trust.value.ok &&
        trustsAnyOf(trust.value.statements, config.vaultPrincipalArns)
      ) {
        reasons.push('trust');
      }
    }
    // Shadow AI: a role an AI service assumes, or an AI-agent resource runs with, is an agent
    // whether or not anyone declared it.
    if (trustsAiService(role).length > 0) reasons.push('ai-service');
    if (aiUses.has(role)) reasons.push('ai-resource');
    if (reasons.length === 0) continue;
    const roleName = roleIdentity(role).name;
    agents.push({
      agentName: agentNameOf(role, config),
      role,
      ...(roleName.known && roleName.value ? { roleName: roleName.value } : {}),
      reasons,
      runtime: runtimeOfRole(role, config),
    });
  }
  return agents;
}

/**
 * The agent a role is on its own inputs, as a resource policy sees it at the role's step: a role
 * that carries the agent name tag (`config.tagKeys.name`, whatever its case). Roles that are agents
 * only because a Vault role targets them or their trust policy trusts Vault are found by
 * `discoverAgents`, in the stack view; a role whose tag map is unknown at preview is not known to
 * be an agent here either.
 */
export function stepAgentOf(role: PolicyResource, config: PackConfig): AgentRole | undefined {
  if (!isRole(role) || hasTagKey(role, config.tagKeys.name) !== true) return undefined;
  const roleName = roleIdentity(role).name;
  return {
    agentName: agentNameOf(role, config),
    role,
    ...(roleName.known && roleName.value ? { roleName: roleName.value } : {}),
    reasons: ['tag'],
    runtime: runtimeOfRole(role, config),
  };
}

/** The Vault AWS roles of the stack by the role they target, indexed once per resources array. */
const vaultRolesByRole = memoizeByIdentity(
  (resources: readonly PolicyResource[]): Map<PolicyResource, PolicyResource[]> => {
    const index = new Map<PolicyResource, PolicyResource[]>();
    for (const vaultRole of resources.filter(isVaultAwsRole)) {
      for (const role of vaultTargetedRoles(vaultRole, resources).roles) {
        index.set(role, [...(index.get(role) ?? []), vaultRole]);
      }
    }
    return index;
  },
);

/**
 * The Vault AWS roles of the stack whose `roleArns` name this agent's role, in stack order. The
 * stack is indexed once per resources array, so asking for every agent stays linear.
 */
export function vaultRolesTargeting(
  agent: AgentRole,
  resources: readonly PolicyResource[],
): PolicyResource[] {
  return vaultRolesByRole(resources).get(agent.role) ?? [];
}
