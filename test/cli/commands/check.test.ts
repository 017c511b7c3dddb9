/**
 * `agent-iam check` end to end, in-process through `runCheck` with a recording Io. The pack is
 * replaced by two small policies, so the exact output lines here test the check's own wiring
 * (mock engine, analyzer calls, table, exit codes) and not the real policies' wording; the real
 * pack is run against the examples in test/examples. Every program gets a fresh temp folder, so
 * the SDK's global state is reset by `setMocks` and no program module is ever reused.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import * as aws from '@pulumi/aws';
import type { ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { validateResourceOfType } from '@pulumi/policy';
import { runCheck } from '../../../cli/commands/check';
import { recordingIo } from '../../../cli/io';
import { removePrograms, REPO_ROOT, writeProgram } from '../../support/programs';
import { COMPONENT_TYPES } from '../../../policy-pack/lib/conventions';

jest.mock('../../../policy-pack/pack', () => {
  // Both read the settings that decide which roles are agents, as the real policies do.
  const configSchema = {
    properties: {
      vaultPrincipalArns: { type: 'array' as const },
      tagKeys: { type: 'object' as const },
    },
  };
  const ownerRequired: ResourceValidationPolicy = {
    name: 'test-owner-required',
    description: 'Roles name an owner.',
    enforcementLevel: 'mandatory',
    configSchema,
    validateResource: validateResourceOfType(aws.iam.Role, (role, _args, report) => {
      const tags = (role.tags ?? {}) as Record<string, string>;
      if (!tags['agent:owner']) report('the role has no "agent:owner" tag.');
    }),
  };
  const sessionAdvisory: StackValidationPolicy = {
    name: 'test-long-sessions',
    description: 'Role sessions stay short.',
    enforcementLevel: 'advisory',
    configSchema,
    validateStack: (args, report) => {
      for (const r of args.resources) {
        if (r.type === 'aws:iam/role:Role' && Number(r.props.maxSessionDuration) > 3600) {
          report(`maxSessionDuration is ${String(r.props.maxSessionDuration)}s.`, r.urn);
        }
      }
    },
  };
  return {
    PACK_NAME: 'test-pack',
    PACK_VERSION: '9.9.9',
    PACK_ENFORCEMENT_LEVEL: 'mandatory',
    policies: [ownerRequired, sessionAdvisory],
  };
});

afterAll(removePrograms);

const TRUST = `JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/vault' }, Action: 'sts:AssumeRole' }] })`;

const PULUMI_YAML = 'name: demo\nruntime: nodejs\n';

/** The line every run prints before its summary when nothing names the account or the region. */
const DEFAULT_MOCKED_AWS =
  'Mocked AWS: account 123456789012 (default: no aws:allowedAccountIds or --account), region us-east-1 (default: no aws:region or --region).';

/** A stand-in for the Agent component: same type token, same `inventory` output. */
const FAKE_AGENT = `
class Agent extends pulumi.ComponentResource {
  constructor(name: string, owner: string, maxSessionDuration: number) {
    super('${COMPONENT_TYPES.agent}', name, {}, {});
    new aws.iam.Role(name + '-role', {
      name, assumeRolePolicy: ${TRUST}, maxSessionDuration,
      tags: { 'agent:name': name, 'agent:owner': owner },
    }, { parent: this });
    this.registerOutputs({ inventory: {
      name, owner, purpose: 'Reads tickets', expiresOn: '2026-09-30', ttl: '15m', maxTtl: '1h',
      statements: [{ actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:t'] }],
    } });
  }
}
`;

function fleetProgram(agents: string): string {
  return writeProgram({
    'Pulumi.yaml': PULUMI_YAML,
    'index.ts': `import * as aws from '@pulumi/aws';\nimport * as pulumi from '@pulumi/pulumi';\n${FAKE_AGENT}\n${agents}\n`,
  });
}

