/** Per statement: what it still grants after Denies and the boundary, and on which resources. */
import type { CatalogueAction } from './catalogue';
import type { ParsedStatement } from './statement';
import type { Grant } from './grants';
import { isUnconstrainedResource } from './scope';

export interface StatementReach {
  statement: ParsedStatement;
  /** What it grants on any resource. */
  unconstrained: Set<CatalogueAction>;
  unconstrainedResources: string[];
  /** Everything it still grants, on any of its resources (for wildcard-action). */
  remaining: Set<CatalogueAction>;
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
      const unconstrained = grant.actions.size > 0 && isUnconstrained(grant);
      byStatement.set(grant.statement, {
        statement: grant.statement,
        remaining: grant.actions,
        unconstrained: unconstrained ? grant.actions : new Set(),
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
        unconstrained: new Set(),
        unconstrainedResources: [],
        remaining: new Set(),
      };
      byStatement.set(grant.statement, reach);
    }
    for (const action of grant.actions) reach.remaining.add(action);
    if (grant.actions.size > 0 && isUnconstrained(grant)) {
      for (const action of grant.actions) reach.unconstrained.add(action);
      const shown = grant.resource ?? `NotResource ${JSON.stringify(grant.statement.resources)}`;
      if (!reach.unconstrainedResources.includes(shown)) reach.unconstrainedResources.push(shown);
    }
  }
  return [...byStatement.values()];
}
