/** The review as text (aligned tables, fitted and in colour on a terminal) and as JSON. */
import { plural } from '../../output';
import { fitWidths, paint, type Terminal, truncate } from '../../terminal';
import { permissionsText, type Proposal, type ProposedStatement } from './proposal';
import type { AgentUsage, CallGroup, Grant, Usage } from './usage';

export interface AgentReview {
  name: string;
  roleArn: string | null;
  matchedBy: AgentUsage['matchedBy'];
  calls: number;
  /** Granted and called: each declared action on each declared resource it was used on. */
  used: Grant[];
  /** Granted and never called in the period. */
  unused: { statement: number; action: string; resource: string }[];
  denied: CallGroup[];
  undeclared: CallGroup[];
  proposal: { permissions: ProposedStatement[] | null; unchanged: boolean };
  notes: string[];
}

/** The `--json` document. */
export interface Review {
  period: Usage['period'];
  files: string[];
  calls: number;
  otherCalls: number;
  agents: AgentReview[];
}

export function reviewOf(
  usage: Usage,
  proposals: ReadonlyMap<string, Proposal>,
  files: string[],
): Review {
  return {
    period: usage.period,
    files,
    calls: usage.calls,
    otherCalls: usage.otherCalls,
    agents: usage.agents.map((a) => {
      const proposal = proposals.get(a.name) as Proposal;
      return {
        name: a.name,
        roleArn: a.roleArn,
        matchedBy: a.matchedBy,
        calls: a.calls,
        used: a.grants.filter((g) => g.calls > 0),
        unused: a.grants
          .filter((g) => g.calls === 0)
          .map((g) => ({ statement: g.statement, action: g.action, resource: g.resource })),
        denied: a.denied,
        undeclared: a.undeclared,
        proposal: { permissions: proposal.permissions, unchanged: proposal.unchanged },
        notes: [...a.notes, ...proposal.notes],
      };
    }),
  };
}

/** The RESOURCE column, second in every table: the one a narrow terminal shortens. */
const SHRINKABLE = 1;

/** Rows as an aligned table indented by `indent`, fitted to a terminal's width. */
function table(rows: string[][], indent: number, terminal?: Terminal): string[] {
  const widths = terminal
    ? fitWidths(rows, terminal.columns - indent, SHRINKABLE)
    : rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, row) => {
    const line = r
      .map((cell, i) => truncate(cell, widths[i]).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
    return ' '.repeat(indent) + (row === 0 ? paint(terminal, 'bold', line) : line);
  });
}

function resourcesCell(resources: readonly string[]): string {
  return resources.length === 0 ? '(not recorded)' : resources.join(' ');
}

function usedCalls(g: Grant): string {
  return g.unrecorded > 0 ? `${g.calls} (${g.unrecorded} naming no resource)` : String(g.calls);
}

function matchedByText(a: AgentReview): string {
  if (a.matchedBy === 'role') return `by role ${a.roleArn}`;
  if (a.matchedBy === 'session-tag') return `by sessions tagged agent=${a.name}`;
  return '';
}

function agentText(a: AgentReview, terminal?: Terminal): string[] {
  const denied = a.denied.reduce((n, d) => n + d.calls, 0);
  const head =
    a.matchedBy === 'none'
      ? `${paint(terminal, 'bold', a.name)}: no calls`
      : `${paint(terminal, 'bold', a.name)}: ${plural(a.calls, 'call')} ${matchedByText(a)}` +
        (denied > 0 ? `, ${paint(terminal, 'red', `${denied} denied`)}` : '');
  const lines = [head];
  if (a.used.length > 0) {
    lines.push('  Used (granted and called):');
    lines.push(
      ...table(
        [
          ['ACTION', 'RESOURCE', 'CALLS'],
          ...a.used.map((g) => [g.action, g.resource, usedCalls(g)]),
        ],
        4,
        terminal,
      ),
    );
  }
  if (a.unused.length > 0) {
    lines.push(paint(terminal, 'yellow', '  Granted, never used in the period:'));
    lines.push(
      ...table(
        [['ACTION', 'RESOURCE'], ...a.unused.map((g) => [g.action, g.resource])],
        4,
        terminal,
      ),
    );
  }
  const groups = (title: string, list: CallGroup[], withError: boolean) => {
    if (list.length === 0) return;
    lines.push(title);
    lines.push(
      ...table(
        [
          withError ? ['ACTION', 'RESOURCE', 'ERROR', 'CALLS'] : ['ACTION', 'RESOURCE', 'CALLS'],
          ...list.map((d) =>
            withError
              ? [d.action, resourcesCell(d.resources), d.errorCode ?? '', String(d.calls)]
              : [d.action, resourcesCell(d.resources), String(d.calls)],
          ),
        ],
        4,
        terminal,
      ),
    );
  };
  groups(paint(terminal, 'red', '  Denied:'), a.denied, true);
  groups('  Allowed, but not by its declaration (another policy grants it):', a.undeclared, false);
  if (a.proposal.permissions && a.proposal.unchanged) {
    lines.push('  Proposed permissions: as declared; every grant was used.');
  } else if (a.proposal.permissions) {
    lines.push(
      '  Proposed permissions (paste in place of the declared ones; nothing was changed):',
    );
    lines.push(...permissionsText(a.proposal.permissions).map((l) => `    ${l}`));
  }
  lines.push(...a.notes.map((n) => `  Note: ${n}.`));
  return lines;
}

export function formatReviewText(review: Review, terminal?: Terminal): string[] {
  const period = review.period ? ` from ${review.period.from} to ${review.period.to}` : '';
  const byAgents = review.calls - review.otherCalls;
  const active = review.agents.filter((a) => a.matchedBy !== 'none').length;
  const lines = [
    `CloudTrail: ${plural(review.calls, 'call')}${period} (${plural(review.files.length, 'file')}); ` +
      `${byAgents} by ${plural(active, 'agent')}, ${review.otherCalls} by other principals.`,
  ];
  for (const agent of review.agents) lines.push('', ...agentText(agent, terminal));
  lines.push(
    '',
    'Only calls CloudTrail recorded count: S3 object, DynamoDB item, Lambda invoke and SQS/SNS message calls are data events, logged only when the trail enables them; an action unused in this period may still be needed rarely.',
  );
  return lines;
}
