/**
 * What an agent's role can really do, gathered from every resource in the stack that grants it
 * permissions: the role's own `inlinePolicies` and `managedPolicyArns`, `aws.iam.RolePolicy`,
 * `aws.iam.RolePolicyAttachment` and `aws.iam.PolicyAttachment`, customer-managed `aws.iam.Policy`
 * documents and AWS managed policies resolved by ARN, and the permissions boundary. What cannot
 * be seen is returned as an `UnverifiablePermission`, never dropped.
 */
import type { PolicyResource } from '@pulumi/policy';
import type { PolicySource, RolePermissions } from '../../engine';
import type { AgentRole } from '../agents';
import { RESOURCE_TYPES } from '../resource-types';
import { readKnown, readPlain, type Known } from '../unknowns';
import { canonicalDocument } from '../same-document';
import { parseRoleArn } from '../agents';
import { resolvePolicyArn } from './arns';
import { resourcePolicyGrants } from './resource-policies';
import { foundDocument, parseDocument, type FoundDocument } from './documents';
import {
  indexStackPermissions,
  knownString,
  roleNameFromArn,
  type CustomerPolicy,
  type Grant,
  type StackPermissionIndex,
} from './stack-index';
import { unknownDocument, type UnverifiablePermission } from './unverifiable';

export interface AgentPermissions {
  /** What the engine judges: every visible granting document, and the boundary when visible. */
  permissions: RolePermissions;
  unverifiable: UnverifiablePermission[];
  /** Identifies the documents judged, so that the seven policies judge each role only once. */
  fingerprint: string;
}

/**
 * Everything the agent's role is granted, as the engine's `RolePermissions`, plus what could not
 * be seen. Never throws on unknown or malformed values.
 */
export function gatherRolePermissions(
  resources: readonly PolicyResource[],
  /** The role, and its IAM name when known: any role, not only an agent's, can be gathered. */
  agent: Pick<AgentRole, 'role' | 'roleName'>,
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
  // By name, the content of each RolePolicy: an inline entry of that name is the same policy
  // only when its content is the same; otherwise AWS keeps whichever was applied last, so both
  // are judged (agent-inline-policy-names-unique reports the collision).
  const rolePolicyNames = new Map<string, Set<string>>();
  for (const grant of grants) {
    if (grant.kind !== 'inline') continue;
    if (grant.policyName && grant.found.document.known) {
      const seen = rolePolicyNames.get(grant.policyName) ?? new Set<string>();
      rolePolicyNames.set(
        grant.policyName,
        seen.add(canonicalDocument(grant.found.document.value)),
      );
    }
    documents.push(grant.found);
  }
  const inline = readKnown(() => role.props.inlinePolicies as unknown);
  if (!inline.known) {
    unverifiable.push(unknownDocument('inline', "the role's inlinePolicies", inline.path, role));
  } else if (Array.isArray(inline.value)) {
    inline.value.forEach((entry: unknown, i: number) => {
      const name = readKnown(() => (entry as { name?: unknown }).name);
      const label =
        name.known && typeof name.value === 'string' && name.value ? name.value : `#${i}`;
      const policy = readPlain(() => (entry as { policy?: unknown }).policy);
      if (
        name.known &&
        typeof name.value === 'string' &&
        policy.known &&
        rolePolicyNames.get(name.value.toLowerCase())?.has(canonicalDocument(policy.value))
      )
        return;
      // `inlinePolicies: [{}]` is the provider's idiom for "no inline policies".
      if (policy.known && (policy.value === undefined || policy.value === '')) return;
      documents.push(foundDocument(`inline:${label}`, policy, undefined, role));
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

  // Resource policies of the stack that name the role (or everyone in its account) grant it too.
  const account = roleArn ? parseRoleArn(roleArn)?.accountId : undefined;
  documents.push(
    ...resourcePolicyGrants(resources, {
      role,
      ...(roleArn ? { arn: roleArn } : {}),
      ...(account ? { account } : {}),
    }),
  );

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
