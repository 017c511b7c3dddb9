/**
 * What an agent's role can really do, gathered from every resource in the stack that grants it
 * permissions: the role's own `inlinePolicies` and `managedPolicyArns`, `aws.iam.RolePolicy`,
 * `aws.iam.RolePolicyAttachment` and `aws.iam.PolicyAttachment`, customer-managed `aws.iam.Policy`
 * documents and AWS managed policies resolved by ARN, and the permissions boundary.
 *
 * The pack is a gate, so what cannot be seen is never dropped silently: it is returned as an
 * `UnverifiablePermission`, and each policy reports it. Two kinds differ in kind, not degree:
 * - a value unknown at preview (a document or ARN computed from a new resource) is seen at update,
 *   when the pack runs again (`resolvesAtUpdate: true`);
 * - a policy ARN that is neither in the stack nor an AWS managed policy is never seen: its document
 *   lives outside the program (`resolvesAtUpdate: false`).
 */
import type { PolicyResource } from '@pulumi/policy';
import {
  judgeEffectivePermissions,
  resolveManagedPolicy,
  type PolicySource,
  type PolicyVerdict,
  type RolePermissions,
} from '../engine';
import type { AgentRole } from './agents';
import { RESOURCE_TYPES } from './resource-types';
import { readKnown, readPlain, type Known } from './unknowns';

export type UnverifiableKind =
  /** A policy document that is unknown (preview) or not a JSON object. */
  | 'unknown-document'
  | 'malformed-document'
  /** An attachment whose policy ARN is unknown at preview and traceable to no stack policy. */
  | 'unknown-attachment'
  /** An attached ARN that is neither a policy of this stack nor a known AWS managed policy. */
  | 'unresolved-policy'
  /** The permissions boundary could not be seen; permissions are judged without it. */
  | 'unknown-boundary'
  | 'unresolved-boundary';

export interface UnverifiablePermission {
  kind: UnverifiableKind;
  /** The document or attachment concerned, named as in `PolicySource.source`. */
  source: string;
  /** What could not be seen, e.g. `the policy document of rolePolicy:read`. */
  what: string;
  /** For a preview unknown: the resource and property that is unknown, e.g. `rolePolicy:read.policy`. */
  path: string;
  /** What could not be seen and why, without the agent's name (the policies prefix it). */
  detail: string;
  /** True when the pack sees the value at update (a preview unknown); false when it never will. */
  resolvesAtUpdate: boolean;
}

export interface AgentPermissions {
  /** What the engine judges: every visible granting document, and the boundary when visible. */
  permissions: RolePermissions;
  unverifiable: UnverifiablePermission[];
  /** Identifies the documents judged, so that the seven policies judge each role only once. */
  fingerprint: string;
}

/** A granting document found in the stack, before it is tied to a role. */
interface FoundDocument {
  source: string;
  document: Known<unknown>;
  /** Stable text of the document, for the verdict cache. */
  fingerprint: string;
}

interface CustomerPolicy {
  resource: PolicyResource;
  source: string;
  /** Lower-cased ARN output, when known. */
  arn?: string;
  /** Lower-cased `policy/<path><name>`, the resource part of its ARN, when name and path are known. */
  arnResource?: string;
  document: Known<unknown>;
  text: string;
}

/** One link from an attaching resource to a role: by a known name/ARN, or by dependency. */
interface RoleLink {
  resource: PolicyResource;
  /** Position in the stack, so that documents are listed in the program's order. */
  order: number;
  /** Lower-cased role names this link names (from a name or a role ARN). */
  roleNames: string[];
  /** URNs of the resources an unknown role reference was computed from. */
  dependencyUrns: string[];
}

interface InlineGrant extends RoleLink {
  found: FoundDocument;
  /** The IAM name of the inline policy, when known, to de-duplicate against `inlinePolicies`. */
  policyName?: string;
}

interface ArnGrant extends RoleLink {
  arn: Known<string>;
  /** Resources an unknown policy ARN was computed from. */
  arnDependencies: PolicyResource[];
  via: string;
}

