/**
 * Detection, category by category: what each statement, and the role as a whole, allows on any
 * resource that is dangerous. Detection states facts; `messages.ts` words them.
 */
import {
  catalogue,
  expandPattern,
  idsInCatalogueOrder as ids,
  idsOfOrdinals,
  ordinalOf,
  type CatalogueAction,
} from './catalogue';
import {
  CREDENTIALS,
  EXFILTRATION,
  MANAGES_PERMISSIONS,
  traitsByOrdinal,
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

  // One pass, by ordinal: a `*` statement holds every catalogue action.
  const table = traitsByOrdinal();
  const buckets: number[][] = [[], [], [], []];
  let ascending = true;
  let previous = -1;
  // A session that the statement requires to be read-only only reads.
  const readOnlySessions = readOnlySessionActions(statement.condition);
  for (const action of unconstrained) {
    const ordinal = ordinalOf(action);
    if (ordinal < previous) ascending = false;
    previous = ordinal;
    let traits = table[ordinal] ?? 0;
    if (readOnlySessions.size > 0 && readOnlySessions.has(action)) traits &= ~WRITE;
    if (traits & CREDENTIALS) buckets[0].push(ordinal);
    if (traits & MANAGES_PERMISSIONS) buckets[1].push(ordinal);
    if (traits & EXFILTRATION) buckets[2].push(ordinal);
    if (traits & WRITE) buckets[3].push(ordinal);
  }
  const [credentials, exposure, exfiltration, writes] = buckets.map((b) =>
    idsOfOrdinals(b, ascending),
  );

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
    const granted = ids(reach.remaining);
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
      const expanded = expandPattern(pattern);
      // Nothing denied (every catalogue action remains): the expansion is what remains of it.
      const everything = reach.remaining.size === catalogue().all.length;
      const matched = ids(everything ? expanded : expanded.filter((a) => reach.remaining.has(a)));
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

/** Findings of the statements together: administrator access, privilege-escalation methods. */
function roleDetections(reaches: readonly StatementReach[]): Detection[] {
  const granting = reaches.filter((r) => r.unconstrained.size > 0);
  const grantedBy = (action: CatalogueAction): StatementReach | undefined =>
    granting.find((r) => r.unconstrained.has(action));
  const granted = (id: string): StatementReach | undefined => {
    const action = catalogue().byId.get(id);
    return action ? grantedBy(action) : undefined;
  };
  let grantedCount = 0;
  if (granting.length === 1) grantedCount = granting[0].unconstrained.size;
  else if (granting.length > 1) {
    const union = new Set<CatalogueAction>();
    for (const reach of granting) for (const action of reach.unconstrained) union.add(action);
    grantedCount = union.size;
  }
  const out: Detection[] = [];
  const all = catalogue().all;
  const iamActions = catalogue().byService.get('iam') ?? [];
  if (grantedCount >= ADMIN_SHARE * all.length && iamActions.every((a) => grantedBy(a))) {
    const widest = reaches.reduce((a, b) => (b.unconstrained.size > a.unconstrained.size ? b : a));
    out.push({
      category: 'admin',
      statement: widest.statement,
      actions: ids(widest.unconstrained),
      resources: widest.unconstrainedResources,
      grantedCount,
      catalogueSize: all.length,
    });
  }
  for (const [method, actions] of Object.entries(PRIVILEGE_ESCALATION_METHODS)) {
    if (!actions.every((a) => granted(a))) continue;
    const involved = actions.map((a) => granted(a) as StatementReach);
    out.push({
      category: 'privilege-escalation',
      statement: involved[0].statement,
      actions: actions.map((a) => catalogue().byId.get(a)?.id ?? a),
      resources: [...new Set(involved.flatMap((r) => r.unconstrainedResources))],
      privescMethod: method,
    });
  }
  for (const [path, { actions, how, example }] of Object.entries(FURTHER_ESCALATION_PATHS)) {
    if (!actions.every((a) => granted(a))) continue;
    const involved = actions.map((a) => granted(a) as StatementReach);
    out.push({
      category: 'wildcard-resource-write',
      statement: involved[0].statement,
      actions: actions.map((a) => catalogue().byId.get(a)?.id ?? a),
      resources: [...new Set(involved.flatMap((r) => r.unconstrainedResources))],
      escalationPath: path,
      how,
      example,
    });
  }
  return out;
}
