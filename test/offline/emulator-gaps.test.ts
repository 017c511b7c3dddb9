/**
 * What real programs from public repositories need of the offline emulator beyond resources, one
 * class each, found by running the check on pulumi/examples programs outside test/fixtures:
 * required config a checked-out program does not set (aws-ts-pulumi-miniflux, aws-ts-voting-app,
 * aws-ts-stackreference), a region read from config (aws-ts-assume-role), the AMI ids AWS
 * publishes as public SSM parameters (awsx classic's ECS cluster, aws-ts-airflow), another stack's
 * outputs (aws-ts-stackreference/team) and a callback closure the SDK cannot serialise without the
 * program's own node_modules (aws-ts-thumbnailer). Each plausible
 * answer stops where the pack would need a value nobody can know offline: that stays unknown, or
 * the check fails naming it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runCheckBinary } from '../support/check-binary';
import { removePrograms, writeProgram } from '../support/programs';
import { UNKNOWN } from '../../offline/policy-internals';

const PULUMI_YAML = 'name: gaps\nruntime: nodejs\n';
const POLICY_CONFIG = ['--policy-config', 'agent-iam.config.json'];

afterAll(removePrograms);

interface Report {
  violations: { policy: string; enforcementLevel: string; message: string }[];
  warnings: string[];
  summary: { resources: number; mandatory: number; passed: boolean };
}

interface StateExport {
  deployment: { resources: { type: string; inputs?: Record<string, unknown> }[] };
}

const unsetWarning = (dir: string, key: string, name: string) =>
  `config "${key}" is required by the program but set neither in ${path.join(dir, 'Pulumi.dev.yaml')} nor in Pulumi.yaml: the check read it as unknown, as a value known only at deploy time, so whatever the pack needs from it fails closed; set it with \`pulumi config set ${name} VALUE\` (add --secret for a secret).`;

test('required config the stack does not set is unknown, and so is every string built from it: a warning names each key, exit 0', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const config = new pulumi.Config();
const table = config.require('tableName');
const password = config.requireSecret('dbPassword');
const region = config.get('optionalRegion') ?? 'us-east-1';
const role = new aws.iam.Role('reader', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  }),
});
new aws.iam.RolePolicy('reader-table', {
  role: role.name,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'dynamodb:GetItem',
        Resource: \`arn:aws:dynamodb:\${region}:123456789012:table/\${table}\`,
      },
    ],
  }),
});
new aws.ssm.Parameter('password', { type: 'SecureString', value: password });
`,
  });
  const state = path.join(dir, 'state.json');
  const run = await runCheckBinary([
    '--program',
    dir,
    ...POLICY_CONFIG,
    '--json',
    '--update',
    '--export-state',
    state,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  expect(report.warnings).toEqual([
    unsetWarning(dir, 'gaps:tableName', 'tableName'),
    unsetWarning(dir, 'gaps:dbPassword', 'dbPassword'),
  ]);
  // The table's ARN was built from the unset name: the document is unknown, never "one table".
  expect(report.violations).toEqual([
    expect.objectContaining({
      policy: 'agent-ai-workload-declared',
      enforcementLevel: 'advisory',
      message: expect.stringContaining(
        'whether it can invoke models is unknown at preview (the policy document of rolePolicy:reader-table)',
      ),
    }),
  ]);
  const exported = JSON.parse(fs.readFileSync(state, 'utf8')) as StateExport;
  const inputs = (type: string) =>
    exported.deployment.resources.find((r) => r.type === type)?.inputs ?? {};
  expect(inputs('aws:iam/rolePolicy:RolePolicy').policy).toBe(UNKNOWN);
  expect(inputs('aws:ssm/parameter:Parameter').value).toEqual({
    '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270',
    plaintext: JSON.stringify(UNKNOWN),
  });
});

test('requireNumber of an unset key still fails, naming the key: no number stands for unknown, exit 2', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
new aws.iam.Role('worker', {
  maxSessionDuration: new pulumi.Config().requireNumber('sessionSeconds'),
  assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}',
});
`,
  });
  const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(
    `the program ${dir} failed: index.ts:5: Missing required configuration variable 'gaps:sessionSeconds'`,
  );
});

test('a program that fails on the stand-in of unset config is told so, with the key and the fix, exit 2', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const user = new pulumi.Config().require('dbUser');
if (user.length > 16) throw new Error('dbUser must be at most 16 characters');
new aws.s3.Bucket(user);
`,
  });
  const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    `agent-iam check: the program ${dir} failed: index.ts:5: dbUser must be at most 16 characters (the program had read config the stack does not set, "gaps:dbUser", as an unknown stand-in, which it may have failed on: set it with \`pulumi config set\` and check again)`,
  ]);
});

test('a stack without aws:region reads the mocked region: aws.config.requireRegion() and an explicit Provider run, exit 0', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
const provider = new aws.Provider('privileged', { region: aws.config.requireRegion() });
new aws.s3.Bucket('logs', { bucket: \`logs-\${aws.config.requireRegion()}\` }, { provider });
`,
  });
  const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--region', 'eu-west-1']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const fallback = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
  expect(fallback.stderr).toBe('');
  expect(fallback.code).toBe(0);
  expect((JSON.parse(fallback.stdout) as Report).summary.resources).toBe(2);
});

test('AWS public AMI parameters are answered (ECS-optimised JSON, image_id, Amazon Linux latest), exit 0', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
const names = [
  '/aws/service/ecs/optimized-ami/amazon-linux-2/recommended',
  '/aws/service/eks/optimized-ami/1.31/amazon-linux-2/recommended/image_id',
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
];
export const ids = Promise.all(names.map((name) => aws.ssm.getParameter({ name }))).then((ps) => {
  const ecs = JSON.parse(ps[0].value) as { image_id: string };
  const found = [ecs.image_id, ps[1].value, ps[2].value];
  if (!found.every((id) => /^ami-[0-9a-f]{17}$/.test(id))) throw new Error(found.join(' '));
  for (const [i, id] of found.entries()) new aws.ec2.LaunchTemplate(\`lt\${i}\`, { imageId: id });
  return found;
});
`,
  });
  const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as Report).summary.resources).toBe(3);
});

test("an account's own SSM parameter is not answered: the check fails naming the data source, exit 2", async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
export const policy = aws.ssm.getParameter({ name: '/team/agent-policy' }).then(
  (p) => new aws.iam.Policy('agent', { policy: p.value }),
);
`,
  });
  const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(
    'the program calls the provider function "aws:ssm/getParameter:getParameter", which the offline check cannot answer without a cloud account',
  );
});

test("another stack's outputs are unknown at preview (exit 0) and stop --update with the reason (exit 2)", async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'Pulumi.dev.yaml': 'config:\n  gaps:networkStack: acme/network/prod\n',
    'index.ts': `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const network = new pulumi.StackReference(new pulumi.Config().require('networkStack'));
const bucket = network.getOutput('logBucket');
new aws.iam.Policy('read-logs', {
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: pulumi.interpolate\`arn:aws:s3:::\${bucket}/*\` },
    ],
  }),
});
new aws.s3.Bucket('copy', { tags: { source: network.getOutput('logBucket').apply((b) => String(b)) } });
`,
  });
  const state = path.join(dir, 'state.json');
  const preview = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
  expect(preview.stderr).toBe('');
  expect(preview.code).toBe(0);
  expect((JSON.parse(preview.stdout) as Report).summary.resources).toBe(2);
  const update = await runCheckBinary([
    '--program',
    dir,
    ...POLICY_CONFIG,
    '--update',
    '--export-state',
    state,
  ]);
  expect(update.code).toBe(2);
  expect(update.stdout).toBe('');
  expect(update.stderr.trimEnd().split('\n')).toEqual([
    `agent-iam check: the program ${dir} failed: pulumi.StackReference "acme/network/prod": another stack's outputs cannot be known offline, and --update judges every value as known; check at preview (without --update), where they are unknown`,
  ]);
  expect(fs.existsSync(state)).toBe(false);
});

test("a preview whose program requires another stack's output: the run with every output known cannot run it, exit 2 naming why", async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const network = new pulumi.StackReference('acme/network/prod');
new aws.s3.Bucket('copy', { tags: { source: network.requireOutput('logBucket').apply((b) => String(b)) } });
`,
  });
  const preview = await runCheckBinary(['--program', dir, ...POLICY_CONFIG]);
  expect(preview.code).toBe(2);
  expect(preview.stdout).toBe('');
  expect(preview.stderr.trimEnd().split('\n')).toEqual([
    `agent-iam check: the program ${dir} failed: error serializing property "tags": Required output 'logBucket' does not exist on stack 'acme/network/prod'. (in the run with every output known that a preview check also makes, to judge what the program creates only once values are known; another stack's outputs are absent from it. A program that cannot run so is not judged completely offline: judge it with \`pulumi preview --policy-pack\`)`,
  ]);
});

test('a callback closure, even one the SDK could not serialise, gets a stand-in body; its role is judged, exit 0', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'package.json': JSON.stringify({ name: 'gaps', dependencies: { '@pulumi/aws': '*' } }),
    'index.ts': `
import * as aws from '@pulumi/aws';
const has = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
new aws.lambda.CallbackFunction('probe', {
  callback: async (event: Record<string, unknown>) => has(event, 'id'),
});
`,
  });
  const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  expect(report.warnings).toEqual([]);
  // The CallbackFunction's Role, its default policy attachments and the Function itself.
  expect(report.summary.resources).toBe(11);
  expect(report.violations).toEqual([]);
});

describe("a callback closure's node_modules are not walked: a program without its own runs", () => {
  const CALLBACK = `
import * as aws from '@pulumi/aws';
new aws.lambda.CallbackFunction('probe', { callback: async () => 'ok' });
`;
  test.each<{ shape: string; files: Record<string, string> }>([
    {
      shape: 'no package.json above the program (the SDK fails "Failed to find package.json.")',
      files: { 'Pulumi.yaml': PULUMI_YAML, 'index.ts': CALLBACK },
    },
    {
      shape: 'a package.json whose dependencies are not installed (one warning per dependency)',
      files: {
        'Pulumi.yaml': PULUMI_YAML,
        'package.json': JSON.stringify({
          name: 'gaps',
          dependencies: { '@pulumi/aws': '*', '@pulumi/pulumi': '*', 'left-pad': '*' },
        }),
        'index.ts': CALLBACK,
      },
    },
  ])('$shape: exit 0, nothing on stderr, the role judged', async ({ files }) => {
    const dir = writeProgram(files, { nodeModules: false });
    const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.warnings).toEqual([]);
    // The CallbackFunction's Role, its default policy attachments and the Function itself.
    expect(report.summary.resources).toBe(11);
    expect(report.violations).toEqual([]);
  });
});

describe('a program that asks for another major of a package agent-iam lends it, and has not installed it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AWS = (require('@pulumi/aws/package.json') as { version: string }).version;
  const ASKED = `^${Number(AWS.split('.')[0]) - 1}.0.0`;
  const files = (index: string) => ({
    'Pulumi.yaml': PULUMI_YAML,
    'package.json': JSON.stringify({ name: 'gaps', dependencies: { '@pulumi/aws': ASKED } }),
    'index.ts': index,
  });

  test('is judged with a warning naming the file, the package, the range and the version lent, exit 0', async () => {
    const dir = writeProgram(
      files(`import * as aws from '@pulumi/aws';\nnew aws.s3.Bucket('b');\n`),
      {
        nodeModules: false,
      },
    );
    const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.warnings).toEqual([
      `${path.join(dir, 'package.json')}: the program asks for @pulumi/aws "${ASKED}", which is not installed in its folder, and ran with agent-iam's @pulumi/aws ${AWS}, another major version, so what it registers may differ from \`pulumi preview\`; run \`npm install\` in ${dir} to check it with its own.`,
    ]);
    expect(report.summary.resources).toBe(1);
  });

  test('that fails is told the borrowed version may be why, exit 2', async () => {
    const dir = writeProgram(
      files(`import * as aws from '@pulumi/aws';\n(aws as any).s3.BucketV2Legacy('b');\n`),
      { nodeModules: false },
    );
    const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `agent-iam check: the program ${dir} failed: index.ts:2: aws.s3.BucketV2Legacy is not a function (the program asks for @pulumi/aws "${ASKED}" (ran with ${AWS}), not installed in its folder; it may fail only with agent-iam's version: run \`npm install\` in ${dir} and check again)`,
    ]);
  });
});

test("a dynamic provider is serialised as a stand-in (the sandbox refuses the SDK's inspector); the stack's roles are judged, exit 0", async () => {
  const dir = writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: 'seeded', outs: inputs };
  },
};
new pulumi.dynamic.Resource(provider, 'seed', { table: 'orders' });
new aws.iam.Role('worker', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
`,
  });
  for (const mode of [[], ['--update']]) {
    const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json', ...mode]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    // The dynamic resource and the Role.
    expect(report.summary.resources).toBe(2);
    expect(report.violations).toEqual([]);
  }
});

describe("a program is transpiled with Pulumi's default target (ES2020) under its own tsconfig", () => {
  // A field only declared in a subclass: with ES2022 class fields it is defined after super() and
  // erases the output the SDK's constructor set; Pulumi's ts-node target ES2020 keeps it.
  const INDEX = `
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
class WorkerRole extends aws.iam.Role {
  public readonly arn!: pulumi.Output<string>;
}
const role = new WorkerRole('worker', {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: 'lambda.amazonaws.com' }),
});
new aws.iam.RolePolicy('self', {
  role: role.id,
  policy: role.arn.apply((arn) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: arn }],
    }),
  ),
});
`;
  test.each<{ shape: string; files: Record<string, string> }>([
    { shape: 'no tsconfig', files: {} },
    {
      shape: 'a tsconfig that sets no target',
      files: { 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }) },
    },
  ])('$shape: the declared field keeps its output, exit 0', async ({ files }) => {
    const dir = writeProgram({ 'Pulumi.yaml': PULUMI_YAML, 'index.ts': INDEX, ...files });
    const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).summary.resources).toBe(2);
  });

  test("a tsconfig's own target ES2022 is kept: the field is erased, as under pulumi preview, exit 2", async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': INDEX,
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022' } }),
    });
    const run = await runCheckBinary(['--program', dir, ...POLICY_CONFIG]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `the program ${dir} failed: index.ts:12: Cannot read properties of undefined (reading 'apply')`,
    );
  });
});