/** The stack's permission-granting resources, indexed once per stack validation. */
export interface StackPermissionIndex {
  /** Grants by the lower-cased role name they name, and by the URN an unknown name came from. */
  grantsByRoleName: Map<string, Grant[]>;
  grantsByDependency: Map<string, Grant[]>;
  customerPolicies: CustomerPolicy[];
  policiesByArn: Map<string, CustomerPolicy>;
  policiesByArnResource: Map<string, CustomerPolicy>;
  policiesByUrn: Map<string, CustomerPolicy>;
}

type Grant = ({ kind: 'inline' } & InlineGrant) | ({ kind: 'arn' } & ArnGrant);

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const indexCache = new WeakMap<readonly PolicyResource[], StackPermissionIndex>();

/** Indexes the stack once; later calls with the same resources array reuse it. */
export function indexStackPermissions(resources: readonly PolicyResource[]): StackPermissionIndex {
  const cached = indexCache.get(resources);
  if (cached) return cached;
  const index: StackPermissionIndex = {
    grantsByRoleName: new Map(),
    grantsByDependency: new Map(),
    customerPolicies: [],
    policiesByArn: new Map(),
    policiesByArnResource: new Map(),
    policiesByUrn: new Map(),
  };
  const grants: Grant[] = [];
  resources.forEach((resource, order) => {
    switch (resource.type) {
      case RESOURCE_TYPES.rolePolicy: {
        const source = `rolePolicy:${resource.name}`;
        const policyName = knownString(readKnown(() => resource.props.name));
        grants.push({
          kind: 'inline',
          order,
          resource,
          ...roleLink(resource, 'role'),
          found: foundDocument(
            source,
            readPlain(() => resource.props.policy),
          ),
          ...(policyName ? { policyName: policyName.toLowerCase() } : {}),
        });
        break;
      }
      case RESOURCE_TYPES.rolePolicyAttachment:
        grants.push({
          kind: 'arn',
          order,
          resource,
          ...roleLink(resource, 'role'),
          arn: readKnown(() => resource.props.policyArn as unknown) as Known<string>,
          arnDependencies: resource.propertyDependencies?.policyArn ?? [],
          via: `rolePolicyAttachment:${resource.name}`,
        });
        break;
      case RESOURCE_TYPES.policyAttachment:
        grants.push({
          kind: 'arn',
          order,
          resource,
          ...roleListLink(resource),
          arn: readKnown(() => resource.props.policyArn as unknown) as Known<string>,
          arnDependencies: resource.propertyDependencies?.policyArn ?? [],
          via: `policyAttachment:${resource.name}`,
        });
        break;
      case RESOURCE_TYPES.rolePolicyAttachmentsExclusive:
        // Not only a restriction: the provider attaches every listed ARN that is not attached yet
        // (pulumi-aws 7, `syncAttachments` of aws_iam_role_policy_attachments_exclusive), so each
        // entry is an attachment like RolePolicyAttachment's.
        exclusiveAttachments(resource).forEach((entry) =>
          grants.push({
            kind: 'arn',
            order,
            resource,
            ...roleLink(resource, 'roleName'),
            ...entry,
            via: `rolePolicyAttachmentsExclusive:${resource.name}`,
          }),
        );
        break;
      case RESOURCE_TYPES.policy: {
        const policy = customerPolicy(resource);
        index.customerPolicies.push(policy);
        index.policiesByUrn.set(resource.urn, policy);
        if (policy.arn && !index.policiesByArn.has(policy.arn))
          index.policiesByArn.set(policy.arn, policy);
        if (policy.arnResource && !index.policiesByArnResource.has(policy.arnResource)) {
          index.policiesByArnResource.set(policy.arnResource, policy);
        }
        break;
      }
      default:
        break;
    }
  });
  for (const grant of grants) {
    for (const name of new Set(grant.roleNames)) addTo(index.grantsByRoleName, name, grant);
    for (const urn of new Set(grant.dependencyUrns)) addTo(index.grantsByDependency, urn, grant);
  }
  indexCache.set(resources, index);
  return index;
}

/**
 * Everything the agent's role is granted, as the engine's `RolePermissions`, plus what could not
 * be seen. Never throws on unknown or malformed values.
 */
