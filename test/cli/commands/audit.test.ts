/**
 * `agent-iam audit` end to end, in-process through `runAudit` with a recording Io: the complete
 * pack on a deployed stack's state and on an account's IAM export, with the same config as check.
 *
 * Fixtures (test/fixtures/cli):
 *  - stack-export-*.json: `pulumi stack export --show-secrets` documents (deployment version 3) of a
 *    stack `prod` of project `agents-platform`, written from the registrations of a program (the
 *    example fleet and one Agent; for -clean also a CloudTrail trail with log file validation; for
 *    -planted also an expired hand-written agent, one granting
 *    Action "*", an IAM user with an access key and an undeclared role trusting Bedrock), then
 *    completed by hand as the Pulumi CLI writes them: default providers `default_7_48_0` with their
 *    ids, `provider` references, ids, `created`/`modified`, the access key's secrets and a
 *    random password's result encrypted, and in -planted the replaced copy of an agent role pending
 *    deletion (`delete: true`, trusting "*"), which must not be judged.
 *  - authorization-details.json: `aws iam get-account-authorization-details --output json`.
 * The clock is 2026-12-01, the day the fixtures' dates are written against.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runAudit } from '../../../cli/commands/audit';
import { runCheck } from '../../../cli/commands/check';
import { runDiff } from '../../../cli/commands/diff';
import { runReport } from '../../../cli/commands/report';
import { CheckReportSchema, type CheckReport } from '../../../cli/check-report';
import { recordingIo } from '../../../cli/io';
import { REPO_ROOT } from '../../support/programs';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cli');
const PLANTED = path.join(FIXTURES, 'stack-export-planted.json');
const CLEAN = path.join(FIXTURES, 'stack-export-clean.json');
const ACCOUNT = path.join(FIXTURES, 'authorization-details.json');
const REPO_CONFIG = path.join(REPO_ROOT, 'agent-iam.config.json');
const SIG = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';
const URN = 'urn:pulumi:prod::agents-platform::';

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-audit-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function useClock(): void {
  jest.useFakeTimers({
    now: new Date('2026-12-01T12:00:00Z'),
    doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
  });
}

let written = 0;
function writeJson(value: unknown): string {
  const file = path.join(tmp, `input-${written++}.json`);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

/** The repo's policy config with `properties` set in every policy's section. */
function configWith(properties: Record<string, unknown>): string {
  const base = JSON.parse(fs.readFileSync(REPO_CONFIG, 'utf8')) as Record<string, unknown>;
  return writeJson({ ...base, ...properties });
}

async function audit(...args: string[]) {
  return auditWithStdin('', ...args);
}

