/**
 * An agent's statements as review rows: effect, actions, resources and condition, one row per
 * statement, so a reviewer sees which action applies to which resource and under what condition.
 */
import type { GrantStatement } from '../../check-report';

/** A Markdown table cell: backslashes and pipes escaped, line breaks flattened. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export const code = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(', ');

export interface StatementRow {
  effect: string;
  actions: string;
  resources: string;
  condition: string;
}

/** `StringEquals` `aws:ResourceTag/team` = `support`; one clause per operator and key. */
export function conditionText(conditions: GrantStatement['conditions']): string {
  if (!conditions || Object.keys(conditions).length === 0) return 'none';
  const clauses: string[] = [];
  for (const [operator, block] of Object.entries(conditions)) {
    if (!block || typeof block !== 'object') {
      clauses.push(`\`${operator}\` ${JSON.stringify(block)}`);
      continue;
    }
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      const values = (Array.isArray(value) ? value : [value]).map((v) =>
        typeof v === 'string' ? v : JSON.stringify(v),
      );
      clauses.push(`\`${operator}\` \`${key}\` = ${code(values)}`);
    }
  }
  return clauses.join('; ');
}

/** Every statement as it grants: NotAction and NotResource said as "all … except". */
export function statementRows(statements: readonly GrantStatement[]): StatementRow[] {
  return statements.map((s) => ({
    // Inventory statements are the Allow statements an agent is granted.
    effect: 'Allow',
    actions: s.notActions ? `all actions except ${code(s.notActions)}` : code(s.actions),
    resources: s.notResources ? `all resources except ${code(s.notResources)}` : code(s.resources),
    condition: conditionText(s.conditions),
  }));
}

/** The rows as a Markdown table, with the statement's Sid or policy when it has one. */
export function statementTable(statements: readonly GrantStatement[]): string[] {
  const rows = statementRows(statements);
  return [
    '| # | Effect | Actions | Resources | Condition |',
    '| ---: | --- | --- | --- | --- |',
    ...rows.map((r, i) => {
      const s = statements[i];
      const label = [s.sid, s.source].filter(Boolean).join(', ');
      const n = label ? `${i + 1} (${cell(label)})` : String(i + 1);
      return `| ${n} | ${r.effect} | ${cell(r.actions)} | ${cell(r.resources)} | ${cell(r.condition)} |`;
    }),
  ];
}