export function gatherRolePermissions(
  resources: readonly PolicyResource[],
  agent: AgentRole,
): AgentPermissions {
  const index = indexStackPermissions(resources);
  const role = agent.role;
  const names = new Set<string>();
  if (agent.roleName) names.add(agent.roleName.toLowerCase());
  const roleName = knownString(readKnown(() => role.props.name));
  if (roleName) names.add(roleName.toLowerCase());
  const roleArn = knownString(readKnown(() => role.props.arn));
  const arnName = roleArn ? roleNameFromArn(roleArn) : undefined;
  if (arnName) names.add(arnName);
  const linked = new Set<Grant>();
  for (const name of names) for (const g of index.grantsByRoleName.get(name) ?? []) linked.add(g);
  for (const g of index.grantsByDependency.get(role.urn) ?? []) linked.add(g);
  const grants = [...linked].sort((a, b) => a.order - b.order);

  const documents: FoundDocument[] = [];
  const unverifiable: UnverifiablePermission[] = [];

  // Inline policies: aws.iam.RolePolicy first, because the role's `inlinePolicies` output also
  // lists them once read back from AWS; the same policy must not be judged (and reported) twice.
  const rolePolicyNames = new Set<string>();
  for (const grant of grants) {
    if (grant.kind !== 'inline') continue;
    if (grant.policyName) rolePolicyNames.add(grant.policyName);
    documents.push(grant.found);
  }
  const inline = readKnown(() => role.props.inlinePolicies as unknown);
  if (!inline.known) {
    unverifiable.push(unknownDocument('inline', "the role's inlinePolicies", inline.path));
  } else if (Array.isArray(inline.value)) {
    inline.value.forEach((entry: unknown, i: number) => {
      const name = readKnown(() => (entry as { name?: unknown }).name);
      const label =
        name.known && typeof name.value === 'string' && name.value ? name.value : `#${i}`;
      if (
        name.known &&
        typeof name.value === 'string' &&
        rolePolicyNames.has(name.value.toLowerCase())
      )
        return;
      const policy = readPlain(() => (entry as { policy?: unknown }).policy);
      // `inlinePolicies: [{}]` is the provider's idiom for "no inline policies".
      if (policy.known && (policy.value === undefined || policy.value === '')) return;
      documents.push(foundDocument(`inline:${label}`, policy));
    });
  }

  // Attached policies, each ARN once however many ways it is attached.
  const attachedArns = new Set<string>();
  const attachedCustomer = new Set<CustomerPolicy>();
  const attach = (arn: Known<string>, dependencies: readonly PolicyResource[], via: string) => {
    const resolved = resolvePolicyArn(index, arn, dependencies, via);
    if (resolved.kind === 'none') return;
    if (resolved.kind === 'managed') {
      if (attachedArns.has(resolved.found.source)) return;
      attachedArns.add(resolved.found.source);
      documents.push(resolved.found);
    } else if (resolved.kind === 'customer') {
      if (attachedCustomer.has(resolved.policy)) return;
      attachedCustomer.add(resolved.policy);
      documents.push(
        foundDocument(resolved.policy.source, resolved.policy.document, resolved.policy.text),
      );
    } else {
      unverifiable.push(resolved.problem);
    }
  };
  for (const grant of grants) {
    if (grant.kind === 'arn') attach(grant.arn, grant.arnDependencies, grant.via);
  }
  // An unknown entry of managedPolicyArns cannot be matched to one dependency, so every stack
  // policy the list was computed from is judged: judging one more document can add a finding,
  // never hide one.
  const attachUnknownManaged = () => {
    const fromStack = (role.propertyDependencies?.managedPolicyArns ?? []).filter(
      (r) => r.type === RESOURCE_TYPES.policy,
    );
    const unknownArn: Known<string> = { known: false, path: 'managedPolicyArns' };
    for (const dependency of fromStack) attach(unknownArn, [dependency], 'managedPolicyArns');
    if (fromStack.length === 0) attach(unknownArn, [], 'managedPolicyArns');
  };
  const managed = readKnown(() => role.props.managedPolicyArns as unknown);
  if (!managed.known) {
    attachUnknownManaged();
  } else if (Array.isArray(managed.value)) {
    let anyUnknown = false;
    for (let i = 0; i < managed.value.length; i++) {
      const arn = readKnown(() => (managed.value as unknown[])[i]) as Known<string>;
      if (arn.known) attach(arn, [], 'managedPolicyArns');
      else anyUnknown = true;
    }
    if (anyUnknown) attachUnknownManaged();
  }

  const permissions: RolePermissions = {
    policies: [],
  };
  for (const found of documents) {
    const parsed = parseDocument(found);
    if ('problem' in parsed) unverifiable.push(parsed.problem);
    else permissions.policies.push({ source: found.source, document: parsed.document });
  }

  // The boundary only ever removes permissions: when it cannot be seen, judging without it can
  // raise a finding the boundary would cancel, but never miss one.
  const boundary = gatherBoundary(index, role, unverifiable);
  if (boundary) permissions.boundary = boundary.source;

  const fingerprint = [
    ...documents.map((d) => `${d.source}\u0000${d.fingerprint}`),
    boundary ? `boundary\u0000${boundary.source.source}\u0000${boundary.fingerprint}` : '',
  ].join('\u0001');
  return { permissions, unverifiable, fingerprint };
}

