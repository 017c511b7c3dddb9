/**
 * The saved `check --json` is one contract: the check writes what `CheckReportSchema` describes,
 * and `report` and `diff` read it with that schema, so no field the check writes is lost on the
 * way. Runs the real pack in-process on the example fleet and on a hand-written agent.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CheckReportSchema } from '../../cli/check-report';
import { runCheck } from '../../cli/commands/check';
import { runDiff } from '../../cli/commands/diff';
import { runReport } from '../../cli/commands/report';
import { recordingIo } from '../../cli/io';
import { removePrograms, REPO_ROOT, writeProgram } from '../support/programs';

afterAll(removePrograms);

const PULUMI_YAML = 'name: demo\nruntime: nodejs\n';
const VAULT = 'arn:aws:iam::123456789012:role/vault';
const TRUST = `JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '${VAULT}' }, Action: 'sts:AssumeRole' }] })`;
const TAGS = `{ 'agent:name': 'exporter', 'agent:owner': 'team:data', 'agent:purpose': 'Exports sales', 'agent:expires-on': '2026-09-30' }`;

/** `exporter` written by hand: a tagged role with an inline policy, and its Vault role. */
const HAND_WRITTEN = `import * as aws from '@pulumi/aws';
import * as vault from '@pulumi/vault';
const role = new aws.iam.Role('exporter-role', {
  name: 'agent-exporter', path: '/agents/', assumeRolePolicy: ${TRUST}, tags: ${TAGS},
});
new aws.iam.RolePolicy('exporter-policy', {
  role: role.name,
  policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::sales/*'] }] }),
});
new vault.aws.SecretBackendRole('exporter-vault-role', {
  backend: 'aws', name: 'exporter', credentialType: 'assumed_role',
  roleArns: ['arn:aws:iam::123456789012:role/agents/agent-exporter'], defaultStsTtl: 900, maxStsTtl: 1800,
});
`;

/** The same agent declared through a component of the Agent type, with its inventory output. */
const DECLARED = `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
class Agent extends pulumi.ComponentResource {
  constructor(name: string) {
    super('agent-iam:index:Agent', name, {}, {});
    new aws.iam.Role(name + '-role', { name: 'agent-' + name, path: '/agents/', assumeRolePolicy: ${TRUST}, tags: ${TAGS} }, { parent: this });
    this.registerOutputs({ inventory: {
      name, owner: 'team:data', purpose: 'Exports sales', expiresOn: '2026-09-30', ttl: '15m', maxTtl: '30m',
      statements: [{ sid: 'ReadSales', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::sales/*'] }],
    } });
  }
}
new Agent('exporter');
`;

/** Gives one policy its own Vault principal, so the check warns that policies may disagree. */
function divergentConfig(): string {
  const dir = writeProgram({});
  const file = path.join(dir, 'policy-config.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ 'agent-owner-required': { vaultPrincipalArns: [VAULT] } }),
  );
  return file;
}

async function checkJson(...args: string[]): Promise<{ text: string; file: string }> {
  const io = recordingIo();
  await runCheck([...args, '--json'], io);
  expect(io.stderr).toEqual([]);
  const text = io.stdout.join('\n');
  const file = path.join(writeProgram({}), 'check.json');
  fs.writeFileSync(file, text);
  return { text, file };
}

const program = (source: string) =>
  writeProgram({ 'Pulumi.yaml': PULUMI_YAML, 'index.ts': source });

