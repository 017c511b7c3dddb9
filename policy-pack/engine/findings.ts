/**
 * Detection, category by category: what each statement, and the role as a whole, allows on any
 * resource that is dangerous. Detection states facts; `messages.ts` words them.
 */
import { ActionSet, patternSet } from './action-set';
import { catalogue, type CatalogueAction } from './catalogue';
import { lazy } from './memo';
import {
  actionsWithTrait,
  CREDENTIALS,
  EXFILTRATION,
  MANAGES_PERMISSIONS,
  WRITE,
} from './action-traits';
import type { Detection } from './detection';
import type { StatementReach } from './reach';
import {
  FURTHER_ESCALATION_PATHS,
  PRIVILEGE_ESCALATION_METHODS,
} from './rules/privilege-escalation-methods';
import { readOnlySessionActions } from './rules/session-mode';

/** The share of the catalogue that makes a grant "(nearly) every action". */
const ADMIN_SHARE = 0.9;

/** Every finding in the reaches: the role-wide ones first, then statement by statement. */
export function detectFindings(reaches: readonly StatementReach[]): Detection[] {
  return [...roleDetections(reaches), ...reaches.flatMap(statementDetections)];
}

/** A service-wide or global wildcard as written: `*`, `*:*`, `s3:*`. */
function isServiceWildcard(pattern: string): boolean {
  const p = pattern.trim();
  if (/^\*+$/.test(p)) return true;
  const colon = p.indexOf(':');
  // `s3:*`, `*:*`, and `s3*:*` (every action of s3, s3express, s3-object-lambda…).
  return colon > 0 && /^\*+$/.test(p.slice(colon + 1));
}

function statementDetections(reach: StatementReach): Detection[] {
  const out: Detection[] = [];
  const { statement, unconstrained } = reach;
  const resources = reach.unconstrainedResources;

  // Word operations on the bitsets: a `*` statement holds every catalogue action.
  const credentials = unconstrained.intersection(actionsWithTrait(CREDENTIALS)).idList();
  const exposure = unconstrained.intersection(actionsWithTrait(MANAGES_PERMISSIONS)).idList();
  const exfiltration = unconstrained.intersection(actionsWithTrait(EXFILTRATION)).idList();
  const writing = unconstrained.intersection(actionsWithTrait(WRITE));
  // A session that the statement requires to be read-only only reads.
  for (const action of readOnlySessionActions(statement.condition, writing)) {
    writing.delete(action);
  }
  const writes = writing.idList();

  if (credentials.length > 0) {
    out.push({ category: 'credentials-exposure', statement, actions: credentials, resources });
  }
  if (exposure.length > 0) {
    out.push({ category: 'resource-exposure', statement, actions: exposure, resources });
  }
  if (exfiltration.length > 0) {
    out.push({ category: 'data-exfiltration', statement, actions: exfiltration, resources });
  }
  if (writes.length > 0) {
    out.push({ category: 'wildcard-resource-write', statement, actions: writes, resources });
  }
  if (statement.notAction) {
    const granted = reach.remaining.idList();
    if (granted.length > 0) {
      out.push({
        category: 'wildcard-action',
        statement,
        actions: granted,
        resources: statement.resources,
        exceptNotAction: statement.actions,
      });
    }
  } else {
    for (const pattern of statement.actions.filter(isServiceWildcard)) {
      const matched = patternSet(pattern).intersection(reach.remaining).idList();
      if (matched.length === 0) continue;
      out.push({
        category: 'wildcard-action',
        statement,
        actions: matched,
        resources: statement.resources,
        pattern,
      });
    }
  }
  return out;
}

/** A method or path of the tables, its actions resolved in the catalogue once. */
interface ResolvedMethod {
  actions: readonly string[];
  /** Canonical ids, or the table's id when the catalogue lacks the action. */
  ids: string[];
  /**
   * All its actions; undefined when one is not in the catalogue, so it never applies. A list,
   * not a set: a method names two to four actions of services far apart in the catalogue, and a
   * lookup each is cheaper than a subset test over the hundreds of words between them.
   */
  required?: readonly CatalogueAction[];
}

function resolve(actions: readonly string[]): ResolvedMethod {
  const found = actions.map((a) => catalogue().byId.get(a));
  const ids = actions.map((a, i) => found[i]?.id ?? a);
  if (found.some((a) => a === undefined)) return { actions, ids };
  return { actions, ids, required: found as CatalogueAction[] };
}

/** Whether `set` holds every action of `required` (none when `required` is undefined). */
function holdsAll(set: ActionSet, required: readonly CatalogueAction[] | undefined): boolean {
  if (!required) return false;
  for (const action of required) if (!set.has(action)) return false;
  return true;
}

const methods = lazy(() =>
  Object.entries(PRIVILEGE_ESCALATION_METHODS).map(([method, actions]) => ({
    method,
    ...resolve(actions),
  })),
);

const paths = lazy(() =>
  Object.entries(FURTHER_ESCALATION_PATHS).map(([path, { actions, how, example }]) => ({
    path,
    how,
    example,
    ...resolve(actions),
  })),
);

/** Findings of the statements together: administrator access, privilege-escalation methods. */
function roleDetections(reaches: readonly StatementReach[]): Detection[] {
  const granting = reaches.filter((r) => !r.unconstrained.isEmpty());
  if (granting.length === 0) return [];
  const grantedBy = (action: CatalogueAction): StatementReach | undefined =>
    granting.find((r) => r.unconstrained.has(action));
  const granted = (id: string): StatementReach | undefined => {
    const action = catalogue().byId.get(id);
    return action ? grantedBy(action) : undefined;
  };
  let union = granting[0].unconstrained;
  if (granting.length > 1) {
    union = ActionSet.empty();
    for (const reach of granting) union.addAll(reach.unconstrained);
  }
  const grantedCount = union.size;
  const out: Detection[] = [];
  const catalogueSize = catalogue().size;
  if (grantedCount >= ADMIN_SHARE * catalogueSize && patternSet('iam:*').isSubsetOf(union)) {
    const widest = reaches.reduce((a, b) => (b.unconstrained.size > a.unconstrained.size ? b : a));
    out.push({
      category: 'admin',
      statement: widest.statement,
      actions: widest.unconstrained.idList(),
      resources: widest.unconstrainedResources,
      grantedCount,
      catalogueSize,
    });
  }
  // Every action of a method is granted by some statement exactly when the union holds them all.
  for (const { method, actions, ids, required } of methods()) {
    if (!holdsAll(union, required)) continue;
    const involved = actions.map((a) => granted(a) as StatementReach);
    out.push({
      category: 'privilege-escalation',
      statement: involved[0].statement,
      actions: ids.slice(),
      resources: [...new Set(involved.flatMap((r) => r.unconstrainedResources))],
      privescMethod: method,
    });
  }
  for (const { path, how, example, actions, ids, required } of paths()) {
    if (!holdsAll(union, required)) continue;
    const involved = actions.map((a) => granted(a) as StatementReach);
    out.push({
      category: 'wildcard-resource-write',
      statement: involved[0].statement,
      actions: ids.slice(),
      resources: [...new Set(involved.flatMap((r) => r.unconstrainedResources))],
      escalationPath: path,
      how,
      example,
    });
  }
  return out;
}
