/**
 * How a program finds its packages: its own `node_modules` first, then agent-iam's installation
 * for `@pulumi/*` and `agent-iam` itself, and a clear message for anything else it lacks.
 */
import { runCheckBinary } from '../support/check-binary';
import { removePrograms, writeProgram } from '../support/programs';

const PULUMI_YAML = 'name: outside\nruntime: nodejs\n';
const IN_30_DAYS = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

afterAll(removePrograms);

test('a project without node_modules borrows @pulumi/aws and agent-iam: judged, exit 0', async () => {
  const dir = writeProgram(
    {
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': `
import * as aws from '@pulumi/aws';
import { AgentFleet, grants } from 'agent-iam';

const queue = new aws.sqs.Queue('tickets', { name: 'tickets' });
new AgentFleet('agents', {
  vaultPrincipalArn: 'arn:aws:iam::123456789012:role/vault-secrets-engine',
  awsSecretsEngine: { mode: 'existing', path: 'aws-agents' },
  appRoleAuth: { mode: 'create', path: 'agents' },
  agents: [
    {
      name: 'ticket-reader',
      owner: 'team:support',
      purpose: 'Reads support tickets',
      expiresOn: '${IN_30_DAYS}',
      permissions: grants.sqs.consume(queue.name, { account: '123456789012', region: 'us-east-1' }),
    },
  ],
});
`,
    },
    { nodeModules: false },
  );
  const run = await runCheckBinary([
    '--program',
    dir,
    '--policy-config',
    'agent-iam.config.json',
    '--json',
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as { inventory: Array<{ name: string }> };
  expect(report.inventory.map((a) => a.name)).toEqual(['ticket-reader']);
});

test('a package nobody installed: the message names it and says to run npm install, exit 2', async () => {
  const dir = writeProgram(
    {
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': `import * as aws from '@pulumi/aws';\nimport mime from 'mime';\nnew aws.s3.Bucket(String(mime));\n`,
    },
    { nodeModules: false },
  );
  const run = await runCheckBinary(['--program', dir, '--policy-config', 'agent-iam.config.json']);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trimEnd().split('\n')).toEqual([
    `agent-iam check: the program ${dir} failed: index.ts:2: Cannot find module 'mime': it is not installed in the program's folder (${dir}) or above it; run \`npm install\` there (agent-iam lends a program only @pulumi/aws, @pulumi/awsx, @pulumi/docker, @pulumi/docker-build, @pulumi/policy, @pulumi/pulumi, @pulumi/random, @pulumi/vault and agent-iam)`,
  ]);
});

test('a project without node_modules borrows @pulumi/random and @pulumi/awsx: its raw role is judged, the remote component is listed', async () => {
  const dir = writeProgram(
    {
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': `
import * as aws from '@pulumi/aws';
import * as awsx from '@pulumi/awsx';
import * as random from '@pulumi/random';

const suffix = new random.RandomString('suffix', { length: 6, special: false });
new awsx.ec2.Vpc('vpc', {});
new aws.iam.Role('bot', {
  name: suffix.result.apply((s) => 'bot-' + s),
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'bedrock.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  }),
});
`,
    },
    { nodeModules: false },
  );
  const run = await runCheckBinary([
    '--program',
    dir,
    '--policy-config',
    'agent-iam.config.json',
    '--json',
  ]);
  expect(run.code).toBe(1);
  const report = JSON.parse(run.stdout) as {
    violations: Array<{ policy: string; resource: { name: string } }>;
    opaqueComponents: Array<{ type: string; name: string }>;
  };
  expect(report.violations.filter((v) => v.policy === 'agent-ai-workload-declared')).toEqual([
    expect.objectContaining({ resource: expect.objectContaining({ name: 'bot' }) }),
  ]);
  expect(report.opaqueComponents).toEqual([
    expect.objectContaining({ type: 'awsx:ec2:Vpc', name: 'vpc' }),
  ]);
});
