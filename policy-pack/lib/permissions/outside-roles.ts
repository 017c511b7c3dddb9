/**
 * The roles an agent may assume that the stack does not declare: a role ARN (or a pattern of
 * them) in the `Resource` of an Allow of `sts:AssumeRole` that names no role of the stack. What
 * such a role can do is never seen, so assuming it is a way around every permission policy, as an
 * attachment by ARN of a policy outside the stack would be. `*` and other patterns that are not
 * role ARNs are left to agent-no-credentials-exposure, which refuses them.
 */
import type { PolicyResource } from '@pulumi/policy';
import { allowsActionOn, type RolePermissions } from '../../engine';
import { asArray, documentStatements } from '../../engine/element-names';
import { matchesGlob } from '../../engine/glob';
import { RESOURCE_TYPES } from '../resource-types';
import { factsOf, roleMatcher } from './assumed-roles';

const ROLE_ARN = /^arn:[^:]*:iam::[^:]*:role\//i;

/** Each role ARN pattern the permissions allow `sts:AssumeRole` on that names no stack role. */
export function outsideRoleGrants(
  resources: readonly PolicyResource[],
  permissions: RolePermissions,
): string[] {
  const roles = resources.filter((r) => r.type === RESOURCE_TYPES.role).map(factsOf);
  const found = new Set<string>();
  for (const source of permissions.policies) {
    for (const s of documentStatements(source.document)) {
      if (s.Effect !== 'Allow') continue;
      for (const pattern of asArray(s.Resource)) {
        if (typeof pattern !== 'string' || !ROLE_ARN.test(pattern) || found.has(pattern)) continue;
        if (roles.some((r) => roleMatcher(r)(pattern))) continue;
        // Allowed after every Deny and the boundary, by the statements that name it.
        const allowed = allowsActionOn(
          permissions,
          'sts:AssumeRole',
          (p) => p === pattern || matchesGlob(p, pattern, { caseSensitive: true }),
        );
        if (allowed) found.add(pattern);
      }
    }
  }
  return [...found];
}
