/**
 * The README's `report --format markdown` sample is the real output of `check --json | report -`
 * on the example fleet. The example's expiry dates are relative to the day it runs, so the
 * sample's dates are shifted by the days between its "as of" date and today before comparing;
 * every other character must be equal.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runReport } from '../../cli/commands/report';
import { recordingIo } from '../../cli/io';
import { runCheckBinary } from '../support/check-binary';
import { REPO_ROOT } from '../support/programs';

const DAY_MS = 86_400_000;

function readmeSample(): string[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = readme
    .split('<!-- report-sample:start -->\n')[1]
    ?.split('<!-- report-sample:end -->')[0];
  if (block === undefined) throw new Error('README.md has no report-sample block');
  const lines = block.trimEnd().split('\n');
  expect([lines[0], lines.at(-1)]).toEqual(['````markdown', '````']);
  return lines.slice(1, -1);
}

/** Every YYYY-MM-DD in `lines`, moved by `days`. */
function shiftDates(lines: string[], days: number): string[] {
  return lines.map((line) =>
    line.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_, y: string, m: string, d: string) =>
      new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)) + days * DAY_MS)
        .toISOString()
        .slice(0, 10),
    ),
  );
}

test("the README report sample is the example fleet's real report", async () => {
  const check = await runCheckBinary(['--json', '--policy-config', 'agent-iam.config.json']);
  expect(check.code).toBe(0);
  const io = recordingIo();
  expect(await runReport(['-', '--format', 'markdown'], io, () => check.stdout)).toBe(0);
  const generated = io.stdout.join('\n').split('\n');
  const sample = readmeSample();
  const asOf = (lines: string[]) => /as of (\d{4}-\d{2}-\d{2})\)/.exec(lines[0])?.[1];
  const offset = Math.round(
    (Date.parse(`${asOf(generated)}T00:00:00Z`) - Date.parse(`${asOf(sample)}T00:00:00Z`)) / DAY_MS,
  );
  expect(shiftDates(sample, offset)).toEqual(generated);
  // What the issue asks the sample to show.
  expect(generated).toContain('| # | Effect | Actions | Resources | Condition |');
  expect(generated).toContain('```mermaid');
  expect(generated.filter((l) => l.startsWith('Role: (known after apply).'))).toHaveLength(7);
  expect(generated).toContain('Delegates to: `ticket-notifier`.');
}, 120_000);
