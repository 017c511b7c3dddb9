/**
 * `agent-iam report [FILE|-] [--format markdown|csv|json] [--now YYYY-MM-DD]`: the agent
 * inventory for an access review or recertification, from a saved `agent-iam check --json`.
 *
 * Exit codes: 0 printed; 2 the input could not be read or is not a check output, or the command
 * line is wrong. Imports neither the engine nor `@pulumi/*`: it only reads JSON.
 */
import { loadCheckReport, type CheckReport, type GrantStatement } from '../check-report';
import { describeDaysLeft, expiryOf, EXPIRES_SOON_DAYS, type ExpiryStatus } from '../expiry';
import { readProcessStdin, type StdinReader } from '../input';
import type { Io } from '../io';
import { parseCommandLine, parseNow } from '../options';
import { isoDay, plural } from '../output';
import { agentOfViolation } from './report/agent-of-violation';

const USAGE = `Usage: agent-iam report [FILE|-] [--format markdown|csv|json] [--now YYYY-MM-DD]

  FILE      a saved \`agent-iam check --json\` (default, or "-": standard input)
  --format  markdown (default): one table row per agent; csv: for a spreadsheet; json
  --now     the day to count days left from (default: today, UTC)

Per agent: owner, purpose, expiry and days left (flagged within ${EXPIRES_SOON_DAYS} days, or expired),
TTL, max TTL, the exact actions and resources, and the mandatory/advisory violations naming it.
Exit codes: 0 printed; 2 the input is unreadable or not a check output.`;