const VERDICT_CACHE_LIMIT = 4096;
const verdictCache = new Map<string, PolicyVerdict>();

/**
 * The engine's verdict on the agent's effective permissions. The seven permission policies each
 * ask for the same role's verdict; it is computed once and cached by the documents' text.
 */
export function judgeAgentPermissions(permissions: AgentPermissions): PolicyVerdict {
  const cached = verdictCache.get(permissions.fingerprint);
  if (cached) return cached;
  const verdict = judgeEffectivePermissions(permissions.permissions);
  if (verdictCache.size >= VERDICT_CACHE_LIMIT) {
    const oldest = verdictCache.keys().next().value;
    if (oldest !== undefined) verdictCache.delete(oldest);
  }
  verdictCache.set(permissions.fingerprint, verdict);
  return verdict;
}

function gatherBoundary(
  index: StackPermissionIndex,
  role: PolicyResource,
  unverifiable: UnverifiablePermission[],
): { source: PolicySource; fingerprint: string } | undefined {
  const arn = readKnown(() => role.props.permissionsBoundary as unknown);
  if (arn.known && (arn.value === undefined || arn.value === null || arn.value === ''))
    return undefined;
  const resolved = resolvePolicyArn(
    index,
    arn as Known<string>,
    role.propertyDependencies?.permissionsBoundary ?? [],
    'permissionsBoundary',
  );
  let found: FoundDocument;
  if (resolved.kind === 'none') return undefined;
  if (resolved.kind === 'managed') found = resolved.found;
  else if (resolved.kind === 'customer') {
    found = foundDocument(resolved.policy.source, resolved.policy.document, resolved.policy.text);
  } else {
    const unresolved = resolved.problem.kind === 'unresolved-policy';
    unverifiable.push({
      kind: unresolved ? 'unresolved-boundary' : 'unknown-boundary',
      source: `boundary:${resolved.problem.source}`,
      what: unresolved ? resolved.problem.what : 'the permissions boundary ARN',
      path: unresolved ? 'permissionsBoundary' : resolved.problem.path,
      detail: unresolved
        ? `${resolved.problem.source} is not an aws.iam.Policy of this stack nor an AWS managed policy`
        : 'its ARN is unknown during preview',
      resolvesAtUpdate: resolved.problem.resolvesAtUpdate,
    });
    return undefined;
  }
  const parsed = parseDocument({ ...found, source: `boundary:${found.source}` });
  if ('problem' in parsed) {
    unverifiable.push({ ...parsed.problem, kind: 'unknown-boundary' });
    return undefined;
  }
  return {
    source: { source: `boundary:${found.source}`, document: parsed.document },
    fingerprint: found.fingerprint,
  };
}

type ResolvedArn =
  | { kind: 'none' }
  | { kind: 'managed'; found: FoundDocument }
  | { kind: 'customer'; policy: CustomerPolicy }
  | { kind: 'unverifiable'; problem: UnverifiablePermission };

