/**
 * Every program under `examples/` is one way of getting an agent wrong; the offline check must
 * reject each (exit 1) and name the policy that catches it, and the example fleet at the repo root
 * must pass (exit 0). Each check runs the binary in a child process, exactly as
 * `npm start -- --program examples/<x>` does: programs set the SDK's global mock state, and a
 * fresh process per program is the reliable way to keep them apart. Two run at a time (2 cores).
 */
import { runCheckBinary, type CheckRun } from '../support/check-binary';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** The config `npm start` uses; the exemption examples carry their own copy with an exemption. */
const SHARED_CONFIG = path.join(REPO_ROOT, 'agent-iam.config.json');

const VALID_UNTIL = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

interface Case {
  example: string;
  code: 0 | 1;
  policies: string[];
  /** Text the output must contain besides the policy names. */
  mentions?: string[];
  /** At update, when it differs: a value unknown at preview is known then. */
  atUpdate?: { code: 0 | 1; policies: string[] };
}

const CASES: Case[] = [
  {
    example: 'unowned-admin-role',
    code: 1,
    policies: ['agent-owner-required', 'agent-no-wildcard-actions', 'agent-step-owner-required'],
  },
  { example: 'administrator-access', code: 1, policies: ['agent-no-admin'] },
  { example: 'exclusive-attachment', code: 1, policies: ['agent-no-admin'] },
  { example: 'passrole-lambda', code: 1, policies: ['agent-no-privilege-escalation'] },
  {
    example: 'owner-from-output',
    code: 1,
    policies: ['agent-owner-required', 'agent-step-owner-required'],
  },
  { example: 'access-key', code: 1, policies: ['agent-no-static-credentials'] },
  {
    example: 'vault-iam-user',
    code: 1,
    policies: ['agent-no-static-credentials', 'agent-step-no-static-credentials'],
  },
  {
    example: 'long-sts-ttl',
    code: 1,
    policies: ['agent-vault-credential-ttl', 'agent-step-vault-credential-ttl'],
  },
  {
    example: 'trust-anyone',
    code: 1,
    policies: ['agent-trust-restricted', 'agent-step-trust-restricted'],
  },
  { example: 'no-boundary', code: 1, policies: ['agent-permissions-boundary-required'] },
  {
    example: 'expired-agent',
    code: 1,
    policies: ['agent-expiry-required', 'agent-step-expiry-required'],
  },
  {
    example: 'exemption-valid',
    code: 0,
    policies: ['agent-permissions-boundary-required'],
    mentions: ['security@example.com', VALID_UNTIL],
  },
  {
    example: 'document-from-new-bucket',
    code: 1,
    policies: ['agent-no-admin', 'agent-no-data-exfiltration'],
    mentions: ['computed from aws:s3/bucket:Bucket "sales-exports"'],
    // At update the bucket's ARN is known and the document is judged: one named bucket, no
    // finding. What remains is the shared raw agent's boundary, which is not in this stack.
    atUpdate: { code: 1, policies: ['agent-permissions-boundary-required'] },
  },
  {
    example: 'vault-role-arn-untagged',
    code: 1,
    policies: ['agent-vault-binding', 'agent-owner-required', 'agent-no-admin'],
    mentions: ['report-bot.arn (unknown at preview)'],
    atUpdate: {
      code: 1,
      policies: ['agent-vault-binding', 'agent-owner-required', 'agent-no-admin'],
    },
  },
  {
    example: 'tags-from-output',
    code: 1,
    policies: ['agent-known-at-preview'],
    mentions: ['computed from aws:sns/topic:Topic "data-team"'],
    atUpdate: { code: 1, policies: ['agent-owner-required', 'agent-trust-restricted'] },
  },
  // Agents AWS runs, shadow AI, and paths to permissions (issue 10).
  { example: 'bedrock-agent-admin', code: 1, policies: ['agent-no-admin'] },
  {
    example: 'undeclared-agentcore-runtime',
    code: 1,
    policies: ['agent-ai-workload-declared', 'agent-owner-required', 'agent-trust-restricted'],
    mentions: [
      'Bedrock AgentCore runtime "basic-runtime" runs with it (roleArn)',
      'does not pin aws:SourceArn',
    ],
  },
  {
    example: 'lambda-invokes-models',
    code: 1,
    policies: ['agent-ai-workload-declared'],
    mentions: ['it can invoke models (bedrock:InvokeModel in inline:invoke-claude)'],
  },
  {
    example: 'assume-admin-role',
    code: 1,
    policies: ['agent-no-admin'],
    mentions: [
      'through sts:AssumeRole into role "ops-break-glass" (agent-ops-helper → ops-break-glass)',
    ],
  },
  {
    example: 'bucket-policy-grant',
    code: 1,
    policies: ['agent-no-wildcard-actions'],
    mentions: ['bucket policy "sales-exports-policy"'],
  },
  { example: 'agentcore-runtime-declared', code: 0, policies: [] },
  // Delegation: agents calling agents.
  {
    example: 'delegation-undeclared',
    code: 1,
    policies: ['agent-delegation-safe', 'agent-trust-restricted'],
    mentions: [
      'Agent "ticket-triager" can assume the role "agent-ticket-notifier" of agent "ticket-notifier", which it does not declare; declare the call with delegatesTo: ["ticket-notifier"]',
    ],
  },
  {
    example: 'delegation-cycle',
    code: 1,
    policies: ['agent-delegation-safe'],
    mentions: ['the delegation chain "planner" → "researcher" → "planner" is a cycle'],
  },
  {
    example: 'delegation-depth',
    code: 1,
    policies: ['agent-delegation-safe'],
    mentions: [
      'the delegation chain "intake" → "triage" → "routing" → "notify" is 3 calls deep, more than the limit of 2 (maxDelegationDepth)',
    ],
  },
  {
    example: 'delegation-amplification',
    code: 1,
    policies: ['agent-delegation-safe'],
    mentions: [
      'Agent "ticket-triager" can call agent "ticket-notifier", which can do what "ticket-triager" cannot: sns:Publish on arn:aws:sns:eu-west-1:123456789012:ticket-notices; the call amplifies its permissions.',
    ],
  },
  {
    example: 'delegation-no-source-identity',
    code: 1,
    policies: ['agent-delegation-safe', 'agent-step-trust-restricted'],
    mentions: [
      'statement "CalledByTriager" of the trust policy of role "agent-ticket-notifier" lets agent "ticket-triager" in without requiring Null "sts:SourceIdentity": "false"',
    ],
  },
  // Lifecycle (issue 11): past its date, a component agent is suspended, not a failed program.
  {
    example: 'expired-component-agent',
    code: 0,
    policies: ['agent-expiry-required', 'agent-step-expiry-required'],
    mentions: ['is suspended (its role denies every action); renew it'],
  },
  {
    example: 'exemption-expired',
    code: 1,
    policies: ['agent-permissions-boundary-required'],
    mentions: ['2025-01-31'],
  },
];

