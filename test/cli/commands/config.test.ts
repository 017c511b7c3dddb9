/**
 * `agent-iam config render`: the per-policy file Pulumi takes, from `agent-iam.config.json`. The
 * rendered file, read by the pack, gives the same verdicts as the one document: the check of the
 * example fleet and of an exemption example is byte for byte the golden output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runConfig } from '../../../cli/commands/config';
import { recordingIo } from '../../../cli/io';
import { runCheckBinary } from '../../support/check-binary';
import { REPO_ROOT } from '../../support/programs';

const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'golden', 'check');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function render(...args: string[]) {
  const io = recordingIo();
  const code = runConfig(['render', ...args], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

/** As the examples test normalises its goldens: dates move with the clock. */
function normalised(code: number, stdout: string): string {
  return `exit ${code}\n${stdout.replace(/\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?/g, '<date>').trimEnd()}\n`;
}

test('renders the repo config to standard output: one section per policy, the Vault principal in each', () => {
  const { code, stdout, stderr } = render(
    '--config',
    path.join(REPO_ROOT, 'agent-iam.config.json'),
  );
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const doc = JSON.parse(stdout) as Record<string, { vaultPrincipalArns: string[] }>;
  expect(Object.keys(doc)).toHaveLength(35);
  expect(new Set(Object.values(doc).map((s) => JSON.stringify(s.vaultPrincipalArns)))).toEqual(
    new Set([JSON.stringify(['arn:aws:iam::123456789012:role/vault-secrets-engine'])]),
  );
});

test.each([
  { program: 'index.ts', config: 'agent-iam.config.json', golden: 'example-fleet' },
  {
    program: 'examples/exemption-expired',
    config: 'examples/exemption-expired/agent-iam.config.json',
    golden: 'exemption-expired',
  },
])(
  'render --out, then check --policy-config with it: the verdicts of $golden are the golden ones',
  async ({ program, config, golden }) => {
    const out = path.join(tmp, `${golden}.json`);
    const written = render('--config', path.join(REPO_ROOT, config), '--out', out);
    expect(written).toEqual({
      code: 0,
      stdout: '',
      stderr: `agent-iam config render: wrote ${out} from ${path.join(REPO_ROOT, config)}.`,
    });
    const run = await runCheckBinary(['--program', program, '--policy-config', out, '--json']);
    expect(normalised(run.code, run.stdout)).toBe(
      fs.readFileSync(path.join(GOLDEN_DIR, `${golden}.preview.json`), 'utf8'),
    );
  },
  120_000,
);

test('a per-policy file is checked and written unchanged', () => {
  const file = path.join(tmp, 'per-policy.json');
  const sections = { all: 'advisory', 'agent-no-admin': { maxLifetimeDays: 30 } };
  fs.writeFileSync(file, JSON.stringify(sections));
  const { code, stdout } = render('--config', file);
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual(sections);
});

test.each([
  {
    case: 'a missing file',
    args: ['--config', 'nowhere.json'],
    stderr:
      'agent-iam config render: nowhere.json: cannot read it (ENOENT); pass an existing file, e.g. --policy-config agent-iam.config.json',
  },
  {
    case: 'an unknown subcommand',
    sub: 'show',
    stderr: 'agent-iam config: unknown subcommand "show"; the one there is is "render".',
  },
  {
    case: 'a positional',
    args: ['agent-iam.config.json'],
    stderr:
      'agent-iam config render: unexpected argument "agent-iam.config.json"; name the file with --config FILE',
  },
])('$case exits 2 and writes nothing', ({ args, sub, stderr }) => {
  const io = recordingIo();
  const code = runConfig(sub ? [sub] : ['render', ...(args ?? [])], io);
  expect(code).toBe(2);
  expect(io.stdout).toEqual([]);
  expect(io.stderr[0].split('\n')[0]).toBe(stderr);
});

test('a mistake in the config names the file and the field, and nothing is written', () => {
  const file = path.join(tmp, 'bad.json');
  const out = path.join(tmp, 'bad-out.json');
  fs.writeFileSync(file, JSON.stringify({ maxLifetimeDays: 0 }));
  const { code, stderr } = render('--config', file, '--out', out);
  expect(code).toBe(2);
  expect(stderr).toBe(
    `agent-iam config render: ${file}: maxLifetimeDays: Too small: expected number to be >0; received 0`,
  );
  expect(fs.existsSync(out)).toBe(false);
});