describe('check --json and CheckReportSchema', () => {
  test.each([
    {
      case: 'the example fleet',
      args: () => ['--policy-config', path.join(REPO_ROOT, 'agent-iam.config.json')],
    },
    {
      case: 'a hand-written agent, with a config warning',
      args: () => ['--program', program(HAND_WRITTEN), '--policy-config', divergentConfig()],
    },
    { case: 'an agent declared through a component', args: () => ['--program', program(DECLARED)] },
  ])('$case: parsing with the schema and saving again loses nothing', async ({ args }) => {
    const { text } = await checkJson(...args());
    const written: unknown = JSON.parse(text);
    const parsed = CheckReportSchema.parse(written);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(written);
  });

  test("the hand-written agent is marked, with its IAM policies' statements, and the warning kept", async () => {
    const { text } = await checkJson(
      '--program',
      program(HAND_WRITTEN),
      '--policy-config',
      divergentConfig(),
    );
    const parsed = CheckReportSchema.parse(JSON.parse(text));
    expect(parsed.inventory).toEqual([
      {
        name: 'exporter',
        owner: 'team:data',
        purpose: 'Exports sales',
        runtime: 'vault',
        status: 'expired',
        expiresOn: '2026-09-30',
        ttl: '15m',
        maxTtl: '30m',
        statements: [
          {
            source: 'rolePolicy:exporter-policy',
            actions: ['s3:GetObject'],
            resources: ['arn:aws:s3:::sales/*'],
          },
        ],
        declaredBy: 'hand',
        // A new role's ARN is known only after apply; the Vault role says where its credentials are.
        roleArn: null,
        vaultPath: 'aws/sts/exporter',
      },
    ]);
    expect(parsed.warnings).toEqual([
      expect.stringContaining('the policy-pack config gives different vaultPrincipalArns'),
    ]);
  });
});

describe('report and diff see every field', () => {
  test('report names the hand-written agent as such, with the actions of its IAM policies and the warning', async () => {
    const { file } = await checkJson(
      '--program',
      program(HAND_WRITTEN),
      '--policy-config',
      divergentConfig(),
    );
    const markdown = recordingIo();
    expect(await runReport([file, '--now', '2026-09-01'], markdown)).toBe(0);
    // The mandatory and advisory counts that end the row are the real pack's verdicts.
    expect(markdown.stdout.find((l) => l.startsWith('| exporter'))).toMatch(
      /^\| exporter \(hand-written\) \| team:data \| Exports sales \| vault \| expired \| 2026-09-30 \| 29 \| 15m \| 30m \| \d+ \| \d+ \|$/,
    );
    expect(markdown.stdout).toContain(
      '| 1 (rolePolicy:exporter-policy) | Allow | `s3:GetObject` | `arn:aws:s3:::sales/*` | none |',
    );
    expect(markdown.stdout.filter((l) => l.startsWith('- Warning from the check: '))).toHaveLength(
      1,
    );
    const json = recordingIo();
    expect(await runReport([file, '--format', 'json', '--now', '2026-09-01'], json)).toBe(0);
    const review = JSON.parse(json.stdout.join('\n'));
    expect(review.agents[0]).toMatchObject({
      name: 'exporter',
      declaredBy: 'hand',
      actionCount: 1,
      actions: ['s3:GetObject'],
    });
    expect(review.warnings).toHaveLength(1);
  });

  test('diff sees the agent move from hand-written policies to a component, with the same grant', async () => {
    const before = await checkJson('--program', program(HAND_WRITTEN));
    const after = await checkJson('--program', program(DECLARED));
    const io = recordingIo();
    await runDiff([before.file, after.file, '--json'], io);
    const diff = JSON.parse(io.stdout.join('\n'));
    expect(diff.changed).toEqual([
      {
        name: 'exporter',
        fields: [{ field: 'declaredBy', before: 'hand', after: 'component' }],
        granted: [],
        revoked: [],
      },
    ]);
  });

  test('diff sees a grant change of a hand-written agent', async () => {
    const before = await checkJson('--program', program(HAND_WRITTEN));
    const after = await checkJson(
      '--program',
      program(
        HAND_WRITTEN.replace(
          "Action: ['s3:GetObject']",
          "Action: ['s3:GetObject', 's3:PutObject']",
        ),
      ),
    );
    const io = recordingIo();
    await runDiff([before.file, after.file, '--json'], io);
    const diff = JSON.parse(io.stdout.join('\n'));
    expect(diff.changed).toEqual([
      {
        name: 'exporter',
        fields: [],
        granted: [{ action: 's3:PutObject', resource: 'arn:aws:s3:::sales/*' }],
        revoked: [],
      },
    ]);
  });
});