async function auditWithStdin(stdin: string, ...args: string[]) {
  const io = recordingIo();
  const code = await runAudit(args, io, () => stdin);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The `--json` report, validated by the schema `report` and `diff` read it with. */
async function auditJson(...args: string[]): Promise<{ code: number; report: CheckReport }> {
  const r = await audit(...args, '--json');
  expect(r.stderr).toEqual([]);
  const parsed = CheckReportSchema.safeParse(JSON.parse(r.stdout.join('\n')));
  if (!parsed.success) throw new Error(`not a check report: ${parsed.error.message}`);
  return { code: r.code, report: parsed.data };
}

/** `policy resource-name` of every mandatory violation, sorted. */
function mandatory(report: CheckReport): string[] {
  return report.violations
    .filter((v) => v.enforcementLevel === 'mandatory')
    .map((v) => `${v.policy} ${v.resource?.name ?? 'stack'}`)
    .sort();
}

function messagesOf(report: CheckReport, policy: string, resource: string): string[] {
  return report.violations
    .filter((v) => v.policy === policy && v.resource?.name === resource)
    .map((v) => v.message);
}

describe('agent-iam audit STACK_EXPORT', () => {
  beforeEach(useClock);
  afterEach(() => jest.useRealTimers());

  test('the planted export: the shadow agent, the expired agent, the access key and the Action "*" role are named; exit 1', async () => {
    const { code, report } = await auditJson(PLANTED, '--policy-config', REPO_CONFIG);
    expect(code).toBe(1);
    expect(report).toMatchObject({
      program: PLANTED,
      project: 'agents-platform',
      stack: 'prod',
      mode: 'update',
      pack: { name: 'agent-iam' },
    });
    expect(messagesOf(report, 'agent-ai-workload-declared', 'research-bot-role')).toEqual([
      'Role "research-bot" is an undeclared AI workload: its trust policy admits bedrock.amazonaws.com; it can invoke models (bedrock:InvokeModel in rolePolicy:research-bot-models). Declare it: declare it through the Agent component (`runtime` says where it runs) and pass `agent.roleArn` to the resource, or tag the role with agent:name, agent:owner, agent:purpose and agent:expires-on so the pack judges it as an agent.',
    ]);
    expect(messagesOf(report, 'agent-owner-required', 'research-bot-role')).toHaveLength(1);
    expect(messagesOf(report, 'agent-expiry-required', 'sales-exporter-role')).toEqual([
      'Agent "sales-exporter": tag "agent:expires-on" is "2025-01-31": the agent expired on 2025-01-31; retire it, or after review use a date as YYYY-MM-DD, at most 90 days away (on or before 2027-03-01).',
    ]);
    expect(messagesOf(report, 'agent-no-static-credentials', 'ci-deployer-key')).toEqual([
      'aws.iam.AccessKey "ci-deployer-key" (user "ci-deployer") is a long-lived key declared next to agents (research-bot, sales-exporter, ops-helper, report-mailer); delete it and give the agent short-lived STS credentials from a vault.aws.SecretBackendRole with credentialType "assumed_role" instead.',
    ]);
    expect(messagesOf(report, 'agent-no-wildcard-actions', 'ops-helper-role')).toEqual([
      expect.stringContaining('allows the wildcard action "*"'),
    ]);
    expect(messagesOf(report, 'agent-no-admin', 'ops-helper-role')).toHaveLength(1);
    // The replaced copy pending deletion trusts "*"; the engine does not judge it, nor does audit.
    expect(report.violations.filter((v) => v.resource?.name === 'report-mailer-role')).toEqual([]);
    expect(mandatory(report)).toEqual([
      'agent-ai-workload-declared research-bot-role',
      'agent-expiry-required research-bot-role',
      'agent-expiry-required sales-exporter-role',
      'agent-no-admin ops-helper-role',
      'agent-no-credentials-exposure ops-helper-role',
      'agent-no-data-exfiltration ops-helper-role',
      'agent-no-privilege-escalation ops-helper-role',
      'agent-no-resource-exposure ops-helper-role',
      'agent-no-static-credentials ci-deployer-key',
      'agent-no-unscoped-write ops-helper-role',
      'agent-no-unscoped-write ops-helper-role',
      'agent-no-unscoped-write ops-helper-role',
      'agent-no-unscoped-write ops-helper-role',
      'agent-no-unscoped-write ops-helper-role',
      'agent-no-wildcard-actions ops-helper-role',
      'agent-owner-required research-bot-role',
      'agent-permissions-boundary-required ops-helper-role',
      'agent-permissions-boundary-required research-bot-role',
      'agent-permissions-boundary-required sales-exporter-role',
      'agent-step-expiry-required sales-exporter-role',
      'agent-trust-restricted research-bot-role',
    ]);
    expect(report.inventory.map((e) => [e.name, e.status])).toEqual([
      ['report-mailer', 'active'],
      ['research-bot', 'active'],
      ['sales-exporter', 'expired'],
      ['ops-helper', 'active'],
    ]);
    expect(report.warnings).toEqual([
      `the export holds 2 secrets encrypted (the first: outputs.secret of ${URN}aws:iam/accessKey:AccessKey::ci-deployer-key); a policy that reads one cannot judge it; export with \`pulumi stack export --show-secrets\``,
    ]);
  });

  test('the clean export: every policy passes; exit 0, with the text report', async () => {
    const r = await audit(CLEAN, '--policy-config', REPO_CONFIG);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout[0]).toBe(
      `Deployed state of stack "prod" (project "agents-platform") from ${CLEAN}:`,
    );
    expect(r.stdout).toContain('  No policy violations.');
    expect(r.stdout[r.stdout.length - 1]).toBe(
      'PASS: 0 mandatory violations, 0 advisories; 1 agent, 12 resources checked at update (agent-iam@0.1.0).',
    );
  });

  test('standard input ("-") is read as a file is', async () => {
    const r = await auditWithStdin(
      fs.readFileSync(CLEAN, 'utf8'),
      '-',
      '--policy-config',
      REPO_CONFIG,
    );
    expect(r.code).toBe(0);
    expect(r.stdout[0]).toBe(
      'Deployed state of stack "prod" (project "agents-platform") from standard input:',
    );
  });

  test('report and diff read the --json output', async () => {
    const before = await audit(CLEAN, '--policy-config', REPO_CONFIG, '--json');
    const after = await audit(PLANTED, '--policy-config', REPO_CONFIG, '--json');
    const beforeFile = writeJson(JSON.parse(before.stdout.join('\n')));
    const afterFile = writeJson(JSON.parse(after.stdout.join('\n')));
    const reportIo = recordingIo();
    expect(await runReport([afterFile, '--format', 'csv'], reportIo)).toBe(0);
    expect(reportIo.stdout.join('\n')).toContain('sales-exporter');
    const diffIo = recordingIo();
    // The planted state adds mandatory violations to the clean one.
    expect(await runDiff([beforeFile, afterFile], diffIo)).toBe(1);
    expect(diffIo.stderr).toEqual([]);
  });

  test('the same config as check: a shorter maxLifetimeDays fails the clean export', async () => {
    const { code, report } = await auditJson(
      CLEAN,
      '--policy-config',
      configWith({ maxLifetimeDays: 20 }),
    );
    expect(code).toBe(1);
    expect(mandatory(report)).toEqual([
      'agent-expiry-required report-mailer-role',
      'agent-step-expiry-required report-mailer-role',
    ]);
  });

  const withEncryptedRootKey = () => {
    const doc = JSON.parse(fs.readFileSync(CLEAN, 'utf8')) as {
      deployment: { resources: { type: string; inputs: object; outputs: object }[] };
    };
    const backend = doc.deployment.resources.find(
      (r) => r.type === 'vault:aws/secretBackend:SecretBackend',
    )!;
    const secret = { [SIG]: SECRET_SIG, ciphertext: 'v1:3b2a:Zm9vYmFy' };
    Object.assign(backend.inputs, { accessKey: secret });
    Object.assign(backend.outputs, { accessKey: secret });
    return writeJson(doc);
  };

  test('a secret a policy must read, exported encrypted, is never passed: exit 1', async () => {
    const { code, report } = await auditJson(
      withEncryptedRootKey(),
      '--policy-config',
      REPO_CONFIG,
    );
    expect(code).toBe(1);
    expect(mandatory(report)).toEqual(['agent-no-static-credentials agents-aws']);
  });

  test('with unknowns made advisory, an encrypted secret leaves no complete verdict: exit 2', async () => {
    const r = await audit(
      withEncryptedRootKey(),
      '--policy-config',
      configWith({ unknownAtPreview: 'advisory' }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      expect.stringMatching(
        /^agent-iam audit: .*input-\d+\.json: no complete verdict: 1 policy could not read a value \(agent-no-static-credentials\); export the state with `pulumi stack export --show-secrets` so every value can be judged\.$/,
      ),
    ]);
  });

  test.each([
    {
      case: 'an older deployment version',
      doc: { version: 2, deployment: { resources: [] } },
      message:
        /: not a valid `pulumi stack export` document \(deployment version 3\); export it again with `pulumi stack export --show-secrets --file FILE`:\n {2}version: expected 3, received 2$/,
    },
    {
      case: 'a resource without a type',
      doc: { version: 3, deployment: { resources: [{ urn: `${URN}x::y`, custom: true }] } },
      message: /:\n {2}deployment\.resources\[0\]\.type: missing \(expected string\)$/,
    },
    {
      case: 'neither format',
      doc: { resources: [] },
      message:
        /: neither a stack export \(no "version" and "deployment"\) nor an account export \(no "RoleDetailList"\); expected `pulumi stack export --show-secrets` output or `aws iam get-account-authorization-details --output json` output\.$/,
    },
  ])('$case: one message naming the file and field; exit 2', async ({ doc, message }) => {
    const file = writeJson(doc);
    const r = await audit(file);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0].startsWith(`agent-iam audit: ${file}`)).toBe(true);
    expect(r.stderr[0]).toMatch(message);
  });

  test('a bad --policy-config is refused as check refuses it; exit 2', async () => {
    const config = writeJson({ 'agent-owner-required': { maxLifetimeDays: 'ninety' } });
    const r = await audit(CLEAN, '--policy-config', config);
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      `agent-iam audit: ${config}: "agent-owner-required".maxLifetimeDays: Invalid input: expected number, received string; received "ninety"`,
    ]);
  });
});

