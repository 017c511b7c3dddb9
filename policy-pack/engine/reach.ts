/** Per statement: what it still grants after Denies and the boundary, and on which resources. */
import { ActionSet } from './action-set';
import type { ParsedStatement } from './statement';
import type { Grant } from './grants';
import { isUnconstrainedResource } from './scope';

export interface StatementReach {
  statement: ParsedStatement;
  /** What it grants on any resource. */
  unconstrained: ActionSet;
  unconstrainedResources: string[];
  /** Everything it still grants, on any of its resources (for wildcard-action). */
  remaining: ActionSet;
}

function isUnconstrained(grant: Grant): boolean {
  if (grant.limitedByCondition || grant.creation) return false;
  return grant.resource === undefined || isUnconstrainedResource(grant.resource);
}

export function reachOf(grants: readonly Grant[]): StatementReach[] {
  const byStatement = new Map<ParsedStatement, StatementReach>();
  const grantCount = new Map<ParsedStatement, number>();
  for (const grant of grants)
    grantCount.set(grant.statement, (grantCount.get(grant.statement) ?? 0) + 1);
  for (const grant of grants) {
    if (grantCount.get(grant.statement) === 1) {
      // The common case: one Resource entry. Its sets are the statement's; no copying.
      const unconstrained = !grant.actions.isEmpty() && isUnconstrained(grant);
      byStatement.set(grant.statement, {
        statement: grant.statement,
        remaining: grant.actions,
        unconstrained: unconstrained ? grant.actions : ActionSet.empty(),
        unconstrainedResources: unconstrained
          ? [grant.resource ?? `NotResource ${JSON.stringify(grant.statement.resources)}`]
          : [],
      });
      continue;
    }
    let reach = byStatement.get(grant.statement);
    if (!reach) {
      reach = {
        statement: grant.statement,
        unconstrained: ActionSet.empty(),
        unconstrainedResources: [],
        remaining: ActionSet.empty(),
      };
      byStatement.set(grant.statement, reach);
    }
    reach.remaining.addAll(grant.actions);
    if (!grant.actions.isEmpty() && isUnconstrained(grant)) {
      reach.unconstrained.addAll(grant.actions);
      const shown = grant.resource ?? `NotResource ${JSON.stringify(grant.statement.resources)}`;
      if (!reach.unconstrainedResources.includes(shown)) reach.unconstrainedResources.push(shown);
    }
  }
  return [...byStatement.values()];
}
