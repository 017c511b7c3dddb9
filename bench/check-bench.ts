/**
 * `npm run bench -- check`: the offline check's figures against their goals (issue 8, item 7),
 * with the real binary as a user runs it (process start included), on generated fleets declared
 * through the components (`AgentFleet`, 7 resources per agent):
 * - 1,000 agents checked in under 6 s wall;
 * - no slower than the same program under the bare SDK mocks (`bench/bare-mocks.js`: one plain
 *   node process, `pulumi.runtime.setMocks` with trivial mocks, the SDK's per-promise stack capture
 *   off), measured in the same run;
 * - 2,000 agents in at most 2.1× the time of 1,000.
 * Each figure is the median of `BENCH_RUNS` runs (default 3), after a warm-up run that fills the TS
 * transpile cache. These machines are shared, so the CPU time of each run (the process and its
 * children, from /proc) and the load average are printed with the walls.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..');
const BIN = path.join(REPO_ROOT, 'bin', 'agent-iam.js');
const BARE = path.join(__dirname, 'bare-mocks.js');
const REGISTER_TS = path.join(REPO_ROOT, 'bin', 'register-ts.js');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const GOAL_SECONDS_AT_1000 = 6;
const GOAL_RATIO_TO_BARE = 1;
const GOAL_GROWTH_2000 = 2.1;

/**
 * A program declaring `count` compliant agents in one fleet, each with its own queue permissions,
 * checked with the repo's `agent-iam.config.json` as `npm start` does, so the whole pack runs.
 */
function fleetProgram(count: number): string {
  const components = JSON.stringify(path.join(REPO_ROOT, 'components'));
  return `import { AgentFleet } from ${components};

const vaultPrincipalArn = 'arn:aws:iam::123456789012:role/vault-secrets-engine';
// Teams registered in the repo's agent-iam.config.json, so that a compliant fleet passes.
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

/**
 * Writes a generated fleet program of `count` agents into a new temporary folder and returns it
 * (also used to profile the check by hand: `node --cpu-prof bin/agent-iam.js check ...`, with
 * `AGENT_IAM_HOST_NODE_ARGS='--cpu-prof --cpu-prof-dir <dir>'` for the program host).
 */
export function writeFleetProgram(count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agent-iam-bench-${count}-`));
  // Resolves `@pulumi/*` from the repo, as a program inside it would.
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'Pulumi.yaml'), `name: bench-${count}\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(dir, 'index.ts'), fleetProgram(count));
  return dir;
}

interface Timing {
  wall: number;
  /** User and system CPU seconds of the process and its children; undefined off Linux. */
  cpu?: number;
  summary: string;
}

const CLOCK_TICKS = 100; // USER_HZ, 100 on every Linux this runs on (`getconf CLK_TCK`)

/** CPU seconds of this process's waited-for children (`cutime + cstime` of /proc/self/stat). */
function childrenCpu(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5), counted from 1 with pid and comm before the state (index 0).
    return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

function timed(args: string[], cwd: string, what: string): Timing {
  const cpuBefore = childrenCpu();
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childrenCpu();
  if (run.status !== 0) {
    throw new Error(`${what} exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  }
  const lines = run.stdout.trimEnd().split('\n');
  return {
    wall,
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { cpu: cpuAfter - cpuBefore } : {}),
    summary: lines[lines.length - 1],
  };
}

function checkOnce(dir: string): Timing {
  const args = [BIN, 'check', '--program', dir, '--policy-config'];
  return timed([...args, path.join(REPO_ROOT, 'agent-iam.config.json')], REPO_ROOT, 'check');
}

function bareOnce(dir: string): Timing {
  // `--stack-trace-limit=0`: the SDK's per-promise stack capture off (see bench/bare-mocks.js).
  const args = ['--stack-trace-limit=0', '-r', REGISTER_TS, BARE, dir];
  return timed(args, dir, 'the bare SDK run');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function load(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

interface Figure {
  wall: number;
  cpu?: number;
}

function measure(label: string, runs: number, once: () => Timing): Figure {
  const timings: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    const t = once();
    timings.push(t);
    const cpu = t.cpu === undefined ? 'n/a' : `${t.cpu.toFixed(2)} s`;
    console.log(`  ${label} run ${i + 1}: wall ${t.wall.toFixed(2)} s, cpu ${cpu}; ${t.summary}`);
  }
  const cpus = timings.flatMap((t) => (t.cpu === undefined ? [] : [t.cpu]));
  return {
    wall: median(timings.map((t) => t.wall)),
    ...(cpus.length === timings.length ? { cpu: median(cpus) } : {}),
  };
}

function verdict(met: boolean): string {
  return met ? 'MEETS the goal' : 'MISSES the goal';
}

function cpuText(f: Figure): string {
  return f.cpu === undefined ? '' : `, cpu ${f.cpu.toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const dirs = new Map([10, 1000, 2000].map((n) => [n, writeFleetProgram(n)]));
  const dir = (n: number): string => dirs.get(n) as string;
  try {
    console.log(
      `check bench: generated fleets (7 resources per agent), ${RUNS} runs each, median; load average ${load()} on ${os.cpus().length} cores`,
    );
    // Fills the transpile cache of bin/register-ts.js for the check and for the bare run.
    checkOnce(dir(10));
    bareOnce(dir(10));
    const check1000 = measure('check 1000 agents', RUNS, () => checkOnce(dir(1000)));
    const bare1000 = measure('bare SDK mocks 1000 agents', RUNS, () => bareOnce(dir(1000)));
    const check2000 = measure('check 2000 agents', RUNS, () => checkOnce(dir(2000)));
    console.log(`  load average after the runs: ${load()}`);

    console.log(
      `  check 1000 agents: median wall ${check1000.wall.toFixed(2)} s${cpuText(check1000)} (goal < ${GOAL_SECONDS_AT_1000} s wall): ${verdict(check1000.wall < GOAL_SECONDS_AT_1000)}`,
    );
    const ratio = check1000.wall / bare1000.wall;
    const cpuRatio =
      check1000.cpu !== undefined && bare1000.cpu
        ? `; cpu ${(check1000.cpu / bare1000.cpu).toFixed(2)}×`
        : '';
    console.log(
      `  check vs the same program under the bare SDK mocks (stack capture off), 1000 agents: ${check1000.wall.toFixed(2)} s vs ${bare1000.wall.toFixed(2)} s${cpuText(bare1000)}, ${ratio.toFixed(2)}× wall${cpuRatio} (goal ≤ ${GOAL_RATIO_TO_BARE.toFixed(1)}×): ${verdict(ratio <= GOAL_RATIO_TO_BARE)}`,
    );
    const growth = check2000.wall / check1000.wall;
    const cpuGrowth =
      check2000.cpu !== undefined && check1000.cpu
        ? `; cpu ${(check2000.cpu / check1000.cpu).toFixed(2)}×`
        : '';
    console.log(
      `  check 2000 agents: median wall ${check2000.wall.toFixed(2)} s${cpuText(check2000)}, ${growth.toFixed(2)}× the time of 1000 wall${cpuGrowth} (goal ≤ ${GOAL_GROWTH_2000}×): ${verdict(growth <= GOAL_GROWTH_2000)}`,
    );
  } finally {
    for (const d of dirs.values()) fs.rmSync(d, { recursive: true, force: true });
  }
}