async function check(...args: string[]) {
  const io = recordingIo();
  const code = await runCheck(args, io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n'), lines: io.stdout };
}

describe('agent-iam check: exit codes and output', () => {
  test('a compliant fleet prints the inventory table, no violations, and exits 0', async () => {
    const dir = fleetProgram(
      `new Agent('ticket-triager', 'team:support', 3600);\nnew Agent('scheduler', 'maria@example.com', 3600);`,
    );
    const { code, lines } = await check('--program', dir);
    // No agent-iam.config.json in the folder and no --policy-config: the defaults, said loudly.
    expect(lines).toEqual([
      'Agents (2):',
      '  AGENT           RUNTIME  STATUS   OWNER              PURPOSE        EXPIRES     TTL  MAX TTL  STATEMENTS',
      '  ticket-triager  vault    EXPIRED  team:support       Reads tickets  2026-09-30  15m  1h       1',
      '  scheduler       vault    EXPIRED  maria@example.com  Reads tickets  2026-09-30  15m  1h       1',
      '',
      'Violations (0):',
      '  No policy violations.',
      '',
      `Warning: no policy config: there is no ${dir}/agent-iam.config.json and no --policy-config was given, so the pack ran with its defaults (no Vault principal, any well-formed owner, no exemption approvers); write agent-iam.config.json in the program's folder (see README.md "Configuration") or pass --policy-config FILE.`,
      DEFAULT_MOCKED_AWS,
      'PASS: 0 mandatory violations, 0 advisories; 2 agents, 2 resources checked at preview (test-pack@9.9.9).',
    ]);
    expect(code).toBe(0);
  });

  test('a hand-written agent role is in the inventory, with what its tags and Vault role say', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': `import * as aws from '@pulumi/aws';
import * as vault from '@pulumi/vault';
new aws.iam.Role('exporter-role', {
  name: 'agent-exporter', path: '/agents/', assumeRolePolicy: ${TRUST},
  tags: { 'agent:name': 'exporter', 'agent:owner': 'team:data', 'agent:purpose': 'Exports sales', 'agent:expires-on': '2026-09-30' },
});
new vault.aws.SecretBackendRole('exporter-vault-role', {
  backend: 'aws', name: 'exporter', credentialType: 'assumed_role',
  roleArns: ['arn:aws:iam::123456789012:role/agents/agent-exporter'], defaultStsTtl: 900, maxStsTtl: 1800,
});
`,
    });
    const { code, lines } = await check('--program', dir);
    expect(lines.slice(0, 3)).toEqual([
      'Agents (1):',
      '  AGENT                    RUNTIME  STATUS   OWNER      PURPOSE        EXPIRES     TTL  MAX TTL  STATEMENTS',
      '  exporter (hand-written)  vault    EXPIRED  team:data  Exports sales  2026-09-30  15m  30m',
    ]);
    expect(lines.at(-1)).toBe(
      'PASS: 0 mandatory violations, 0 advisories; 1 agent, 2 resources checked at preview (test-pack@9.9.9).',
    );
    expect(code).toBe(0);
  });

  test('a mandatory violation is printed with its policy, level, resource and message, and exits 1', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': `import * as aws from '@pulumi/aws';
new aws.iam.Role('unowned', { assumeRolePolicy: ${TRUST}, maxSessionDuration: 7200 });
`,
      'agent-iam.config.json': '{}',
    });
    const { code, lines } = await check('--program', path.join(dir, 'index.ts'));
    expect(lines).toEqual([
      'Agents (0):',
      '  No agents: no Agent component, and no role the pack counts as an agent.',
      '',
      'Violations (2):',
      '  mandatory  test-owner-required  unowned (aws:iam/role:Role)',
      '      Roles name an owner.',
      '      the role has no "agent:owner" tag.',
      '  advisory  test-long-sessions  unowned (aws:iam/role:Role)',
      '      Role sessions stay short.',
      '      maxSessionDuration is 7200s.',
      '',
      DEFAULT_MOCKED_AWS,
      'FAIL: 1 mandatory violation, 1 advisory; 0 agents, 1 resource checked at preview (test-pack@9.9.9).',
    ]);
    expect(code).toBe(1);
  });

  test('--json prints one document with the inventory, the violations and the summary', async () => {
    const dir = fleetProgram(`new Agent('long-runner', '', 7200);`);
    fs.writeFileSync(path.join(dir, 'agent-iam.config.json'), '{}');
    const { code, stdout } = await check('--program', dir, '--json');
    const doc = JSON.parse(stdout);
    expect(doc).toEqual({
      program: path.join(dir, 'index.ts'),
      project: 'demo',
      stack: 'dev',
      mode: 'preview',
      mockedAws: {
        account: '123456789012',
        accountFrom: 'default: no aws:allowedAccountIds or --account',
        region: 'us-east-1',
        regionFrom: 'default: no aws:region or --region',
        partition: 'aws',
      },
      pack: { name: 'test-pack', version: '9.9.9' },
      inventory: [
        {
          name: 'long-runner',
          owner: '',
          purpose: 'Reads tickets',
          expiresOn: '2026-09-30',
          ttl: '15m',
          maxTtl: '1h',
          runtime: 'vault',
          status: 'expired',
          roleArn: null,
          statements: [
            {
              actions: ['sqs:ReceiveMessage'],
              resources: ['arn:aws:sqs:us-east-1:123456789012:t'],
            },
          ],
        },
      ],
      violations: [
        {
          policy: 'test-owner-required',
          enforcementLevel: 'mandatory',
          resource: {
            urn: `urn:pulumi:dev::demo::${COMPONENT_TYPES.agent}$aws:iam/role:Role::long-runner-role`,
            type: 'aws:iam/role:Role',
            name: 'long-runner-role',
          },
          message: 'Roles name an owner.\nthe role has no "agent:owner" tag.',
        },
        {
          policy: 'test-long-sessions',
          enforcementLevel: 'advisory',
          resource: {
            urn: `urn:pulumi:dev::demo::${COMPONENT_TYPES.agent}$aws:iam/role:Role::long-runner-role`,
            type: 'aws:iam/role:Role',
            name: 'long-runner-role',
          },
          message: 'Role sessions stay short.\nmaxSessionDuration is 7200s.',
        },
      ],
      opaqueComponents: [],
      warnings: [],
      weakened: [],
      summary: { resources: 1, agents: 1, mandatory: 1, advisory: 1, passed: false },
    });
    expect(code).toBe(1);
  });

  test('a tag computed from another new resource is unknown at preview: the policy cannot run', async () => {
    const files = {
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': `import * as aws from '@pulumi/aws';
const team = new aws.iam.Group('team', {});
new aws.iam.Role('bot', { assumeRolePolicy: ${TRUST}, tags: { 'agent:owner': team.arn } });
`,
    };
    const preview = await check('--program', writeProgram(files));
    expect(preview.lines.slice(3, 7)).toEqual([
      'Violations (1):',
      '  advisory  test-owner-required  bot (aws:iam/role:Role)',
      "      can't run policy 'test-owner-required' from policy pack 'test-pack@v9.9.9' during preview: " +
        "string value at .tags.agent:owner can't be known during preview",
      '',
    ]);
    expect(preview.code).toBe(0);
    const update = await check('--program', writeProgram(files), '--update');
    expect(update.lines.slice(3, 4)).toEqual(['Violations (0):']);
    expect(update.code).toBe(0);
  });

  test('stack config comes from Pulumi.<stack>.yaml, namespaced keys included', async () => {
    const files = {
      'Pulumi.yaml': PULUMI_YAML,
      'Pulumi.dev.yaml': 'config:\n  demo:owner: team:dev\n  aws:region: eu-west-1\n',
      'Pulumi.prod.yaml': 'config:\n  owner: ""\n  aws:region: eu-west-1\n',
      'index.ts': `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
if (new pulumi.Config('aws').require('region') !== 'eu-west-1') throw new Error('region not loaded');
new aws.iam.Role('bot', { assumeRolePolicy: ${TRUST}, tags: { 'agent:owner': new pulumi.Config().get('owner') ?? '' } });
`,
    };
    expect((await check('--program', writeProgram(files))).code).toBe(0);
    const prod = await check('--program', writeProgram(files), '--stack', 'prod');
    expect(prod.lines[4]).toBe('  mandatory  test-owner-required  bot (aws:iam/role:Role)');
    expect(prod.code).toBe(1);
  });
});

/**
 * A failing program leaves rejected promises behind in the SDK, as it does under the real
 * language host; jest would report those against the test, so these run the binary instead.
 */
async function checkInChild(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'agent-iam.js'), 'check', ...args],
      { cwd: REPO_ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('agent-iam check: failures exit 2', () => {
  test('an invalid declaration is shown as its message, without a stack trace', async () => {
    const dir = writeProgram({
      'index.ts': `class AgentDeclarationError extends Error { override name = 'AgentDeclarationError'; }
throw new AgentDeclarationError('Agent "triager": invalid declaration\\n  owner: required; use an e-mail address');
`,
    });
    const { code, stdout, stderr } = await checkInChild('--program', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `agent-iam check: the program ${dir} failed: index.ts:2: Agent "triager": invalid declaration\n  owner: required; use an e-mail address\n`,
    );
  });

  test("a crash in the program is one message at the program's own line, no checker stack", async () => {
    const dir = writeProgram({
      'index.ts': `const agents: { name: string }[] | undefined = undefined;\nexport const names = agents!.map((a) => a.name);\n`,
    });
    const { code, stderr } = await checkInChild('--program', dir);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^agent-iam check: the program ${dir} failed: index.ts:2: Cannot read properties of undefined \\(reading 'map'\\)$`,
      ),
    );
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a provider function the mock cannot answer fails clearly', async () => {
    const dir = writeProgram({
      'index.ts': `import * as aws from '@pulumi/aws';\nexport const secret = aws.secretsmanager.getSecretVersionOutput({ secretId: 'db' }).secretString;\n`,
    });
    const { code, stderr } = await checkInChild('--program', dir);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'the program calls the provider function "aws:secretsmanager/getSecretVersion:getSecretVersion", which the offline check cannot answer',
    );
  });

  test('a bad policy config file is refused, naming the file, policy, field and value', async () => {
    const dir = fleetProgram(`new Agent('a', 'team:a', 3600);`);
    const config = path.join(dir, 'policy-config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        'test-owner-required': { maxLifetimeDays: -5, owners: { teams: 'payments' } },
      }),
    );
    const { code, stderr, stdout } = await check('--program', dir, '--policy-config', config);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `agent-iam check: ${config}: "test-owner-required".owners.teams: Invalid input: expected array, received string; received "payments"`,
      `${config}: "test-owner-required".maxLifetimeDays: Too small: expected number to be >0; received -5`,
    ]);
  });

  test.each([
    {
      case: 'a misspelt setting',
      file: { 'test-owner-required': { maxLifetimeDay: 30 } },
      message:
        '"test-owner-required": unknown setting "maxLifetimeDay"; remove it or fix its spelling',
    },
    {
      case: 'a policy the pack does not have',
      file: { 'agent-owner-requird': 'mandatory' },
      message: '"agent-owner-requird" is not a policy of pack "test-pack"',
    },
    {
      case: 'a bad enforcement level',
      file: { 'test-long-sessions': 'warn' },
      message:
        '"test-long-sessions": enforcement level "warn" is not one of advisory, mandatory, remediate, disabled',
    },
  ])('policy config with $case exits 2', async ({ file, message }) => {
    const dir = fleetProgram(`new Agent('a', 'team:a', 3600);`);
    const config = path.join(dir, 'policy-config.json');
    fs.writeFileSync(config, JSON.stringify(file));
    const { code, stderr } = await check('--program', dir, '--policy-config', config);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config}: ${message}`);
  });

  describe('agent-detection settings that differ between policies', () => {
    const VAULT = 'arn:aws:iam::123456789012:role/vault';
    const OTHER = 'arn:aws:iam::123456789012:role/other-vault';
    const run = async (file: Record<string, unknown>, ...flags: string[]) => {
      const dir = fleetProgram(`new Agent('a', 'team:a', 3600);`);
      const config = path.join(dir, 'policy-config.json');
      fs.writeFileSync(config, JSON.stringify(file));
      return check('--program', dir, '--policy-config', config, ...flags);
    };

    test.each([
      {
        case: 'vaultPrincipalArns set for one policy only',
        file: { 'test-owner-required': { vaultPrincipalArns: [VAULT] } },
        warning: `the policy-pack config gives different vaultPrincipalArns to different policies, so they may not agree on which roles are agents: ["${VAULT}"] for test-owner-required; [] for test-long-sessions. Give every policy the same vaultPrincipalArns.`,
      },
      {
        case: 'different vaultPrincipalArns',
        file: {
          'test-owner-required': { vaultPrincipalArns: [VAULT] },
          'test-long-sessions': { vaultPrincipalArns: [OTHER] },
        },
        warning: `the policy-pack config gives different vaultPrincipalArns to different policies, so they may not agree on which roles are agents: ["${VAULT}"] for test-owner-required; ["${OTHER}"] for test-long-sessions. Give every policy the same vaultPrincipalArns.`,
      },
      {
        case: 'a different name tag key',
        file: { 'test-long-sessions': { tagKeys: { name: 'team:agent' } } },
        warning:
          'the policy-pack config gives different tagKeys to different policies, so they may not agree on which roles are agents: {"name":"agent:name","owner":"agent:owner","purpose":"agent:purpose","expiresOn":"agent:expires-on","managedBy":"agent:managed-by"} for test-owner-required; {"name":"team:agent","owner":"agent:owner","purpose":"agent:purpose","expiresOn":"agent:expires-on","managedBy":"agent:managed-by"} for test-long-sessions. Give every policy the same tagKeys.',
      },
    ])('$case: one advisory line and a JSON warning, not a failure', async ({ file, warning }) => {
      const text = await run(file);
      expect(text.lines.slice(-3)).toEqual([
        `Warning: ${warning}`,
        DEFAULT_MOCKED_AWS,
        'PASS: 0 mandatory violations, 0 advisories; 1 agent, 1 resource checked at preview (test-pack@9.9.9).',
      ]);
      expect(text.code).toBe(0);
      const json = await run(file, '--json');
      expect(JSON.parse(json.stdout).warnings).toEqual([warning]);
      expect(json.code).toBe(0);
    });

    test.each([
      {
        case: 'the same ARNs in another order, given to every policy',
        file: {
          'test-owner-required': { vaultPrincipalArns: [VAULT, OTHER] },
          'test-long-sessions': { vaultPrincipalArns: [OTHER, VAULT] },
        },
      },
      {
        case: 'the policy that differs is disabled',
        file: {
          'test-owner-required': { vaultPrincipalArns: [VAULT] },
          'test-long-sessions': 'disabled',
        },
      },
      {
        case: 'the default tag keys written out for one policy',
        file: { 'test-owner-required': { tagKeys: { name: 'agent:name' } } },
      },
    ])('no warning when $case', async ({ file }) => {
      const json = await run(file, '--json');
      expect(JSON.parse(json.stdout).warnings).toEqual([]);
      expect((await run(file)).lines.filter((l) => l.startsWith('Warning'))).toEqual([]);
    });
  });

  test('a policy config can lower a policy to advisory, which then passes', async () => {
    const dir = writeProgram({
      'index.ts': `import * as aws from '@pulumi/aws';\nnew aws.iam.Role('unowned', { assumeRolePolicy: ${TRUST} });\n`,
    });
    const config = path.join(dir, 'policy-config.json');
    fs.writeFileSync(config, JSON.stringify({ 'test-owner-required': 'advisory' }));
    const { code, lines } = await check('--program', dir, '--policy-config', config);
    expect(lines[4]).toBe('  advisory  test-owner-required  unowned (aws:iam/role:Role)');
    expect(code).toBe(0);
  });

  test.each([
    {
      case: 'a missing program',
      args: ['--program', '/nonexistent/agents'],
      message: '--program /nonexistent/agents: no such file or folder',
    },
    {
      case: 'a folder without a program',
      args: ['--program', path.join(REPO_ROOT, 'cli')],
      message: `--program ${path.join(REPO_ROOT, 'cli')}: the folder has no program: no "main" in Pulumi.yaml, no "main" in package.json, and no index.ts or index.js; add one of them, or pass the program's file`,
    },
    { case: 'an unknown option', args: ['--progam', 'x'], message: 'unknown option "--progam"' },
  ])('$case exits 2 with a usage message', async ({ args, message }) => {
    const { code, stderr } = await check(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('agent-iam check: programs run the way Pulumi runs them', () => {
  const REMOTE = `import * as pulumi from '@pulumi/pulumi';
import * as aws from '@pulumi/aws';
// As awsx 3's generated classes register their components: remote, built by the provider plugin.
new pulumi.ComponentResource('awsx:ecs:FargateService', 'web', {}, {}, true);
new aws.iam.Role('owned', { assumeRolePolicy: ${TRUST}, tags: { 'agent:owner': 'team:a' } });
`;
  const WEB_URN = 'urn:pulumi:dev::demo::awsx:ecs:FargateService::web';

  test('a remote component is listed as not judged offline, and fails the gate unacknowledged', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'index.ts': REMOTE,
      'agent-iam.config.json': '{}',
    });
    const { code, lines } = await check('--program', dir);
    expect(lines.slice(3)).toEqual([
      'Violations (0):',
      '  No policy violations.',
      '',
      'Not judged offline (1): remote components, whose children only their provider plugin creates',
      `  web (awsx:ecs:FargateService)  ${WEB_URN}`,
      '      not acknowledged: judge it with `pulumi preview --policy-pack`, or acknowledge it in the policy config\'s "opaqueComponents" with its type, name and a reason',
      '',
      DEFAULT_MOCKED_AWS,
      'FAIL: 0 mandatory violations, 0 advisories; 0 agents, 1 resource checked at preview (test-pack@9.9.9); 1 remote component not judged offline and not acknowledged (above).',
    ]);
    expect(code).toBe(1);
    const json = await check('--program', dir, '--json');
    const doc = JSON.parse(json.stdout);
    expect(doc.opaqueComponents).toEqual([
      { type: 'awsx:ecs:FargateService', name: 'web', urn: WEB_URN },
    ]);
    expect(doc.summary.passed).toBe(false);
    expect(json.code).toBe(1);
  });

  test('acknowledged by type, name and reason in the policy config, it passes and is still listed', async () => {
    const dir = writeProgram({ 'Pulumi.yaml': PULUMI_YAML, 'index.ts': REMOTE });
    const config = path.join(dir, 'policy-config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        'test-owner-required': {
          opaqueComponents: [
            {
              type: 'awsx:ecs:FargateService',
              name: 'web',
              reason: 'its task role is reviewed in infra#12',
            },
            { type: 'awsx:lb:ApplicationLoadBalancer', name: 'lb', reason: 'removed last week' },
          ],
        },
      }),
    );
    const { code, lines } = await check('--program', dir, '--policy-config', config);
    expect(lines.slice(6)).toEqual([
      'Not judged offline (1): remote components, whose children only their provider plugin creates',
      `  web (awsx:ecs:FargateService)  ${WEB_URN}`,
      '      acknowledged: its task role is reviewed in infra#12',
      '',
      'Warning: the policy config acknowledges the remote component awsx:lb:ApplicationLoadBalancer "lb" (opaqueComponents), but the program registers none by that type and name; remove the entry or fix it',
      DEFAULT_MOCKED_AWS,
      'PASS: 0 mandatory violations, 0 advisories; 0 agents, 1 resource checked at preview (test-pack@9.9.9); 1 remote component not judged offline, acknowledged.',
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(
      (await check('--program', dir, '--policy-config', config, '--json')).stdout,
    );
    expect(json.opaqueComponents).toEqual([
      {
        type: 'awsx:ecs:FargateService',
        name: 'web',
        urn: WEB_URN,
        acknowledged: 'its task role is reviewed in infra#12',
      },
    ]);
  });

  test('an acknowledgement without a reason is refused', async () => {
    const dir = writeProgram({ 'Pulumi.yaml': PULUMI_YAML, 'index.ts': REMOTE });
    const config = path.join(dir, 'policy-config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({
        'test-owner-required': {
          opaqueComponents: [{ type: 'awsx:ecs:FargateService', name: 'web' }],
        },
      }),
    );
    const { code, stderr } = await check('--program', dir, '--policy-config', config);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `agent-iam check: ${config}: "test-owner-required".opaqueComponents[0].reason: Invalid input: expected string, received undefined; received nothing`,
    );
  });

  const IDENTITY = `import * as aws from '@pulumi/aws';
export = async () => {
  const id = await aws.getCallerIdentity();
  const region = await aws.getRegion();
  new aws.iam.Role(\`bot-\${id.accountId}-\${region.region}\`, { assumeRolePolicy: ${TRUST} });
};
`;

  test('the mocked account and region come from the stack config, and the output says so', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'Pulumi.dev.yaml':
        'config:\n  aws:allowedAccountIds:\n    - "111122223333"\n  aws:region: eu-west-1\n',
      'index.ts': IDENTITY,
    });
    const { code, lines } = await check('--program', dir);
    expect(lines[4]).toBe(
      '  mandatory  test-owner-required  bot-111122223333-eu-west-1 (aws:iam/role:Role)',
    );
    expect(lines.at(-2)).toBe(
      'Mocked AWS: account 111122223333 (aws:allowedAccountIds in Pulumi.dev.yaml), region eu-west-1 (aws:region in Pulumi.dev.yaml).',
    );
    expect(code).toBe(1);
    const flags = await check(
      '--program',
      dir,
      '--account',
      '444455556666',
      '--region',
      'ap-south-1',
    );
    expect(flags.lines[4]).toBe(
      '  mandatory  test-owner-required  bot-444455556666-ap-south-1 (aws:iam/role:Role)',
    );
    expect(flags.lines.at(-2)).toBe(
      'Mocked AWS: account 444455556666 (--account, overriding 111122223333 from aws:allowedAccountIds in Pulumi.dev.yaml), region ap-south-1 (--region, overriding eu-west-1 from aws:region in Pulumi.dev.yaml).',
    );
  });

  test.each([
    {
      args: ['--account', '1234'],
      message: '--account "1234": an AWS account id is 12 digits, e.g. 123456789012',
    },
    {
      args: ['--region', 'EU'],
      message: '--region "EU": not an AWS region name; use one such as us-east-1 or eu-west-1',
    },
  ])('$args.0 $args.1 is refused with exit 2', async ({ args, message }) => {
    const { code, stderr, stdout } = await check('--program', REPO_ROOT, ...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`agent-iam check: ${message}`);
  });

  test('a --stack without its Pulumi.<stack>.yaml is refused, naming the file and the stacks there', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'Pulumi.dev.yaml': 'config: {}\n',
      'Pulumi.prod.yaml': 'config: {}\n',
      'index.ts': REMOTE,
    });
    const { code, stderr, stdout } = await check('--program', dir, '--stack', 'staging');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `agent-iam check: --stack staging: ${path.join(dir, 'Pulumi.staging.yaml')} does not exist; the stacks with a config file here are dev, prod: pass one of them as --stack, or create Pulumi.staging.yaml`,
    );
  });

  test("package.json main and the program's own tsconfig: src/main.ts, legacy decorators", async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'package.json': JSON.stringify({ name: 'demo', main: 'src/main.ts' }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { experimentalDecorators: true, strict: true },
      }),
      // Legacy decorators receive (prototype, name); standard ones (value, context): the role's
      // name says which ones the program was transpiled with.
      'src/naming.ts': `export const names: string[] = [];
export function agent(prefix: string) {
  return (_target: unknown, key: unknown) => { names.push(\`\${prefix}-\${typeof key === 'string' ? key : 'standard-decorator'}\`); };
}
`,
      'src/main.ts': `import * as aws from '@pulumi/aws';
import { agent, names } from './naming';
class Fleet {
  @agent('bot') reader(): void {}
}
void Fleet;
for (const name of names) new aws.iam.Role(name, { assumeRolePolicy: ${TRUST} });
`,
      'index.ts': `throw new Error('index.ts is not the program');`,
    });
    const { code, lines } = await check('--program', dir, '--json');
    const doc = JSON.parse(lines.join('\n'));
    expect(doc.program).toBe(path.join(dir, 'src', 'main.ts'));
    expect(doc.violations.map((v: { resource: { name: string } }) => v.resource.name)).toEqual([
      'bot-reader',
    ]);
    expect(code).toBe(1);
  });

  test('a tsconfig that ts-node would refuse fails the run with exit 2, naming the file', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2099' } }),
      'index.ts': `import * as aws from '@pulumi/aws';\nnew aws.iam.Role('r', { assumeRolePolicy: ${TRUST} });\n`,
    });
    const { code, stdout, stderr } = await check('--program', dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `^agent-iam check: the program ${dir} failed: ${path.join(dir, 'tsconfig.json')}: Argument for '--target' option must be: .*\\(TS6046\\); fix the tsconfig$`,
      ),
    );
  });

  test('secure values nested in structured config: requireObject reads them, as secrets', async () => {
    const dir = writeProgram({
      'Pulumi.yaml': PULUMI_YAML,
      'Pulumi.dev.yaml':
        'config:\n  demo:db:\n    host: db-internal\n    password:\n      secure: v1:abc\n',
      // The role's name says what the program read: the host, the placeholder, a secret key.
      'index.ts': `import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
const db = new pulumi.Config().requireObject<{ host: string; password: string }>('db');
const password = db.password === '${'[secret: not decrypted by the offline check]'}' ? 'placeholder' : JSON.stringify(db.password);
const secret = pulumi.runtime.isConfigSecret('demo:db') ? 'secret' : 'plain';
new aws.iam.Role(\`\${db.host}-\${password}-\${secret}\`, { assumeRolePolicy: ${TRUST} });
`,
    });
    const { code, lines } = await check('--program', dir, '--stack', 'dev');
    expect(lines[4]).toBe(
      '  mandatory  test-owner-required  db-internal-placeholder-secret (aws:iam/role:Role)',
    );
    expect(code).toBe(1);
  });
});

