/**
 * Latent grants: what a role's own documents allow (after their own Denies) that its permissions
 * boundary takes away. They grant nothing today, and are silently ignored by every finding; but
 * they become live the day the boundary is loosened or removed, so they are worth reporting.
 * Judged per action: an action the documents allow on some resource and the boundary leaves
 * nowhere is latent.
 */
import { intersectWithBoundary, judgedBoundary } from './boundary';
import { ActionSet } from './action-set';
import { parsePolicySource } from './document';
import { denyRulesOf, grantsOf, subtractDenies } from './grants';
import type { DocumentProblem, RolePermissions } from './types';

/** Actions the role's documents allow and its boundary caps, in catalogue order. */
export function latentGrants(role: RolePermissions): string[] {
  if (!role.boundary || !Array.isArray(role.policies)) return [];
  const problems: DocumentProblem[] = [];
  const statements = role.policies.flatMap((p) =>
    p && typeof p === 'object' ? parsePolicySource(p, problems) : [],
  );
  const written = grantsOf(statements);
  subtractDenies(written, denyRulesOf(statements));
  const declared = ActionSet.empty();
  for (const grant of written) declared.addAll(grant.actions);
  if (declared.isEmpty()) return [];

  const boundary = judgedBoundary(role.boundary);
  const effective = intersectWithBoundary(written, boundary.grants);
  subtractDenies(effective, boundary.denies);
  const live = ActionSet.empty();
  for (const grant of effective) live.addAll(grant.actions);
  return declared.deleteAll(live).ids();
}