function resolvePolicyArn(
  index: StackPermissionIndex,
  arn: Known<string>,
  dependencies: readonly PolicyResource[],
  via: string,
): ResolvedArn {
  if (arn.known && (typeof arn.value !== 'string' || arn.value.trim() === ''))
    return { kind: 'none' };
  if (!arn.known) {
    // At preview an ARN computed from a new aws.iam.Policy is unknown; the engine still says which
    // resource it came from.
    const policy = dependencies
      .map((d) => index.policiesByUrn.get(d.urn))
      .find((p) => p !== undefined);
    if (policy) return { kind: 'customer', policy };
    return {
      kind: 'unverifiable',
      problem: {
        kind: 'unknown-attachment',
        source: via,
        what: `the policy ARN attached by ${via}`,
        path: arn.known ? '' : arn.path,
        detail: `the policy ARN attached by ${via} is unknown during preview`,
        resolvesAtUpdate: true,
      },
    };
  }
  const value = arn.value.trim();
  const parsed = parsePolicyArn(value);
  if (parsed?.account === 'aws') {
    const document = resolveManagedPolicy(parsed.canonical) ?? resolveManagedPolicy(value);
    if (document !== undefined) {
      return {
        kind: 'managed',
        found: { source: value, document: { known: true, value: document }, fingerprint: value },
      };
    }
    return unresolvedPolicy(value, via, 'is not an AWS managed policy this pack knows');
  }
  const lower = value.toLowerCase();
  const resourcePart = parsed?.resource.toLowerCase();
  const policy =
    index.policiesByArn.get(lower) ??
    (resourcePart !== undefined ? index.policiesByArnResource.get(resourcePart) : undefined);
  if (policy) return { kind: 'customer', policy };
  return unresolvedPolicy(
    value,
    via,
    'is not an aws.iam.Policy of this stack nor an AWS managed policy',
  );
}

/** An attached ARN whose document the pack cannot see, now or at update. */
function unresolvedPolicy(arn: string, via: string, why: string) {
  return {
    kind: 'unverifiable' as const,
    problem: {
      kind: 'unresolved-policy' as const,
      source: arn,
      what: `the policy ${arn}`,
      path: via,
      detail: `${arn} (attached by ${via}) ${why}, so its document cannot be judged`,
      resolvesAtUpdate: false,
    },
  };
}

/** `arn:<partition>:iam::<account>:policy/<path><name>`; `canonical` uses the `aws` partition. */
function parsePolicyArn(
  arn: string,
): { account: string; resource: string; canonical: string } | undefined {
  const match = /^arn:(aws[a-z-]*):iam::([^:]*):(policy\/.+)$/i.exec(arn);
  if (!match) return undefined;
  return {
    account: match[2].toLowerCase(),
    resource: match[3],
    canonical: `arn:aws:iam::${match[2]}:${match[3]}`,
  };
}

/** The role name in `arn:aws:iam::<account>:role/<path><name>`, lower-cased. */
function roleNameFromArn(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/i.exec(arn.trim());
  return match ? match[1].toLowerCase() : undefined;
}

/** A role reference as RolePolicy and RolePolicyAttachment take it: a name, an id (= name) or an ARN. */
function roleNamesOf(reference: unknown): string[] {
  if (typeof reference !== 'string' || reference === '') return [];
  const fromArn = roleNameFromArn(reference);
  return [fromArn ?? reference.trim().toLowerCase()];
}

function roleLink(resource: PolicyResource, key: string): Omit<RoleLink, 'resource' | 'order'> {
  const reference = readKnown(() => resource.props[key] as unknown);
  if (reference.known) return { roleNames: roleNamesOf(reference.value), dependencyUrns: [] };
  return { roleNames: [], dependencyUrns: dependencyUrns(resource, key) };
}

function roleListLink(resource: PolicyResource): Omit<RoleLink, 'resource' | 'order'> {
  const roles = readKnown(() => resource.props.roles as unknown);
  if (!roles.known) return { roleNames: [], dependencyUrns: dependencyUrns(resource, 'roles') };
  if (!Array.isArray(roles.value)) return { roleNames: [], dependencyUrns: [] };
  const names: string[] = [];
  let anyUnknown = false;
  for (let i = 0; i < roles.value.length; i++) {
    const entry = readKnown(() => (roles.value as unknown[])[i]);
    if (entry.known) names.push(...roleNamesOf(entry.value));
    else anyUnknown = true;
  }
  return { roleNames: names, dependencyUrns: anyUnknown ? dependencyUrns(resource, 'roles') : [] };
}

/**
 * The ARNs of `policyArns`, one grant each. An unknown list or entry is one unknown attachment
 * traced through the list's dependencies (a stack policy it was computed from is then judged).
 */