describe('agent-iam check: agent-iam.config.json in the program folder', () => {
  const UNOWNED = `new Agent('unowned', '', 3600);`;

  test('is read when --policy-config is not given: its level for one policy applies', async () => {
    const dir = fleetProgram(UNOWNED);
    fs.writeFileSync(
      path.join(dir, 'agent-iam.config.json'),
      JSON.stringify({ policies: { 'test-owner-required': 'advisory' } }),
    );
    const { code, stdout } = await check('--program', dir, '--json');
    const doc = JSON.parse(stdout);
    expect(doc.violations.map((v: { enforcementLevel: string }) => v.enforcementLevel)).toEqual([
      'advisory',
    ]);
    expect(doc.weakened).toEqual([
      'policy test-owner-required is advisory by the policy-pack config (its default is mandatory): its violations no longer block.',
    ]);
    expect(doc.warnings).toEqual([]);
    expect(code).toBe(0);
  });

  test('--policy-config wins over the folder file', async () => {
    const dir = fleetProgram(UNOWNED);
    fs.writeFileSync(
      path.join(dir, 'agent-iam.config.json'),
      JSON.stringify({ policies: { all: 'advisory' } }),
    );
    const strict = path.join(dir, 'strict.json');
    fs.writeFileSync(strict, JSON.stringify({ vaultPrincipalArns: [] }));
    const { code, stdout } = await check('--program', dir, '--policy-config', strict, '--json');
    expect(JSON.parse(stdout).summary).toEqual({
      resources: 1,
      agents: 1,
      mandatory: 1,
      advisory: 0,
      passed: false,
    });
    expect(code).toBe(1);
  });

  test('a mistake in it exits 2, naming the file, the field, the value and the fix', async () => {
    const dir = fleetProgram(UNOWNED);
    const file = path.join(dir, 'agent-iam.config.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        maxLifetimeDays: '30',
        policies: { 'test-long-sessions': 'warn', 'test-owner-requird': 'mandatory' },
      }),
    );
    const { code, stderr, stdout } = await check('--program', dir);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `agent-iam check: ${file}: maxLifetimeDays: Invalid input: expected number, received string; received "30"`,
      `${file}: policies.test-long-sessions.enforcementLevel: Invalid option: expected one of "advisory"|"mandatory"|"remediate"|"disabled"; received "warn"; use one of advisory, mandatory, remediate, disabled`,
      `${file}: policies.test-owner-requird: "test-owner-requird" is not a policy of pack "test-pack"; use "all" or one of: test-owner-required, test-long-sessions`,
    ]);
    expect(code).toBe(2);
  });
});
