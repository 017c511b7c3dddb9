/**
 * Roles an agent can become: a role of the stack is reached when the agent's permissions allow
 * `sts:AssumeRole` on it and its trust policy lets the agent in. What a reached role can do is what
 * the agent can do, so each is judged as the agent's, with the path. Chains are followed to a fixed
 * point (a role reached from a reached role), and a role is visited once, so cycles end.
 *
 * Sources: IAM User Guide, "Policy evaluation logic" (to assume a role across the same account,
 * the caller's identity policy must allow `sts:AssumeRole` on the role and the role's trust must
 * trust the caller) and "Switching to an IAM role (AWS API)" (role chaining). Doubts resolve
 * towards "reached": conditions are assumed to hold, and a trust of the account lets in any of its
 * principals that their own policies allow.
 */
import type { PolicyResource } from '@pulumi/policy';
import { allowsActionOn, type ResourceMatcher } from '../../engine';
import { matchesGlob } from '../../engine/glob';
import { type AgentRole, parseRoleArn, readString, readTrust, rolesMatchingArn } from '../agents';
import { RESOURCE_TYPES } from '../resource-types';
import { assumingPrincipals, type TrustedPrincipal } from '../trust';
import { gatherRolePermissions, type AgentPermissions } from './gather';

export interface ReachedRole {
  role: PolicyResource;
  /** Its IAM name, or Pulumi name when the IAM name is unknown. */
  label: string;
  /** Labels from the agent's role to this one, both included. */
  path: string[];
  permissions: AgentPermissions;
}

/** @internal What identifies a role: its ARN, name, path and account, where known. */
export interface RoleFacts {
  role: PolicyResource;
  label: string;
  arn?: string;
  name?: string;
  path?: string;
  account?: string;
}

/** @internal */
export function factsOf(role: PolicyResource): RoleFacts {
  const arn = readString(role, 'arn');
  const name = readString(role, 'name');
  const path = readString(role, 'path');
  const knownArn = arn.known ? arn.value : undefined;
  const parts = knownArn ? parseRoleArn(knownArn) : undefined;
  return {
    role,
    label: (name.known && name.value) || role.name,
    ...(knownArn ? { arn: knownArn } : {}),
    ...(name.known && name.value ? { name: name.value } : {}),
    ...(path.known ? { path: path.value ?? '/' } : {}),
    ...(parts ? { account: parts.accountId } : {}),
  };
}

/** Whether a resource pattern names the role: by its ARN, else by path and name in any account. */
export function roleMatcher(target: RoleFacts): ResourceMatcher {
  return (pattern) => {
    if (target.arn !== undefined) return matchesGlob(pattern, target.arn, { caseSensitive: true });
    if (pattern === '*') return true;
    if (target.name === undefined) return false;
    const segments = pattern.split(':');
    const account =
      segments.length >= 6 && /^\d{12}$/.test(segments[4]) ? segments[4] : '000000000000';
    const partition = segments.length >= 2 && /^[a-z-]+$/.test(segments[1]) ? segments[1] : 'aws';
    const candidate = `arn:${partition}:iam::${account}:role${target.path ?? '/'}${target.name}`;
    return matchesGlob(pattern, candidate, { caseSensitive: true });
  };
}

/** How a trusted principal lets the caller in: by naming it, or as its account or anyone. */
export type Admission = 'named' | 'account' | 'anyone';

/** @internal Whether one trusted principal lets the caller in, and how. */
export function principalAdmits(
  p: TrustedPrincipal,
  caller: RoleFacts,
  resources: readonly PolicyResource[],
): Admission | undefined {
  if (p.kind === 'anyone') return 'anyone';
  if (p.kind !== 'aws') return undefined;
  if (caller.arn !== undefined && p.value === caller.arn) return 'named';
  const account = /^\d{12}$/.test(p.value)
    ? p.value
    : /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(p.value)?.[1];
  if (account !== undefined) {
    // The account: any of its principals whose own policies allow it.
    return caller.account === undefined || caller.account === account ? 'account' : undefined;
  }
  if (parseRoleArn(p.value) && rolesMatchingArn(resources, p.value).includes(caller.role)) {
    return 'named';
  }
  return undefined;
}

/** Whether the target's trust lets the caller assume it. */
export function trustLetsIn(
  target: RoleFacts,
  caller: RoleFacts,
  resources: readonly PolicyResource[],
): boolean {
  const trust = readTrust(target.role);
  if (!trust.known) {
    // Computed from the caller (its ARN at preview): written to let it in.
    return (target.role.propertyDependencies?.assumeRolePolicy ?? []).includes(caller.role);
  }
  if (!trust.value.ok) return false;
  return assumingPrincipals(trust.value.statements).some(
    (p) => principalAdmits(p, caller, resources) !== undefined,
  );
}

/** The stack's roles the agent can assume, directly or through a chain, in the order reached. */
export function assumedRoles(
  resources: readonly PolicyResource[],
  agent: AgentRole,
  own: AgentPermissions,
): ReachedRole[] {
  // Most agents cannot assume any role: then nothing of the stack needs reading.
  if (!allowsActionOn(own.permissions, 'sts:AssumeRole', () => true)) return [];
  const roles = resources.filter((r) => r.type === RESOURCE_TYPES.role).map(factsOf);
  const start = roles.find((r) => r.role === agent.role) ?? factsOf(agent.role);
  const visited = new Set<PolicyResource>([agent.role]);
  const reached: ReachedRole[] = [];
  const queue: { facts: RoleFacts; permissions: AgentPermissions; path: string[] }[] = [
    { facts: start, permissions: own, path: [start.label] },
  ];
  while (queue.length > 0) {
    const from = queue.shift()!;
    if (
      from.path.length > 1 &&
      !allowsActionOn(from.permissions.permissions, 'sts:AssumeRole', () => true)
    ) {
      continue;
    }
    for (const target of roles) {
      if (visited.has(target.role)) continue;
      if (!allowsActionOn(from.permissions.permissions, 'sts:AssumeRole', roleMatcher(target))) {
        continue;
      }
      if (!trustLetsIn(target, from.facts, resources)) continue;
      visited.add(target.role);
      const permissions = gatherRolePermissions(resources, {
        role: target.role,
        ...(target.name ? { roleName: target.name } : {}),
      });
      const path = [...from.path, target.label];
      reached.push({ role: target.role, label: target.label, path, permissions });
      queue.push({ facts: target, permissions, path });
    }
  }
  return reached;
}
