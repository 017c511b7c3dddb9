/**
 * Standard input through a real pipe: the binary is spawned, and the test writes the document in
 * chunks with pauses, as `agent-iam check --json | agent-iam report -` does while the check runs.
 * A synchronous read of fd 0 fails here with EAGAIN; every command that reads `-` must wait.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { runAudit } from '../../cli/commands/audit';
import { runDiff } from '../../cli/commands/diff';
import { runLint } from '../../cli/commands/lint';
import { runReport } from '../../cli/commands/report';
import { runReview } from '../../cli/commands/review';
import { type Io, recordingIo } from '../../cli/io';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'agent-iam.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli');
const BEFORE = path.join(FIXTURES, 'check-before.json');
const AFTER = path.join(FIXTURES, 'check-after.json');
const AUTH = path.join(FIXTURES, 'authorization-details.json');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  code: number | null;
  stdout: string[];
  stderr: string;
}

/** Runs the binary and feeds `input` to its standard input slowly: 8 chunks, 150 ms apart. */
async function pipeSlowly(args: string[], input: string): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  // Nothing for a while: the command is up and reading before the first byte arrives.
  await sleep(400);
  const size = Math.ceil(input.length / 8);
  for (let at = 0; at < input.length; at += size) {
    child.stdin.write(input.slice(at, at + size));
    await sleep(150);
  }
  child.stdin.end();
  const code = await closed;
  return { code, stdout: stdout.replace(/\n$/, '').split('\n'), stderr };
}

/** The same command in process, reading the file itself: what the pipe must reproduce exactly. */
async function inProcess(
  run: (args: string[], io: Io) => Promise<number>,
  args: string[],
): Promise<{ code: number; stdout: string[] }> {
  const io = recordingIo();
  const code = await run(args, io);
  return { code, stdout: io.stdout.join('\n').split('\n') };
}

describe('a slow writer on standard input', () => {
  jest.setTimeout(120_000);

  test('report - prints the review of what was piped, exit 0', async () => {
    const piped = await pipeSlowly(
      ['report', '-', '--now', '2026-12-01'],
      fs.readFileSync(BEFORE, 'utf8'),
    );
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(piped.stdout[0]).toBe(
      '## Agent access review: agent-iam-example/dev (4 agents, as of 2026-12-01)',
    );
    const direct = await inProcess(runReport, [BEFORE, '--now', '2026-12-01']);
    expect(piped.stdout).toEqual(direct.stdout);
  });

  test('diff BEFORE - compares with what was piped, exit 1 on new mandatory violations', async () => {
    const piped = await pipeSlowly(['diff', BEFORE, '-'], fs.readFileSync(AFTER, 'utf8'));
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(1);
    expect(piped.stdout.slice(0, 4)).toEqual([
      '## agent-iam diff: agent-iam-example/dev',
      '',
      'Agents: 1 added, 1 removed, 2 changed, 1 unchanged.',
      'Violations: 3 new (2 mandatory), 0 resolved.',
    ]);
    expect(piped.stdout.at(-1)).toBe('**Blocked:** this change adds 2 mandatory violations.');
    const direct = await inProcess(runDiff, [BEFORE, AFTER]);
    expect(piped.stdout).toEqual(direct.stdout);
  });

  test('audit - judges the piped account export, exit 1 on a finding', async () => {
    const piped = await pipeSlowly(['audit', '-'], fs.readFileSync(AUTH, 'utf8'));
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(1);
    expect(piped.stdout[0]).toBe(
      'AWS account 123456789012 from standard input (get-account-authorization-details):',
    );
    const direct = await inProcess(runAudit, [AUTH]);
    expect(direct.code).toBe(1);
    // The same judgement; only the first line names where the export came from.
    expect(piped.stdout.slice(1)).toEqual(direct.stdout.slice(1));
  });

  test('lint - judges the piped policy document, exit 1 when it is over-permissioned', async () => {
    const policy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: '*' },
        ],
      },
      null,
      2,
    );
    const piped = await pipeSlowly(['lint', '-'], policy);
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(1);
    expect(piped.stdout.at(-1)).toBe(
      '1 document: 1 over-permissioned, 0 malformed or unreadable, 0 ok',
    );
    const direct = recordingIo();
    expect(await runLint(['-'], direct, () => policy)).toBe(1);
    expect(piped.stdout).toEqual(direct.stdout.join('\n').split('\n'));
  });

  test('review --cloudtrail - reviews the piped CloudTrail log, exit 0', async () => {
    const log = path.join(FIXTURES, 'review', 'cloudtrail-log.json');
    const check = path.join(FIXTURES, 'review', 'check-update.json');
    const piped = await pipeSlowly(
      ['review', '--cloudtrail', '-', '--check', check],
      fs.readFileSync(log, 'utf8'),
    );
    expect(piped.stderr).toBe('');
    expect(piped.code).toBe(0);
    expect(piped.stdout[0]).toBe(
      'CloudTrail: 18 calls from 2026-11-02T07:59:30Z to 2026-11-30T16:45:00Z (1 file); 16 by 4 agents, 2 by other principals.',
    );
    const direct = await inProcess(runReview, ['--cloudtrail', log, '--check', check]);
    expect(piped.stdout).toEqual(direct.stdout);
  });

  test('report - on an empty pipe says so, exit 2', async () => {
    const piped = await pipeSlowly(['report', '-'], '');
    expect(piped.code).toBe(2);
    expect(piped.stderr).toBe(
      'agent-iam report: standard input: is empty. Expected the output of `agent-iam check --json`; save it with `agent-iam check --json > check.json`.\n',
    );
  });
});