describe('audit agrees with check --update on the same program', () => {
  test.each([
    {
      case: 'an example with violations',
      program: path.join(REPO_ROOT, 'examples', 'access-key'),
      violations: true,
    },
    { case: "the repo's fleet", program: path.join(REPO_ROOT, 'index.ts'), violations: false },
  ])(
    '$case: the same violations (policy, resource, message)',
    async ({ program, violations }) => {
      const state = path.join(tmp, `state-${written++}.json`);
      const io = recordingIo();
      const checkCode = await runCheck(
        [
          '--program',
          program,
          '--update',
          '--json',
          '--policy-config',
          REPO_CONFIG,
          '--export-state',
          state,
        ],
        io,
      );
      const checked = CheckReportSchema.parse(JSON.parse(io.stdout.join('\n')));
      expect(checked.violations.length > 0).toBe(violations);
      const { code, report } = await auditJson(state, '--policy-config', REPO_CONFIG);
      const key = (r: CheckReport) =>
        r.violations
          .map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource?.urn ?? ''} ${v.message}`)
          .sort();
      expect(key(report)).toEqual(key(checked));
      expect(code).toBe(checkCode);
      expect(report.inventory).toEqual(checked.inventory);
      expect(report.summary).toEqual(checked.summary);
    },
    60_000,
  );
});

test('check --export-state needs --update: a deployed state has every value known', async () => {
  const io = recordingIo();
  const code = await runCheck(['--export-state', path.join(tmp, 'never.json')], io);
  expect(code).toBe(2);
  expect(io.stderr[0].split('\n')[0]).toBe(
    `agent-iam check: --export-state ${path.join(tmp, 'never.json')}: a deployed state has every value known; add --update`,
  );
  expect(fs.existsSync(path.join(tmp, 'never.json'))).toBe(false);
});

describe('agent-iam audit ACCOUNT_EXPORT', () => {
  beforeEach(useClock);
  afterEach(() => jest.useRealTimers());

  interface Role {
    RoleName: string;
    Arn: string;
    Path?: string;
    Tags: { Key: string; Value: string }[];
    AssumeRolePolicyDocument?: unknown;
    [key: string]: unknown;
  }
  interface AccountDoc {
    RoleDetailList: Role[];
    UserDetailList: { UserName: string; [key: string]: unknown }[];
    [key: string]: unknown;
  }
  const base = (): AccountDoc => JSON.parse(fs.readFileSync(ACCOUNT, 'utf8')) as AccountDoc;
  const role = (doc: AccountDoc, name: string): Role =>
    doc.RoleDetailList.find((r) => r.RoleName === name)!;
  const setTag = (r: Role, key: string, value: string) => {
    r.Tags = [...r.Tags.filter((t) => t.Key !== key), { Key: key, Value: value }];
  };
  const VAULT = 'arn:aws:iam::123456789012:role/vault-secrets-engine';
  const vaultTrust = (agent?: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: VAULT },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        ...(agent ? { Condition: { StringEquals: { 'aws:RequestTag/agent': agent } } } : {}),
      },
    ],
  });
  /** An account: the fixture plus an untagged role that Vault may assume. */
  const withUntaggedVaultRole = (doc = base()): AccountDoc => {
    doc.RoleDetailList.push({
      RoleName: 'nightly-sync',
      Path: '/',
      Arn: 'arn:aws:iam::123456789012:role/nightly-sync',
      Tags: [],
      AssumeRolePolicyDocument: vaultTrust(),
      RolePolicyList: [],
      AttachedManagedPolicies: [],
    });
    return doc;
  };

  test('the complete pack on the fixture account; exit 1', async () => {
    const r = await audit(ACCOUNT, '--policy-config', REPO_CONFIG);
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([]);
    expect(r.stdout[0]).toBe(
      `AWS account 123456789012 from ${ACCOUNT} (get-account-authorization-details):`,
    );
    const { report } = await auditJson(ACCOUNT, '--policy-config', REPO_CONFIG);
    expect(report).toMatchObject({ project: 'aws-account', stack: '123456789012' });
    // Over-permissioned (AdministratorAccess), expired, unowned, and an agent as an IAM user.
    expect(mandatory(report)).toEqual(
      expect.arrayContaining([
        'agent-no-wildcard-actions agent-incident-responder',
        'agent-no-privilege-escalation agent-incident-responder',
        'agent-expiry-required agent-sales-exporter',
        'agent-owner-required agent-sales-exporter',
        'agent-trust-restricted agent-sales-exporter',
        'agent-no-static-credentials legacy-bot',
      ]),
    );
    // Vault's side is not in an account export: said, not reported against every agent.
    expect(report.violations.filter((v) => v.policy === 'agent-vault-binding')).toEqual([]);
    expect(report.warnings).toContain(
      "agent-vault-binding is not judged on an account export: it reads Vault's configuration, which the export does not hold; audit the stack's `pulumi stack export` for it",
    );
  });

  test('an attached policy missing from the export is never passed', async () => {
    const doc = base() as AccountDoc & { Policies: { Arn: string }[] };
    doc.Policies = doc.Policies.filter((p) => !p.Arn.endsWith('/digest-writer-read'));
    const { code, report } = await auditJson(writeJson(doc), '--policy-config', REPO_CONFIG);
    expect(code).toBe(1);
    expect(messagesOf(report, 'agent-no-wildcard-actions', 'agent-digest-writer')).toEqual([
      expect.stringMatching(
        /^Agent "digest-writer": arn:aws:iam::123456789012:policy\/agents\/digest-writer-read \(attached by managedPolicyArns\) is not an aws\.iam\.Policy of this stack nor an AWS managed policy, so its document cann/,
      ),
    ]);
  });

  test('a 303-day lifetime is found when maxLifetimeDays is 90, and passes at 365', async () => {
    const doc = base();
    setTag(role(doc, 'agent-digest-writer'), 'agent:expires-on', '2027-09-30');
    const file = writeJson(doc);
    const strict = await auditJson(file, '--policy-config', REPO_CONFIG);
    expect(messagesOf(strict.report, 'agent-expiry-required', 'agent-digest-writer')).toEqual([
      'Agent "digest-writer": tag "agent:expires-on" is "2027-09-30", 303 days away, beyond the maximum lifetime of 90 days (maxLifetimeDays); use a date as YYYY-MM-DD, at most 90 days away (on or before 2027-03-01).',
    ]);
    const lenient = await auditJson(file, '--policy-config', configWith({ maxLifetimeDays: 365 }));
    expect(messagesOf(lenient.report, 'agent-expiry-required', 'agent-digest-writer')).toEqual([]);
  });

  test('trust to a role that is not Vault is found', async () => {
    const doc = base();
    const trust = vaultTrust('digest-writer');
    trust.Statement.push({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/ci-runner' },
      Action: ['sts:AssumeRole'],
    });
    role(doc, 'agent-digest-writer').AssumeRolePolicyDocument = trust;
    const { report } = await auditJson(writeJson(doc), '--policy-config', REPO_CONFIG);
    expect(messagesOf(report, 'agent-trust-restricted', 'agent-digest-writer')).toEqual([
      `Agent "digest-writer": trust policy of role "agent-digest-writer": "arn:aws:iam::123456789012:role/ci-runner" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor an agent that declares a call to this one (delegatesTo); allow only "${VAULT}".`,
    ]);
  });

  test('an untagged role trusting Vault is a shadow agent: no owner, no expiry', async () => {
    const { report } = await auditJson(
      writeJson(withUntaggedVaultRole()),
      '--policy-config',
      REPO_CONFIG,
    );
    expect(mandatory(report).filter((v) => v.endsWith(' nightly-sync'))).toEqual([
      'agent-expiry-required nightly-sync',
      'agent-owner-required nightly-sync',
      'agent-permissions-boundary-required nightly-sync',
      'agent-trust-restricted nightly-sync',
    ]);
    expect(report.inventory.map((e) => e.name)).toContain('nightly-sync');
  });

  test("the config's Vault principal decides which roles are agents", async () => {
    const file = writeJson(withUntaggedVaultRole());
    const other = 'arn:aws:iam::123456789012:role/vault-prod';
    const { report } = await auditJson(
      file,
      '--policy-config',
      configWith({ vaultPrincipalArns: [other] }),
    );
    // Trusting what is no longer the Vault principal: nightly-sync is not an agent any more...
    expect(report.inventory.map((e) => e.name)).not.toContain('nightly-sync');
    expect(report.violations.filter((v) => v.resource?.name === 'nightly-sync')).toEqual([]);
    // ...and the tagged agents trust a principal that is not the configured Vault one.
    expect(messagesOf(report, 'agent-trust-restricted', 'agent-digest-writer')).toContain(
      `Agent "digest-writer": trust policy of role "agent-digest-writer": "${VAULT}" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor an agent that declares a call to this one (delegatesTo); allow only "${other}".`,
    );
  });

  test("the config's owner registry decides whether an owner is accepted", async () => {
    const registered = await auditJson(ACCOUNT, '--policy-config', REPO_CONFIG);
    expect(messagesOf(registered.report, 'agent-owner-required', 'agent-digest-writer')).toEqual(
      [],
    );
    const other = await auditJson(
      ACCOUNT,
      '--policy-config',
      configWith({ owners: { emailDomains: ['example.org'], teams: ['security'] } }),
    );
    expect(messagesOf(other.report, 'agent-owner-required', 'agent-digest-writer')).toEqual([
      expect.stringMatching(/^Agent "digest-writer": tag "agent:owner" is "ops-lead@example\.com"/),
    ]);
  });

  test('a role trusting an AI service without a declaration, and a user access key, are found', async () => {
    const doc = base();
    doc.RoleDetailList.push({
      RoleName: 'kb-assistant',
      Path: '/service-role/',
      Arn: 'arn:aws:iam::123456789012:role/service-role/kb-assistant',
      Tags: [],
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'bedrock.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      },
      RolePolicyList: [],
      AttachedManagedPolicies: [],
    });
    const jane = doc.UserDetailList.find((u) => u.UserName === 'jane')!;
    jane.AccessKeyMetadata = [
      { AccessKeyId: 'AKIAEXAMPLEJANE00001', Status: 'Active', CreateDate: '2024-02-01T10:00:00Z' },
    ];
    const { report } = await auditJson(writeJson(doc), '--policy-config', REPO_CONFIG);
    expect(mandatory(report)).toEqual(
      expect.arrayContaining([
        'agent-ai-workload-declared kb-assistant',
        'agent-no-static-credentials AKIAEXAMPLEJANE00001',
      ]),
    );
  });
});
