import * as fs from 'fs';
import * as path from 'path';
import { runAudit } from '../../../cli/commands/audit';
import { recordingIo } from '../../../cli/io';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cli');
const EXPORT = path.join(FIXTURES, 'authorization-details.json');
const exportText = fs.readFileSync(EXPORT, 'utf8');
const BOUNDARY = 'arn:aws:iam::123456789012:policy/agents/agent-boundary';

async function audit(args: string[], stdin = '') {
  const io = recordingIo();
  const code = await runAudit(args, io, () => stdin);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

interface Export {
  RoleDetailList: {
    RoleName: string;
    Tags: { Key: string; Value: string }[];
    AssumeRolePolicyDocument?: unknown;
    AttachedManagedPolicies: { PolicyName?: string; PolicyArn: string }[];
    PermissionsBoundary?: unknown;
  }[];
  Policies: { Arn: string }[];
  UserDetailList: unknown[];
  IsTruncated?: boolean;
}

/** The export with only the compliant agent role, changed by `mutate`. */
function compliantOnly(
  mutate: (role: Export['RoleDetailList'][number], doc: Export) => void,
): string {
  const doc = JSON.parse(exportText) as Export;
  doc.RoleDetailList = doc.RoleDetailList.filter((r) => r.RoleName === 'agent-digest-writer');
  doc.UserDetailList = [];
  mutate(doc.RoleDetailList[0], doc);
  return JSON.stringify(doc);
}

const COMPLIANT_BLOCK = [
  'role agent-digest-writer (agent "digest-writer"): ok',
  `  owner ops-lead@example.com; expires on 2026-12-06 (5 days left); boundary ${BOUNDARY}`,
];

describe('agent-iam audit', () => {
  test('judges every agent role and agent user; exit 1', async () => {
    const r = await audit([EXPORT, '--now', '2026-12-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([]);
    // The compliant role: URL-encoded inline policy, the default (v2) version of its customer
    // managed policy, not the over-broad v1, within its boundary.
    expect(r.stdout.slice(0, 2)).toEqual(COMPLIANT_BLOCK);
    // AdministratorAccess, resolved from the AWS managed catalogue, within a boundary that denies IAM.
    const admin = r.stdout.indexOf(
      'role agent-incident-responder (agent "incident-responder"): over-permissioned (20 findings)',
    );
    expect(admin).toBe(2);
    expect(r.stdout[3]).toBe(
      `  owner team:security; expires on 2027-03-31 (120 days left); boundary ${BOUNDARY}`,
    );
    const adminFindings = r.stdout.slice(4, 24);
    expect(
      adminFindings.every((l) =>
        l.includes('arn:aws:iam::aws:policy/AdministratorAccess Statement[0]'),
      ),
    ).toBe(true);
    expect(new Set(adminFindings.map((l) => l.trim().split(':')[0]))).toEqual(
      new Set([
        'critical privilege-escalation',
        'high credentials-exposure',
        'high resource-exposure',
        'high data-exfiltration',
        'high wildcard-resource-write',
        'medium wildcard-resource-write',
        'medium wildcard-action',
      ]),
    );
    expect(r.stdout.slice(24)).toEqual([
      'role agent-sales-exporter (agent "sales-exporter"): 5 identity problems',
      '  owner (none); expires on 2025-01-31; boundary (none)',
      '  high owner: no agent:owner tag: nobody is accountable for this agent; tag the role with its owner (use an e-mail address ("jane@example.com") or a team handle ("team:payments")).',
      '  high expiry: expired on 2025-01-31 (669 days before 2026-12-01) and is still deployed; delete the role, or recertify the agent with a new agent:expires-on date.',
      "  high boundary: no permissions boundary: nothing caps what a policy attached later can grant; set the fleet's boundary policy as the role's permissions boundary.",
      '  medium session-duration: MaxSessionDuration 43200 (12h) is above 3600 (1h); set it to at most 3600.',
      '  high trust: the trust policy lets the whole account "arn:aws:iam::123456789012:root" assume the role, i.e. any principal in it that its own policies allow; trust only the Vault principal\'s role ARN.',
      'user legacy-bot (agent "legacy-bot"): static credentials',
      '  critical static-credentials: IAM user tagged agent:name "legacy-bot": a user authenticates with long-lived access keys or a password; declare the agent as a role with Vault-issued credentials and delete the user and its keys.',
      '3 agent roles: 1 ok, 2 failing; 1 IAM user tagged as an agent',
    ]);
  });

  test('the non-agent role is skipped unless --all-roles, which judges its permissions', async () => {
    const without = await audit([EXPORT, '--now', '2026-12-01']);
    expect(without.stdout.some((l) => l.startsWith('role ci-deployer'))).toBe(false);
    const all = await audit([EXPORT, '--now', '2026-12-01', '--all-roles']);
    expect(all.code).toBe(1);
    const at = all.stdout.indexOf('role ci-deployer: over-permissioned (1 finding)');
    expect(at).toBeGreaterThan(0);
    expect(all.stdout[at + 1]).toBe(
      '  high data-exfiltration: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess Statement[0] lets the agent read data from any resource with "s3:GetObject", "s3:GetObjectVersion"; name the buckets, tables, queues, streams, log groups, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").',
    );
    expect(all.stdout[all.stdout.length - 1]).toBe(
      '3 agent roles: 1 ok, 2 failing; 1 other role: 1 failing; 1 IAM user tagged as an agent',
    );
  });

  test('a compliant account exits 0', async () => {
    const r = await audit(
      ['-', '--now', '2026-12-01'],
      compliantOnly(() => undefined),
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      ...COMPLIANT_BLOCK,
      '1 agent role: 1 ok, 0 failing; 0 IAM users tagged as agents',
    ]);
  });

  test('--json prints one object per role and user', async () => {
    const r = await audit([EXPORT, '--json', '--now', '2026-12-01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toHaveLength(4);
    const records = r.stdout.map((l) => JSON.parse(l));
    expect(records[0]).toEqual({
      kind: 'role',
      role: 'agent-digest-writer',
      arn: 'arn:aws:iam::123456789012:role/agents/agent-digest-writer',
      agent: 'digest-writer',
      verdict: 'ok',
      owner: 'ops-lead@example.com',
      expiresOn: '2026-12-06',
      daysLeft: 5,
      boundary: BOUNDARY,
      findings: [],
      identity: [],
      problems: [],
    });
    expect(records[2].identity.map((p: { check: string }) => p.check)).toEqual([
      'owner',
      'expiry',
      'boundary',
      'session-duration',
      'trust',
    ]);
    expect(records[3]).toMatchObject({ kind: 'user', user: 'legacy-bot', agent: 'legacy-bot' });
  });

  test.each([
    {
      case: 'Principal "*" in the trust policy',
      mutate: (role: Export['RoleDetailList'][number]) => {
        role.AssumeRolePolicyDocument = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }],
        };
      },
      line: '  critical trust: the trust policy lets any AWS principal (Principal "*" or NotPrincipal) assume the role; trust only the Vault principal.',
    },
    {
      case: 'a bare account id in the trust policy',
      mutate: (role: Export['RoleDetailList'][number]) => {
        role.AssumeRolePolicyDocument = {
          Statement: [
            { Effect: 'Allow', Principal: { AWS: '210987654321' }, Action: 'sts:AssumeRole' },
          ],
        };
      },
      line: '  high trust: the trust policy lets the whole account "210987654321" assume the role, i.e. any principal in it that its own policies allow; trust only the Vault principal\'s role ARN.',
    },
    {
      case: 'an owner that is not an address or team',
      mutate: (role: Export['RoleDetailList'][number]) => {
        role.Tags.find((t) => t.Key === 'agent:owner')!.Value = 'ops lead';
      },
      line: '  high owner: agent:owner "ops lead" is not an owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments").',
    },
    {
      case: 'a malformed expiry date',
      mutate: (role: Export['RoleDetailList'][number]) => {
        role.Tags.find((t) => t.Key === 'agent:expires-on')!.Value = '06/12/2026';
      },
      line: '  high expiry: agent:expires-on "06/12/2026" is not a date; use YYYY-MM-DD.',
    },
    {
      case: 'no expiry tag',
      mutate: (role: Export['RoleDetailList'][number]) => {
        role.Tags = role.Tags.filter((t) => t.Key !== 'agent:expires-on');
      },
      line: '  high expiry: no agent:expires-on tag: the agent never expires; tag the role with the date it is retired (YYYY-MM-DD).',
    },
    {
      case: 'an agent name that is not kebab-case',
      mutate: (role: Export['RoleDetailList'][number]) => {
        role.Tags.find((t) => t.Key === 'agent:name')!.Value = 'Digest_Writer';
      },
      line: '  medium name: agent:name "Digest_Writer" is not lower-case kebab; use letters, digits and single hyphens, starting with a letter, e.g. "ticket-triager".',
    },
    {
      case: 'an attached customer-managed policy missing from the export',
      mutate: (_role: Export['RoleDetailList'][number], doc: Export) => {
        doc.Policies = doc.Policies.filter((p) => p.Arn === BOUNDARY);
      },
      line: "  high unverifiable: attached policy arn:aws:iam::123456789012:policy/agents/digest-writer-read is not in the export's Policies and is not an AWS managed policy; export without --filter (or with LocalManagedPolicy) so it can be judged.",
    },
    {
      case: 'a boundary missing from the export',
      mutate: (_role: Export['RoleDetailList'][number], doc: Export) => {
        doc.Policies = doc.Policies.filter((p) => p.Arn !== BOUNDARY);
      },
      line: `  medium unverifiable: permissions boundary ${BOUNDARY} is not in the export's Policies and is not an AWS managed policy; export without --filter (or with LocalManagedPolicy) so it can be judged; permissions were judged without it.`,
    },
  ])('exit 1 on $case', async ({ mutate, line }) => {
    const r = await audit(['-', '--now', '2026-12-01'], compliantOnly(mutate));
    expect(r.code).toBe(1);
    expect(r.stdout[0]).toMatch(/^role agent-digest-writer \(agent "[^"]+"\): 1 identity problem$/);
    expect(r.stdout[2]).toBe(line);
    expect(r.stdout).toHaveLength(4);
  });

  test.each([
    {
      case: 'a missing file',
      args: [path.join(FIXTURES, 'missing.json')],
      stdin: '',
      err: `agent-iam audit: ${path.join(FIXTURES, 'missing.json')}: cannot read (no such file). Expected the output of \`aws iam get-account-authorization-details --output json\`.`,
    },
    {
      case: 'a check output instead of an export',
      args: [path.join(FIXTURES, 'check-before.json')],
      stdin: '',
      err: `agent-iam audit: ${path.join(FIXTURES, 'check-before.json')}: not an IAM authorization-details document (no "RoleDetailList"); expected the output of \`aws iam get-account-authorization-details --output json\`.`,
    },
    {
      case: 'a role without a name',
      args: ['-'],
      stdin: JSON.stringify({ RoleDetailList: [{ Arn: 'arn:aws:iam::123456789012:role/x' }] }),
      err: 'agent-iam audit: standard input: not a valid IAM authorization-details document; expected the output of `aws iam get-account-authorization-details --output json`:\n  RoleDetailList[0].RoleName: missing (expected string)',
    },
    {
      case: 'a truncated export',
      args: ['-'],
      stdin: JSON.stringify({ RoleDetailList: [], IsTruncated: true, Marker: 'x' }),
      err: 'agent-iam audit: standard input: IsTruncated is true, so the export misses roles and policies; export again without --max-items (the AWS CLI then fetches every page).',
    },
    {
      case: 'no FILE',
      args: [],
      stdin: '',
      err: expect.stringMatching(/^agent-iam audit: expected one FILE, got 0\./),
    },
  ])('exit 2 on $case', async ({ args, stdin, err }) => {
    const r = await audit(args, stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toEqual([err]);
  });
});
