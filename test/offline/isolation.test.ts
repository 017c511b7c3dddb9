/**
 * The judge never shares a process with the program: nothing a program does can turn its
 * violations into a pass. Each program below declares the same over-permissioned raw agent role
 * and then tries a way out; the check must exit 1 with the real violations, or 2 with a message
 * that says what happened, and never 0. The binary runs in a child process, as in CI.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { removePrograms, REPO_ROOT, writeProgram } from '../support/programs';

afterAll(removePrograms);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function check(program: string, extra: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        path.join(REPO_ROOT, 'bin', 'agent-iam.js'),
        'check',
        '--program',
        program,
        '--policy-config',
        path.join(REPO_ROOT, 'agent-iam.config.json'),
        ...extra,
      ],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (err as { code?: number }).code : 0;
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}

const BAD_AGENT = `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
export const role = new aws.iam.Role('bad-agent', {
  name: 'bad-agent',
  tags: { 'agent:name': 'bad-agent' },
  assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
  inlinePolicies: [{ name: 'all', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }],
});
void pulumi;
`;

function program(tail: string, files: Record<string, string> = {}): string {
  return writeProgram({
    'Pulumi.yaml': 'name: isolation\nruntime: nodejs\n',
    'index.ts': `${BAD_AGENT}\n${tail}\n`,
    ...files,
  });
}

const CASES: { case: string; tail: string; code: 1 | 2; says: RegExp }[] = [
  {
    case: 'an export that never settles',
    tail: 'export const never = new Promise<string>(() => undefined);',
    code: 2,
    says: /the program never finished/,
  },
  {
    case: 'a resource input that never settles',
    tail: `new aws.s3.Bucket('stuck', { bucket: new Promise<string>(() => undefined) });`,
    code: 2,
    says: /still waiting for resources aws:s3\/bucket:Bucket "stuck"/,
  },
  {
    case: 'process.exit(0) before the program finishes',
    tail: `export const later = new Promise((r) => setTimeout(r, 50)); process.exit(0);`,
    code: 2,
    says: /exited with code 0 before it finished/,
  },
  {
    case: 'process.exit(0) from a timer',
    tail: `setTimeout(() => process.exit(0), 1); export const later = new Promise((r) => setTimeout(r, 200));`,
    code: 2,
    says: /exited with code 0 before it finished/,
  },
  {
    case: 'a throw from a timer',
    tail: `setTimeout(() => { throw new Error('boom from a timer'); }, 1); export const later = new Promise((r) => setTimeout(r, 100));`,
    code: 2,
    says: /index\.ts:\d+: boom from a timer/,
  },
  {
    case: 'a throw inside an apply',
    tail: `new aws.sqs.Queue('q', { name: role.name.apply((n) => { if (n) throw new Error('boom in an apply'); return n; }) });`,
    code: 2,
    says: /index\.ts:\d+: .*boom in an apply/,
  },
  {
    case: 'an invoke with no offline answer',
    tail: `export const secret = aws.secretsmanager.getSecretVersionOutput({ secretId: 'db' }).secretString;`,
    code: 2,
    says: /"aws:secretsmanager\/getSecretVersion:getSecretVersion", which the offline check cannot answer/,
  },
  {
    case: 'a replaced export of the pack',
    tail: `const agents = require(${JSON.stringify(path.join(REPO_ROOT, 'policy-pack', 'lib', 'agents'))}); for (const k of Object.keys(agents)) { try { agents[k] = () => []; } catch { /* frozen */ } }`,
    code: 1,
    says: /agent-no-wildcard-actions/,
  },
  {
    case: 'a replaced export of the engine',
    tail: `const engine = require(${JSON.stringify(path.join(REPO_ROOT, 'policy-pack', 'engine'))}); for (const k of Object.keys(engine)) { try { engine[k] = () => ({ findings: [], overPermissioned: false }); } catch { /* frozen */ } }`,
    code: 1,
    says: /agent-no-admin|agent-no-wildcard-actions/,
  },
  {
    case: 'a fake report on standard output',
    tail: `console.log('PASS: 0 mandatory violations, 0 advisories; 1 agent, 1 resource checked at preview');`,
    code: 1,
    says: /agent-no-wildcard-actions/,
  },
  {
    case: 'a patched Buffer.from that rewrites the role into a bucket on the host channel',
    tail: `const from = Buffer.from; (Buffer as any).from = (s: unknown, e?: unknown) => (from as any).call(Buffer, typeof s === 'string' ? s.split('aws:iam/role:Role').join('aws:s3/bucket:Bucket') : s, e);`,
    code: 1,
    says: /agent-no-wildcard-actions/,
  },
  {
    case: 'an Object.prototype.toJSON that rewrites the role into a bucket',
    tail: `Object.defineProperty(Object.prototype, 'toJSON', { configurable: true, writable: true, value(this: { type?: string }) { return this && this.type === 'aws:iam/role:Role' ? { ...this, type: 'aws:s3/bucket:Bucket' } : this; } });`,
    code: 1,
    says: /agent-no-wildcard-actions/,
  },
  {
    case: 'an Array.prototype.toJSON that empties every list',
    tail: `Object.defineProperty(Array.prototype, 'toJSON', { configurable: true, writable: true, value: () => [] });`,
    code: 1,
    says: /agent-no-wildcard-actions/,
  },
  {
    case: "a write into the judge's data folder",
    tail: `require('fs').writeFileSync(${JSON.stringify(path.join(REPO_ROOT, 'policy-pack', 'engine', 'data', 'tamper-attempt.json'))}, '{}');`,
    code: 2,
    says: /asked for FileSystemWrite on .*tamper-attempt\.json, which the offline check does not allow/,
  },
  {
    case: "a write into the judge's transpile cache, asynchronously",
    tail: `require('fs').promises.mkdir(${JSON.stringify(path.join(REPO_ROOT, 'node_modules', '.cache', 'agent-iam-ts', 'tamper'))}).catch((e: Error) => { throw e; }); export const later = new Promise((r) => setTimeout(r, 200));`,
    code: 2,
    says: /FileSystemWrite|Access to this API has been restricted/,
  },
  {
    case: 'a child process started to outlive the host',
    tail: `require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 1)'], { detached: true });`,
    code: 2,
    says: /asked for ChildProcess, which the offline check does not allow/,
  },
  {
    case: 'a forged line on the host channel',
    tail: `require('fs').writeSync(3, JSON.stringify({ t: 'done', count: 0, nonce: 'x'.repeat(48) }) + '\\n'); process.exit(0);`,
    code: 2,
    says: /did not come from the host|before it finished/,
  },
];

describe.each(CASES)('a program with $case', ({ tail, code, says }) => {
  test(`exits ${code}, never 0, and says so`, async () => {
    const run = await check(program(tail));
    expect(`${run.stdout}\n${run.stderr}`).toMatch(says);
    expect(run.code).toBe(code);
    // A program's own output never reaches the check's standard output.
    expect(run.stdout).not.toMatch(/^PASS/m);
  });
});

test('a program that runs too long is stopped at --timeout with exit 2', async () => {
  const run = await check(
    program('export const forever = new Promise(() => setInterval(() => undefined, 1000));'),
    ['--timeout', '2'],
  );
  expect(run.stderr).toMatch(/did not finish within 2 s \(--timeout\)/);
  expect(run.code).toBe(2);
});
