/**
 * What a wildcard action is, for agents: the one definition that `agent-no-wildcard-actions` and
 * `agent-iam lint` share. Every action an agent is allowed must be named exactly, so any pattern
 * (`*`, `s3:*`, `s3:Get*`, `s3:*Object`) and any Allow with NotAction is refused, as written.
 *
 * This is stricter than the engine's `wildcard-action` finding, which (after the labelled corpus)
 * flags only `*`, `*:*`, `service:*` and NotAction: a partial wildcard such as `s3:Get*` is judged
 * there by what it expands to, and here refused because an agent lists exact actions.
 */
import { actionNameProblem } from '../action-names';
import { isWildcardPattern } from '../catalogue';

/** The pack policy that applies this rule; lint names it in its `agentRules`. */
export const WILDCARD_ACTIONS_POLICY = 'agent-no-wildcard-actions';

export type ActionPatternKind =
  /** `s3:GetObject`: accepted. */
  | 'exact'
  /** `s3:Get*`, `s3:*Object`, `s3:GetObjec?`: part of one service's actions. */
  | 'partial-wildcard'
  /** `s3:*`, `s3*:*`: every action of a service. */
  | 'service-wildcard'
  /** `*`, `*:*`: every action. */
  | 'full-wildcard';

const ONLY_STARS = /^\*+$/;

/** How an action pattern is written. NotAction is a statement's property: see `wildcardActionViolations`. */
export function classifyActionPattern(pattern: string): ActionPatternKind {
  const p = pattern.trim();
  if (!isWildcardPattern(p)) return 'exact';
  if (ONLY_STARS.test(p)) return 'full-wildcard';
  const colon = p.indexOf(':');
  if (colon <= 0) return 'partial-wildcard';
  const name = p.slice(colon + 1);
  if (!ONLY_STARS.test(name)) return 'partial-wildcard';
  return ONLY_STARS.test(p.slice(0, colon)) ? 'full-wildcard' : 'service-wildcard';
}

const AS_WRITTEN =
  'A wildcard is refused as written, even where a Deny or the permissions boundary narrows it.';

const LISTED = 5;

function quoted(items: readonly string[]): string {
  const shown = items
    .slice(0, LISTED)
    .map((i) => `"${i}"`)
    .join(', ');
  return items.length > LISTED
    ? `${shown} and ${items.length - LISTED} more (${items.length})`
    : shown;
}

interface RawStatement {
  Effect?: unknown;
  Sid?: unknown;
  Action?: unknown;
  NotAction?: unknown;
}

/** `Statement` as IAM accepts it: one object or an array of them. */
function statementsOf(document: unknown): RawStatement[] {
  if (!document || typeof document !== 'object') return [];
  const statement = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  return list.map((s) => (s && typeof s === 'object' ? (s as RawStatement) : {}));
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * One message per Allow statement of `document` that uses a wildcard action, and one per Allow
 * with NotAction. Each names the statement, prefixed by `source` when given
 * (`inline:extra Statement[0] (Sid "Read")`).
 */
export function wildcardActionViolations(document: unknown, source?: string): string[] {
  return statementsOf(document).flatMap((statement, index) => {
    if (statement.Effect !== 'Allow') return [];
    const sid =
      typeof statement.Sid === 'string' && statement.Sid ? ` (Sid "${statement.Sid}")` : '';
    const label = `${source === undefined ? '' : `${source} `}Statement[${index}]${sid}`;
    const out: string[] = [];
    const wildcards = stringsOf(statement.Action).filter(
      (a) => classifyActionPattern(a) !== 'exact',
    );
    if (wildcards.length > 0) {
      const hint =
        actionNameProblem(wildcards[0]) ??
        `"${wildcards[0]}" is a wildcard; list the exact actions`;
      out.push(
        `${label} allows the wildcard action${wildcards.length > 1 ? 's' : ''} ${quoted(wildcards)}: ${hint}. ${AS_WRITTEN}`,
      );
    }
    if (statement.NotAction !== undefined) {
      const except = stringsOf(statement.NotAction);
      out.push(
        `${label} allows every action except ${except.length > 0 ? quoted(except) : 'none'} (NotAction): grant the exact actions with "Action" instead.`,
      );
    }
    return out;
  });
}
