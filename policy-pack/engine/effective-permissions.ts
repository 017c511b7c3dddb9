/**
 * What a document, or a role's set of documents, really allows: the union of its Allow
 * statements, minus every explicit Deny (from any of them or the boundary), intersected with the
 * permissions boundary; then, per statement, what that leaves it and on which resources.
 */
import { intersectWithBoundary, judgedBoundary } from './boundary';
import { parseDocument, parsePolicySource } from './document';
import type { ParsedStatement } from './statement';
import { denyRulesOf, grantsOf, subtractDenies } from './grants';
import { reachOf, type StatementReach } from './reach';
import type { DocumentProblem, RolePermissions } from './types';

export interface EffectivePermissions {
  reaches: StatementReach[];
  problems: DocumentProblem[];
}

/** One identity-policy document on its own. */
export function documentPermissions(document: unknown): EffectivePermissions {
  const { statements, problems } = parseDocument(document);
  return { reaches: reachOfStatements(statements), problems };
}

/** A role: its policies together, within its boundary. */
export function rolePermissions(role: RolePermissions): EffectivePermissions {
  const problems: DocumentProblem[] = [];
  const policies = Array.isArray(role?.policies) ? role.policies : [];
  if (!Array.isArray(role?.policies)) {
    problems.push({
      field: 'policies',
      value: role?.policies,
      severity: 'error',
      message: 'policies must be an array of { source, document }',
    });
  }
  const statements = policies.flatMap((p) =>
    p && typeof p === 'object' ? parsePolicySource(p, problems) : [],
  );
  if (!role?.boundary) return { reaches: reachOfStatements(statements), problems };
  const denies = denyRulesOf(statements);
  const boundary = judgedBoundary(role.boundary);
  for (const problem of boundary.problems) problems.push({ ...problem });
  denies.push(...boundary.denies);
  const grants = intersectWithBoundary(grantsOf(statements), boundary.grants);
  subtractDenies(grants, denies);
  return { reaches: reachOf(grants), problems };
}

function reachOfStatements(statements: readonly ParsedStatement[]): StatementReach[] {
  const grants = grantsOf(statements);
  subtractDenies(grants, denyRulesOf(statements));
  return reachOf(grants);
}