const FORMATS = ['markdown', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

export interface AgentReview {
  name: string;
  owner: string;
  purpose: string;
  expiresOn: string;
  daysLeft: number | null;
  expiry: ExpiryStatus;
  ttl: string;
  maxTtl: string;
  /** Set for a role the pack counts as an agent that no Agent component declared. */
  declaredBy?: 'hand';
  actionCount: number;
  actions: string[];
  resources: string[];
  statements: GrantStatement[];
  violations: { mandatory: number; advisory: number };
}

/** Agents that violations name but the inventory does not list: raw IAM roles, not components. */
export interface UnlistedAgent {
  name: string;
  violations: { mandatory: number; advisory: number };
}

export interface AccessReview {
  project: string;
  stack: string;
  asOf: string;
  agents: AgentReview[];
  unlisted: UnlistedAgent[];
  /** Violations that name no agent (e.g. stack-wide ones). */
  unattributed: { mandatory: number; advisory: number };
  /** The check's advisory remarks on its input. */
  warnings: string[];
}

/** The distinct actions and resources an agent's statements grant, in first-seen order. */
function grantedActions(statements: readonly GrantStatement[]): string[] {
  return [...new Set(statements.flatMap((s) => s.actions))];
}
function grantedResources(statements: readonly GrantStatement[]): string[] {
  return [...new Set(statements.flatMap((s) => s.resources))];
}

/** Builds the review rows: one per inventory agent, violations counted by the agent they name. */
export function accessReview(check: CheckReport, now: Date): AccessReview {
  const names = check.inventory.map((a) => a.name);
  const counts = new Map<string, { mandatory: number; advisory: number }>();
  const unattributed = { mandatory: 0, advisory: 0 };
  for (const violation of check.violations) {
    const level = violation.enforcementLevel === 'mandatory' ? 'mandatory' : 'advisory';
    if (violation.enforcementLevel === 'disabled') continue;
    const agent = agentOfViolation(violation, names);
    if (agent === undefined) {
      unattributed[level]++;
      continue;
    }
    const count = counts.get(agent) ?? { mandatory: 0, advisory: 0 };
    count[level]++;
    counts.set(agent, count);
  }
  const agents = check.inventory.map((a): AgentReview => {
    const expiry = expiryOf(a.expiresOn, now);
    const actions = grantedActions(a.statements);
    return {
      name: a.name,
      owner: a.owner,
      purpose: a.purpose,
      expiresOn: a.expiresOn,
      daysLeft: expiry.daysLeft ?? null,
      expiry: expiry.status,
      ttl: a.ttl,
      maxTtl: a.maxTtl,
      ...(a.declaredBy ? { declaredBy: a.declaredBy } : {}),
      actionCount: actions.length,
      actions,
      resources: grantedResources(a.statements),
      statements: a.statements,
      violations: counts.get(a.name) ?? { mandatory: 0, advisory: 0 },
    };
  });
  const listed = new Set(names);
  const unlisted = [...counts.entries()]
    .filter(([name]) => !listed.has(name))
    .map(([name, violations]) => ({ name, violations }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    project: check.project,
    stack: check.stack,
    asOf: isoDay(now),
    agents,
    unlisted,
    unattributed,
    warnings: check.warnings,
  };
}

function daysLeftCell(a: AgentReview): string {
  return describeDaysLeft({
    status: a.expiry,
    ...(a.daysLeft === null ? {} : { daysLeft: a.daysLeft }),
  });
}

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const code = (items: string[]): string => items.map((i) => `\`${i}\``).join(', ');

export function formatMarkdown(review: AccessReview): string[] {
  const lines = [
    `## Agent access review: ${review.project}/${review.stack} (${plural(review.agents.length, 'agent')}, as of ${review.asOf})`,
    '',
  ];
  if (review.agents.length === 0) lines.push('No Agent components in the inventory.');
  else {
    lines.push(
      '| Agent | Owner | Purpose | Expires on | Days left | TTL | Max TTL | Actions | Resources | Mandatory | Advisory |',
      '| --- | --- | --- | --- | ---: | --- | --- | --- | --- | ---: | ---: |',
    );
    for (const a of review.agents) {
      const cells = [
        a.declaredBy === 'hand' ? `${cell(a.name)} (hand-written)` : cell(a.name),
        cell(a.owner),
        cell(a.purpose),
        cell(a.expiresOn),
        daysLeftCell(a),
        cell(a.ttl),
        cell(a.maxTtl),
        `${a.actionCount}: ${cell(code(a.actions))}`,
        cell(code(a.resources)),
        String(a.violations.mandatory),
        String(a.violations.advisory),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  const notes: string[] = [];
  for (const a of review.agents) {
    if (a.expiry === 'expired')
      notes.push(
        `- **${cell(a.name)}** expired on ${a.expiresOn}: retire it or recertify it with a new date.`,
      );
    else if (a.expiry === 'soon')
      notes.push(
        `- **${cell(a.name)}** expires on ${a.expiresOn}, in ${plural(a.daysLeft ?? 0, 'day')}: recertify or retire it.`,
      );
    else if (a.expiry === 'invalid')
      notes.push(
        `- **${cell(a.name)}** has an invalid expiry date "${cell(a.expiresOn)}"; set a YYYY-MM-DD date.`,
      );
  }
  for (const u of review.unlisted) {
    notes.push(
      `- **${cell(u.name)}** is not in the inventory (a raw IAM role, not an Agent component) and has ${u.violations.mandatory} mandatory and ${u.violations.advisory} advisory violations.`,
    );
  }
  const { mandatory, advisory } = review.unattributed;
  if (mandatory + advisory > 0) {
    notes.push(`- ${mandatory} mandatory and ${advisory} advisory violations name no agent.`);
  }
  for (const warning of review.warnings) notes.push(`- Warning from the check: ${warning}`);
  if (notes.length > 0) lines.push('', ...notes);
  return lines;
}

/** RFC 4180 quoting; text a spreadsheet would run as a formula is prefixed with `'` (CSV injection). */
function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const CSV_HEADER = [
  'name',
  'owner',
  'purpose',
  'expires_on',
  'days_left',
  'expiry',
  'ttl',
  'max_ttl',
  'action_count',
  'actions',
  'resources',
  'mandatory_violations',
  'advisory_violations',
  'in_inventory',
];

export function formatCsv(review: AccessReview): string[] {
  const rows: (string | number)[][] = review.agents.map((a) => [
    a.name,
    a.owner,
    a.purpose,
    a.expiresOn,
    a.daysLeft ?? '',
    a.expiry,
    a.ttl,
    a.maxTtl,
    a.actionCount ?? '',
    a.actions.join(' '),
    a.resources.join(' '),
    a.violations.mandatory,
    a.violations.advisory,
    'yes',
  ]);
  for (const u of review.unlisted) {
    rows.push([
      u.name,
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      u.violations.mandatory,
      u.violations.advisory,
      'no',
    ]);
  }
  return [CSV_HEADER.join(','), ...rows.map((r) => r.map(csvField).join(','))];
}

export async function runReport(
  args: string[],
  io: Io,
  readStdin: StdinReader = readProcessStdin,
): Promise<number> {
  const line = parseCommandLine(args, { format: 'value', now: 'value' });
  if ('error' in line) {
    io.err(`agent-iam report: ${line.error}.\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  if (line.positionals.length > 1) {
    io.err(`agent-iam report: expected one FILE, got ${line.positionals.length}.\n\n${USAGE}`);
    return 2;
  }
  const format = line.options.format ?? 'markdown';
  if (!(FORMATS as readonly string[]).includes(format)) {
    io.err(`agent-iam report: --format "${format}" is not one of ${FORMATS.join(', ')}.`);
    return 2;
  }
  const now = parseNow(line.options.now);
  if ('error' in now) {
    io.err(`agent-iam report: ${now.error}.`);
    return 2;
  }
  const loaded = await loadCheckReport(line.positionals[0] ?? '-', readStdin);
  if (!loaded.ok) {
    io.err(`agent-iam report: ${loaded.message}`);
    return 2;
  }
  const review = accessReview(loaded.value, now);
  const output: Record<Format, () => string[]> = {
    markdown: () => formatMarkdown(review),
    csv: () => formatCsv(review),
    json: () => [JSON.stringify(review, null, 2)],
  };
  for (const text of output[format as Format]()) io.out(text);
  return 0;
}
