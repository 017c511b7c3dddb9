/**
 * `agent-iam report [FILE|-] [--format markdown|csv|json] [--now YYYY-MM-DD]`: the agent
 * inventory for an access review or recertification, from a saved `agent-iam check --json`.
 *
 * Exit codes: 0 printed; 2 the input could not be read or is not a check output, or the command
 * line is wrong. Imports neither the engine nor `@pulumi/*`: it only reads JSON.
 */
import { loadCheckReport } from '../check-report';
import { EXPIRES_SOON_DAYS } from '../expiry';
import { readProcessStdin, type StdinReader } from '../input';
import type { Io } from '../io';
import { parseCommandLine, parseNow } from '../options';
import { formatMarkdown } from './report/markdown';
import { type AccessReview, accessReview } from './report/review';

const USAGE = `Usage: agent-iam report [FILE|-] [--format markdown|csv|json] [--now YYYY-MM-DD]

  FILE      a saved \`agent-iam check --json\` (default, or "-": standard input)
  --format  markdown (default): a table of agents, then per agent its role, Vault path, reach,
            delegations, one row per statement (effect, actions, resources, condition) and its
            violations in a <details> block, then a Mermaid diagram of the fleet;
            csv: one row per agent, for a spreadsheet; json: the review as one document
  --now     the day to count days left from (default: today, UTC)

Expiry is flagged within ${EXPIRES_SOON_DAYS} days, and when past. A value only apply will know (an ARN of
a resource the change creates) is shown as "(known after apply)".

Exit codes: 0 printed; 2 the input is unreadable or not a check output, or the command line is wrong.`;

const FORMATS = ['markdown', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

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
