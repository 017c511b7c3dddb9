/**
 * A permissions boundary: what it allows and denies, derived once per boundary document, and the
 * intersection of a role's grants with it.
 */
import { conditionScopesActions } from './conditions';
import { parsePolicySource } from './document';
import { denyRulesOf, grantsOf, type DenyRule, type Grant } from './grants';
import { Memo } from './memo';
import { resourceCovered } from './scope';
import type { DocumentProblem, PolicySource } from './types';

/** What a permissions boundary allows and denies. */
export interface JudgedBoundary {
  grants: readonly Grant[];
  denies: readonly DenyRule[];
  problems: readonly DocumentProblem[];
}

/**
 * A fleet shares a few boundaries across many agents, and expanding `Allow *` is most of the
 * cost of judging one agent (about 1.4 ms against 0.02 ms without a boundary). Keyed by the
 * document's JSON text, so a copy hits the cache and a mutated object misses it. What is cached
 * is never mutated: intersecting makes new grants, and subtracting only touches those.
 */
const boundaries = new Memo<string, JudgedBoundary>({ limit: 64 });

export function judgedBoundary(boundary: PolicySource): JudgedBoundary {
  const text =
    typeof boundary.document === 'string' ? boundary.document : JSON.stringify(boundary.document);
  return boundaries.get(`${boundary.source}\u0000${text}`, () => {
    const problems: DocumentProblem[] = [];
    const statements = parsePolicySource(boundary, problems);
    return { grants: grantsOf(statements), denies: denyRulesOf(statements), problems };
  });
}

/**
 * Whether `outer` reaches every resource `resource` names. A NotResource grant is taken to cover
 * it (it reaches all but a few resources): the boundary then keeps the grant, the cautious side.
 */
function grantCovers(outer: Grant, resource: string | undefined): boolean {
  if (outer.resource === undefined || outer.resource.trim() === '*') return true;
  return resource !== undefined && resourceCovered([outer.resource], resource);
}

/**
 * Intersects a role's grants with its permissions boundary: an action is effective only where the
 * boundary allows it too. The narrower resource wins; the grant's condition scopes the result, and
 * the boundary statement's condition scopes it when it limits the resource for these actions.
 */
export function intersectWithBoundary(
  grants: readonly Grant[],
  boundary: readonly Grant[],
): Grant[] {
  const out: Grant[] = [];
  for (const grant of grants) {
    for (const limit of boundary) {
      let resource: string | undefined;
      if (grantCovers(limit, grant.resource)) resource = grant.resource;
      else if (grantCovers(grant, limit.resource)) resource = limit.resource;
      else continue;
      const actions = grant.actions.intersection(limit.actions);
      if (actions.isEmpty()) continue;
      out.push({
        statement: grant.statement,
        actions,
        ...(resource !== undefined ? { resource } : {}),
        // The boundary's condition limits what it covers, judged for these actions only.
        limitedByCondition:
          grant.limitedByCondition || conditionScopesActions(limit.statement.condition, actions),
        ...(grant.creation ? { creation: true } : {}),
      });
    }
  }
  return out;
}
