/**
 * Terminals and pipes: colour and a fitted table only when standard output is a terminal,
 * `NO_COLOR` respected, a progress line only where `io.progress` exists, and every command
 * answering `--help` with its exit codes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { showProgress } from '../../cli/commands/check';
import { formatText } from '../../cli/commands/check/format';
import { CheckReportSchema } from '../../cli/check-report';
import { type Io, recordingIo } from '../../cli/io';
import { main } from '../../cli/main';
import { terminalOf } from '../../cli/terminal';

const AFTER = CheckReportSchema.parse(
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'cli', 'check-after.json'), 'utf8'),
  ),
);
const ESC = '\u001b[';
// eslint-disable-next-line no-control-regex
const visible = (line: string) => line.replace(/\u001b\[\d+m/g, '');

describe('check text output on a terminal', () => {
  test('colour: FAIL in red, mandatory in red, advisory in yellow, the header in bold', () => {
    const lines = formatText(AFTER, { columns: 200, color: true });
    expect(lines.at(-1)?.startsWith(`${ESC}31mFAIL${ESC}0m: 2 mandatory violations`)).toBe(true);
    expect(lines).toContain(
      `  ${ESC}31mmandatory${ESC}0m  agent-no-unscoped-write  invoice-archiver-policy (aws:iam/rolePolicy:RolePolicy)`,
    );
    expect(lines).toContain(
      `  ${ESC}33madvisory${ESC}0m  agent-vault-credential-ttl  ticket-triager-vault-role (vault:aws/secretBackendRole:SecretBackendRole)`,
    );
    expect(lines[1].startsWith(`  ${ESC}1mAGENT`)).toBe(true);
    // Without colour codes, the lines are the plain ones.
    expect(lines.map(visible)).toEqual(formatText(AFTER));
  });

  test('a narrow terminal: the purpose is cut so every table line fits', () => {
    const lines = formatText(AFTER, { columns: 120, color: false });
    const table = lines.slice(1, 1 + 1 + AFTER.inventory.length);
    expect(formatText(AFTER)[2].length).toBeGreaterThan(120);
    for (const line of table) expect(line.length).toBeLessThanOrEqual(120);
    expect(table[1]).toContain('  Reads new support ticket…  2027-06-30');
    expect(lines.join('\n')).not.toContain(ESC);
  });

  test.each([
    { case: 'a pipe', stream: { isTTY: undefined }, env: {}, expected: undefined },
    {
      case: 'a terminal',
      stream: { isTTY: true, columns: 120 },
      env: {},
      expected: { columns: 120, color: true },
    },
    {
      case: 'NO_COLOR=1',
      stream: { isTTY: true, columns: 120 },
      env: { NO_COLOR: '1' },
      expected: { columns: 120, color: false },
    },
    {
      case: 'NO_COLOR empty',
      stream: { isTTY: true },
      env: { NO_COLOR: '' },
      expected: { columns: 80, color: true },
    },
  ])('terminalOf on $case', ({ stream, env, expected }) => {
    expect(terminalOf(stream, env)).toEqual(expected);
  });
});

describe('the progress line', () => {
  // Fake timers: the line's timing is asserted exactly, whatever the machine's load.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('appears after the delay, counts seconds, and is erased', () => {
    const shown: string[] = [];
    const io: Io = { ...recordingIo(), progress: (t) => shown.push(t) };
    const stop = showProgress(io, 'index.ts', 20);
    jest.advanceTimersByTime(19);
    expect(shown).toEqual([]);
    jest.advanceTimersByTime(1001);
    stop();
    jest.advanceTimersByTime(5000);
    expect(shown).toEqual(['checking index.ts... 0s', 'checking index.ts... 1s', '']);
  });

  test('a check that ends first shows nothing; without io.progress (a pipe) nothing either', () => {
    const shown: string[] = [];
    showProgress({ ...recordingIo(), progress: (t) => shown.push(t) }, 'index.ts', 50)();
    jest.advanceTimersByTime(100);
    const piped = recordingIo();
    const stop = showProgress(piped, 'index.ts', 1);
    jest.advanceTimersByTime(30);
    stop();
    expect(shown).toEqual([]);
    expect([piped.stdout, piped.stderr]).toEqual([[], []]);
  });
});

describe('--help', () => {
  const usage = recordingIo();
  const commands = (async () => {
    await main(['--help'], usage);
    const text = usage.stdout.join('\n');
    const section = text.split('Commands:\n')[1];
    return [...section.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
  })();

  test('the usage lists the commands and says where exit codes are', async () => {
    expect(await commands).toEqual(
      expect.arrayContaining(['check', 'lint', 'report', 'diff', 'suspend', 'resume', 'audit']),
    );
    expect(usage.stdout.join('\n')).toContain(
      'Exit codes of every command: agent-iam <command> --help.',
    );
  });

  test('every command answers --help with its usage and exit codes, exit 0', async () => {
    for (const command of await commands) {
      const io = recordingIo();
      const code = await main([command, '--help'], io);
      const text = io.stdout.join('\n');
      expect([command, code, io.stderr]).toEqual([command, 0, []]);
      expect([command, text.startsWith('Usage: agent-iam')]).toEqual([command, true]);
      expect([command, /^Exit codes: 0 /m.test(text)]).toEqual([command, true]);
    }
  });
});

describe('README exit codes', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const table = (
    readme
      .split('### Exit codes\n')[1]
      .split('\n\n')
      .find((chunk) => chunk.startsWith('| Command |')) ?? ''
  )
    .split('\n')
    .slice(2);

  test('one row per command, whose codes are the ones its --help lists', async () => {
    const covered: string[] = [];
    for (const row of table) {
      const cells = row.split(' | ');
      const commands = [...cells[0].matchAll(/`(?:agent-iam )?([a-z]+)`/g)].map((m) => m[1]);
      const codes = ['0', '1', '2'].filter((_, i) => cells[i + 1].replace(/ \|$/, '') !== '—');
      for (const command of commands) {
        const io = recordingIo();
        await main([command, '--help'], io);
        const exit = io.stdout.join('\n').split('Exit codes:')[1] ?? '';
        const listed = ['0', '1', '2'].filter((c) => new RegExp(`(^|[;:\\s])${c} `).test(exit));
        expect([command, listed]).toEqual([command, codes]);
        covered.push(command);
      }
    }
    const usage = recordingIo();
    await main(['--help'], usage);
    const all = [
      ...usage.stdout
        .join('\n')
        .split('Commands:\n')[1]
        .matchAll(/^ {2}([a-z]+) /gm),
    ].map((m) => m[1]);
    expect(covered.sort()).toEqual(all.sort());
  });
});
