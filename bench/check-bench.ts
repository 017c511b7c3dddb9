/**
 * Times the offline check end to end (process start, program, pack, report) on generated fleets
 * of 100 and 1,000 agents declared through the components. Goal: 1,000 agents in
 * under 10 s on the 2-core machine, time growing no faster than linearly.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..');
const SIZES = [100, 1000];
const GOAL_SECONDS_AT_1000 = 10;

/**
 * A program declaring `count` compliant agents in one fleet, each with its own queue permissions,
 * checked with the repo's `policy-config.json` as `npm start` does, so the whole pack runs.
 */
function fleetProgram(count: number): string {
  const components = JSON.stringify(path.join(REPO_ROOT, 'components'));
  return `import { AgentFleet } from ${components};

const vaultPrincipalArn = 'arn:aws:iam::123456789012:role/vault-secrets-engine';
// Teams registered in the repo's policy-config.json, so that a compliant fleet passes.
const teams = ['support', 'finance', 'platform', 'security'];
const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const agents = Array.from({ length: ${count} }, (_, i) => ({
  name: 'agent-' + i,
  owner: 'team:' + teams[i % teams.length],
  purpose: 'Processes work item queue number ' + i,
  expiresOn,
  permissions: [
    {
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
      resources: ['arn:aws:sqs:us-east-1:123456789012:work-' + i],
    },
  ],
}));

const fleet = new AgentFleet('bench', {
  vaultPrincipalArn,
  awsSecretsEngine: {
    mode: 'workload-identity',
    path: 'aws-agents',
    identityTokenAudience: 'vault-aws-secrets',
    roleArn: vaultPrincipalArn,
  },
  appRoleAuth: { mode: 'create', path: 'agents' },
  agents,
});

export const inventory = fleet.inventory;
`;
}

interface Timing {
  agents: number;
  seconds: number;
  summary: string;
}

/**
 * Writes a generated fleet program of `count` agents into a new temporary folder and returns it
 * (also used to profile the check by hand with `node --cpu-prof bin/agent-iam.js check ...`).
 */
export function writeFleetProgram(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agent-iam-bench-${count}-`));
  // Resolves `@pulumi/*` from the repo, as a program inside it would.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), `name: bench-${count}\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(dir, 'index.ts'), fleetProgram(count));
  return dir;
}

function timeCheck(count: number): Timing {
  const dir = writeFleetProgram(count);
  try {
    const args = [
      path.join(REPO_ROOT, 'bin', 'agent-iam.js'),
      'check',
      '--program',
      dir,
      '--policy-config',
      path.join(REPO_ROOT, 'policy-config.json'),
    ];
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const lines = run.stdout.trimEnd().split('\n');
    if (run.status === 2) throw new Error(`check of ${count} agents failed:\n${run.stderr}`);
    return { agents: count, seconds, summary: lines[lines.length - 1] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  // A warm-up run fills the transpile cache, so the timings measure the check, not tsc.
  timeCheck(10);
  const timings = SIZES.map(timeCheck);
  for (const t of timings) {
    console.log(
      `check: ${String(t.agents).padStart(5)} agents  ${t.seconds.toFixed(2)} s  ` +
        `(${((t.seconds * 1000) / t.agents).toFixed(1)} ms/agent)  ${t.summary}`,
    );
  }
  const [small, large] = timings;
  const growth = large.seconds / small.seconds;
  const sizeRatio = large.agents / small.agents;
  console.log(
    `check: ${large.agents}/${small.agents} agents took ${growth.toFixed(2)}x the time for ${sizeRatio}x the agents ` +
      `(${growth <= sizeRatio ? 'at most linear' : 'SUPER-LINEAR'}); ` +
      `goal < ${GOAL_SECONDS_AT_1000} s at 1000: ${large.seconds < GOAL_SECONDS_AT_1000 ? 'met' : 'MISSED'}`,
  );
}