function exclusiveAttachments(
  resource: PolicyResource,
): Pick<ArnGrant, 'arn' | 'arnDependencies'>[] {
  const arnDependencies = resource.propertyDependencies?.policyArns ?? [];
  const list = readKnown(() => resource.props.policyArns as unknown);
  if (!list.known) return [{ arn: list, arnDependencies }];
  if (!Array.isArray(list.value)) return [];
  const values = list.value as unknown[];
  return values.map((_, i) => {
    const arn = readKnown(() => values[i]) as Known<string>;
    return { arn, arnDependencies: arn.known ? [] : arnDependencies };
  });
}

function dependencyUrns(resource: PolicyResource, key: string): string[] {
  return (resource.propertyDependencies?.[key] ?? []).map((r) => r.urn);
}

function customerPolicy(resource: PolicyResource): CustomerPolicy {
  const arn = knownString(readKnown(() => resource.props.arn));
  const name = knownString(readKnown(() => resource.props.name));
  const path = readKnown(() => resource.props.path as unknown);
  const pathValue = path.known
    ? typeof path.value === 'string' && path.value
      ? path.value
      : '/'
    : undefined;
  const source = `policy:${resource.name}`;
  const found = foundDocument(
    source,
    readPlain(() => resource.props.policy),
  );
  return {
    resource,
    source,
    ...(arn ? { arn: arn.trim().toLowerCase() } : {}),
    ...(name && pathValue !== undefined
      ? { arnResource: `policy${pathValue}${name}`.toLowerCase() }
      : {}),
    document: found.document,
    text: found.fingerprint,
  };
}

function foundDocument(source: string, document: Known<unknown>, text?: string): FoundDocument {
  let fingerprint = text ?? '';
  if (text === undefined && document.known) {
    fingerprint =
      typeof document.value === 'string' ? document.value : safeStringify(document.value);
  }
  return { source, document, fingerprint: document.known ? fingerprint : '\u0002unknown' };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function knownString(value: Known<unknown>): string | undefined {
  return value.known && typeof value.value === 'string' && value.value !== ''
    ? value.value
    : undefined;
}

function unknownDocument(source: string, what: string, path: string): UnverifiablePermission {
  return {
    kind: 'unknown-document',
    source,
    what,
    path,
    detail: `${what} ${what.endsWith('s') ? 'are' : 'is'} unknown during preview`,
    resolvesAtUpdate: true,
  };
}

const PARSED_LIMIT = 4096;
const parsedText = new Map<string, unknown>();

/**
 * JSON text parsed once and shared: a fleet's boundary is one document for a thousand agents and
 * seven policies, and the same object lets the engine reuse what it derived from it.
 */
function parseJsonOnce(text: string): unknown {
  if (parsedText.has(text)) return parsedText.get(text);
  const parsed: unknown = JSON.parse(text);
  if (parsedText.size >= PARSED_LIMIT) {
    const oldest = parsedText.keys().next().value;
    if (oldest !== undefined) parsedText.delete(oldest);
  }
  parsedText.set(text, parsed);
  return parsed;
}

/** A document as the engine takes it: JSON text parsed, an object passed through. */
function parseDocument(
  found: FoundDocument,
): { document: unknown } | { problem: UnverifiablePermission } {
  if (!found.document.known) {
    const what = `the policy document of ${found.source}`;
    return { problem: unknownDocument(found.source, what, found.document.path) };
  }
  const value = found.document.value;
  if (typeof value !== 'string') {
    if (value && typeof value === 'object' && !Array.isArray(value)) return { document: value };
    return {
      problem: malformed(
        found.source,
        `is ${JSON.stringify(value) ?? String(value)}, not a JSON object`,
      ),
    };
  }
  try {
    const parsed = parseJsonOnce(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { document: parsed };
    return { problem: malformed(found.source, `is ${value}, not a JSON object`) };
  } catch (e) {
    return { problem: malformed(found.source, `is not valid JSON (${(e as Error).message})`) };
  }
}

function malformed(source: string, what: string): UnverifiablePermission {
  return {
    kind: 'malformed-document',
    source,
    what: `the policy document of ${source}`,
    path: source,
    detail: `the policy document of ${source} ${what}; write it with JSON.stringify or aws.iam.getPolicyDocument`,
    resolvesAtUpdate: false,
  };
}