const check = runCheckBinary;
type Run = CheckRun;

function configFor(example: string): string {
  const own = path.join(EXAMPLES, example, 'agent-iam.config.json');
  if (example !== 'exemption-valid') return fs.existsSync(own) ? own : SHARED_CONFIG;
  // The example file's date is fixed; the test moves it 30 days ahead so it never goes stale.
  const text = fs
    .readFileSync(own, 'utf8')
    .replace(/"expiresOn": "\d{4}-\d{2}-\d{2}"/, `"expiresOn": "${VALID_UNTIL}"`);
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-exemption-')),
    'agent-iam.config.json',
  );
  fs.writeFileSync(file, text);
  return file;
}

/** Runs every check up front, two at a time, so the table below only asserts. */
const runs = new Map<string, Run>();
const ROOT_FLEET = '<repo index.ts>';

beforeAll(async () => {
  const jobs: [string, string[]][] = [
    ...CASES.map((c): [string, string[]] => [
      c.example,
      [
        '--program',
        path.join('examples', c.example),
        '--policy-config',
        configFor(c.example),
        '--json',
      ],
    ]),
    [ROOT_FLEET, ['--policy-config', SHARED_CONFIG, '--json']],
    // The same checks as `pulumi up` would judge them, with every computed output known.
    ...CASES.map((c): [string, string[]] => [
      `${c.example} --update`,
      [
        '--program',
        path.join('examples', c.example),
        '--policy-config',
        configFor(c.example),
        '--json',
        '--update',
      ],
    ]),
    [`${ROOT_FLEET} --update`, ['--policy-config', SHARED_CONFIG, '--json', '--update']],
  ];
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) runs.set(job[0], await check(job[1]));
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

interface Report {
  violations: { policy: string; enforcementLevel: string; message: string }[];
}

/**
 * The golden outputs: the complete `check --json` document of every example and of the example
 * fleet, at preview and at update, with volatile fields (dates) normalised. They pin behaviour
 * through refactors; regenerate them with `UPDATE_GOLDEN=1 npx jest test/examples` only when a
 * change of output is intended, and review the diff.
 */
const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'golden', 'check');

