/**
 * An Agent component whose statement names the ARN of a bucket the same change creates: at
 * preview its `inventory` output is wholly unknown. The check keeps the identity its role's tags
 * and Vault role say, marks the statements and the role ARN known after apply, and the report
 * shows "(known after apply)" where it used to blank the fields and call the expiry invalid.
 */
import * as path from 'path';
import { CheckReportSchema } from '../../../../cli/check-report';
import { runReport } from '../../../../cli/commands/report';
import { recordingIo } from '../../../../cli/io';
import { runCheckBinary } from '../../../support/check-binary';
import { removePrograms, REPO_ROOT, writeProgram } from '../../../support/programs';

afterAll(removePrograms);

const PROGRAM = `
import * as aws from '@pulumi/aws';
import { Agent, AgentFleet } from ${JSON.stringify(path.join(REPO_ROOT, 'components'))};
const bucket = new aws.s3.Bucket('scratch', {});
const fleet = new AgentFleet('agents', {
  vaultPrincipalArn: 'arn:aws:iam::123456789012:role/vault-secrets-engine',
  awsSecretsEngine: {
    mode: 'workload-identity',
    path: 'aws-agents',
    identityTokenAudience: 'vault',
    roleArn: 'arn:aws:iam::123456789012:role/vault-secrets-engine',
  },
  appRoleAuth: { mode: 'create', path: 'agents' },
  credentials: { ttl: '15m', maxTtl: '1h' },
  maxLifetimeDays: 365,
  agents: [],
});
new Agent('scratch-writer', {
  fleet,
  owner: 'team:data',
  purpose: 'Writes scratch files',
  expiresOn: '2027-06-30',
  permissions: [{ actions: ['s3:PutObject'], resources: [bucket.arn.apply((a) => a + '/*')] }],
});
`;

test('identity kept from the role, statements and role ARN known after apply', async () => {
  const dir = writeProgram({
    'Pulumi.yaml': 'name: unknown-arn\nruntime: nodejs\n',
    'index.ts': PROGRAM,
  });
  const run = await runCheckBinary([
    '--program',
    dir,
    '--json',
    '--policy-config',
    path.join(REPO_ROOT, 'agent-iam.config.json'),
  ]);
  // The unknown document is a mandatory violation of its own (the pack fails closed).
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  const check = CheckReportSchema.parse(JSON.parse(run.stdout));
  expect(check.inventory).toEqual([
    {
      name: 'scratch-writer',
      owner: 'team:data',
      purpose: 'Writes scratch files',
      expiresOn: '2027-06-30',
      ttl: '15m',
      maxTtl: '1h',
      statements: [],
      roleArn: null,
      vaultPath: 'aws-agents/sts/scratch-writer',
      knownAfterApply: ['statements'],
      runtime: 'vault',
      status: 'active',
    },
  ]);
  const io = recordingIo();
  expect(await runReport(['-', '--now', '2027-06-10'], io, () => run.stdout)).toBe(0);
  expect(io.stdout).toContain(
    '| scratch-writer | team:data | Writes scratch files | vault | active | 2027-06-30 | 20 | 15m | 1h | 9 | 0 |',
  );
  expect(io.stdout).toContain(
    'Role: (known after apply). Vault path: `aws-agents/sts/scratch-writer`.',
  );
  expect(io.stdout.filter((l) => l.includes('invalid expiry'))).toEqual([]);
}, 120_000);
