/**
 * Whether a permissions boundary caps: it must leave every action of `boundary.requiredDenies`
 * (by default the fleet's own denies, `./boundary-denies`) not allowed, either by a Deny without
 * condition or by allowing none of it. A boundary of `Allow *` with no Deny, or AWS's
 * AdministratorAccess or PowerUserAccess, leaves them allowed and so caps nothing that matters.
 */
import { documentPermissions } from '../engine/effective-permissions';
import { expandActionPattern, type CatalogueAction } from '../engine';
import { Memo } from '../engine/memo';

export interface BoundaryGap {
  /** A required pattern the boundary leaves (partly) allowed. */
  pattern: string;
  /** The actions of that pattern it allows, as catalogue ids. */
  actions: string[];
}

export interface BoundaryCapping {
  gaps: BoundaryGap[];
  /** The document's first problem, when a statement could not be read. */
  problem?: string;
}

const allowedByBoundary = new Memo<string, { allowed: Set<CatalogueAction>; problem?: string }>({
  limit: 64,
});

function allowedActions(document: unknown): { allowed: Set<CatalogueAction>; problem?: string } {
  const key = typeof document === 'string' ? document : JSON.stringify(document);
  return allowedByBoundary.get(key, () => {
    const { reaches, problems } = documentPermissions(document);
    const allowed = new Set<CatalogueAction>();
    for (const reach of reaches) for (const action of reach.remaining) allowed.add(action);
    const error = problems.find((p) => p.severity === 'error');
    return error ? { allowed, problem: error.message } : { allowed };
  });
}

/** What of `required` the boundary document still allows. */
export function boundaryCapping(document: unknown, required: readonly string[]): BoundaryCapping {
  const { allowed, problem } = allowedActions(document);
  const gaps: BoundaryGap[] = [];
  for (const pattern of required) {
    const actions = expandActionPattern(pattern)
      .filter((a) => allowed.has(a))
      .map((a) => a.id);
    if (actions.length > 0) gaps.push({ pattern, actions });
  }
  return problem !== undefined ? { gaps, problem } : { gaps };
}