/** Dates move with the clock (the example fleet's expiries are relative to today). */
function normalised(stdout: string): string {
  return `${stdout.replace(/\d{4}-\d{2}-\d{2}(T[0-9:.]+Z)?/g, '<date>').trimEnd()}\n`;
}

const GOLDEN_CASES = [...CASES.map((c) => c.example), ROOT_FLEET].flatMap((example) =>
  ['', ' --update'].map((suffix) => ({ example, suffix })),
);

test.each(GOLDEN_CASES)('golden check --json of $example$suffix', ({ example, suffix }) => {
  const run = runs.get(`${example}${suffix}`)!;
  const file = path.join(
    GOLDEN_DIR,
    `${example === ROOT_FLEET ? 'example-fleet' : example}.${suffix ? 'update' : 'preview'}.json`,
  );
  // The exit code heads the file, so a change of verdict is a change of golden output too.
  const actual = `exit ${run.code}\n${normalised(run.stdout)}`;
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
});

test('every example folder is in the table', () => {
  const folders = fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared')
    .map((d) => d.name)
    .sort();
  expect(folders).toEqual(CASES.map((c) => c.example).sort());
});

const MODES = [
  { mode: 'preview', suffix: '' },
  { mode: 'update', suffix: ' --update' },
];
const CASES_BY_MODE = MODES.flatMap(({ mode, suffix }) =>
  CASES.map(({ atUpdate, ...c }) => ({
    ...c,
    ...(mode === 'update' && atUpdate ? { ...atUpdate, mentions: [] } : {}),
    mode,
    suffix,
  })),
);

describe.each(CASES_BY_MODE)(
  'examples/$example at $mode',
  ({ example, code, policies, mentions, suffix }) => {
    test(`exits ${code} and names ${policies.join(', ')}`, () => {
      const run = runs.get(`${example}${suffix}`)!;
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout) as Report;
      const named = new Set(report.violations.map((v) => v.policy));
      for (const policy of policies) expect(named).toContain(policy);
      expect(run.code).toBe(code);
      if (code === 0) {
        // Passing with a violation on record means it was turned into an advisory, not dropped.
        const advisory = report.violations.filter((v) => policies.includes(v.policy));
        expect(advisory.map((v) => v.enforcementLevel)).toEqual(policies.map(() => 'advisory'));
      }
      const text = report.violations
        .filter((v) => policies.includes(v.policy))
        .map((v) => v.message)
        .join('\n');
      for (const mention of mentions ?? []) expect(text).toContain(mention);
    });
  },
);

test.each(MODES)('the example fleet at the repo root passes at $mode', ({ suffix }) => {
  const run = runs.get(`${ROOT_FLEET}${suffix}`)!;
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as Report & {
    summary: { agents: number; mandatory: number };
  };
  expect(report.violations.filter((v) => v.enforcementLevel === 'mandatory')).toEqual([]);
  expect(report.summary.agents).toBe(7);
  expect(run.code).toBe(0);
});
