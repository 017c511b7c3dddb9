import * as fs from 'fs';
import * as path from 'path';
import { runDiff } from '../../../cli/commands/diff';
import { recordingIo } from '../../../cli/io';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cli');
const BEFORE = path.join(FIXTURES, 'check-before.json');
const AFTER = path.join(FIXTURES, 'check-after.json');
const beforeText = fs.readFileSync(BEFORE, 'utf8');

async function diff(args: string[], stdin = '') {
  const io = recordingIo();
  const code = await runDiff(args, io, () => stdin);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const INDEX = 'arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar/index/*';

describe('agent-iam diff', () => {
  test('markdown for a pull request; exit 1 because AFTER adds mandatory violations', async () => {
    const r = await diff([BEFORE, AFTER]);
    expect(r.stderr).toEqual([]);
    expect(r.stdout).toEqual([
      '## agent-iam diff: agent-iam-example/dev',
      '',
      'Agents: 1 added, 1 removed, 2 changed, 1 unchanged.',
      'Violations: 3 new (2 mandatory), 0 resolved.',
      '',
      '### Added `invoice-archiver`',
      'owner team:finance; purpose "Archives paid invoices, \\"as is\\", to cold storage | weekly"; expires on 2026-12-10; ttl 15m; max ttl 1h',
      '```diff',
      '+ s3:PutObject on *',
      '+ s3:DeleteObject on *',
      '```',
      '',
      '### Removed `digest-writer`',
      'owner ops-lead@example.com; expires on 2026-12-06',
      '```diff',
      '- s3:PutObject on arn:aws:s3:::agent-iam-example-finance-reports-dev/digests/*',
      '```',
      '',
      '### Changed `ticket-triager`',
      '- expires on: 2027-01-21 → 2027-06-30',
      '- max ttl: 1h → 2h',
      '',
      '### Changed `calendar-scheduler`',
      '- owner: maria.lopez@example.com → team:platform',
      '```diff',
      '+ dynamodb:DeleteItem on arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar',
      `- dynamodb:GetItem on ${INDEX}`,
      `- dynamodb:BatchGetItem on ${INDEX}`,
      `- dynamodb:Query on ${INDEX}`,
      `- dynamodb:DescribeTable on ${INDEX}`,
      '```',
      '',
      '### New violations',
      '- **mandatory** `agent-no-unscoped-write` (invoice-archiver-policy): Agent "invoice-archiver": inline:invoice-archiver-policy Statement[0] allows 2 write actions ("s3:DeleteObject", "s3:PutObject") on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:dynamodb:us-east-1:123456789012:table/orders".',
      '- **advisory** `agent-vault-credential-ttl` (ticket-triager-vault-role): Vault AWS role "ticket-triager" has maxStsTtl 7200 (2h), above the limit of 3600 (1h) (vault.maxStsTtlSeconds); set maxStsTtl to at most 3600. Exempted by security@example.com until 2027-01-31: long batch runs, SEC-210.',
      '- **mandatory** `agent-max-session-duration` (sales-exporter-role): Agent "sales-exporter": role "agent-sales-exporter" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
      '',
      '**Blocked:** this change adds 2 mandatory violations.',
    ]);
    expect(r.code).toBe(1);
  });

  test('the reverse change resolves the violations and blocks nothing: exit 0', async () => {
    const r = await diff([AFTER, BEFORE]);
    expect(r.code).toBe(0);
    expect(r.stdout.slice(0, 4)).toEqual([
      '## agent-iam diff: agent-iam-example/dev',
      '',
      'Agents: 1 added, 1 removed, 2 changed, 1 unchanged.',
      'Violations: 0 new (0 mandatory), 3 resolved.',
    ]);
    expect(r.stdout).toContain('### Resolved violations');
    expect(r.stdout).toContain(`+ dynamodb:GetItem on ${INDEX}`);
    expect(r.stdout[r.stdout.length - 1]).toBe('No new mandatory violation.');
  });

  test('identical fleets: nothing changed, exit 0', async () => {
    const r = await diff([BEFORE, '-'], beforeText);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      '## agent-iam diff: agent-iam-example/dev',
      '',
      'Agents: 0 added, 0 removed, 0 changed, 4 unchanged.',
      'Violations: 0 new (0 mandatory), 0 resolved.',
      '',
      'No new mandatory violation.',
    ]);
  });

  test.each([
    {
      case: 'a condition added to a statement revokes the unconditioned grant',
      mutate: (c: Fleet) => {
        c.inventory[0].statements[0].conditions = { StringEquals: { 'aws:SourceVpc': 'vpc-1' } };
      },
      lines: [
        '+ s3:PutObject on arn:aws:s3:::agent-iam-example-finance-reports-dev/digests/* when {"StringEquals":{"aws:SourceVpc":"vpc-1"}}',
        '- s3:PutObject on arn:aws:s3:::agent-iam-example-finance-reports-dev/digests/*',
      ],
    },
    {
      case: 'an action re-cased is the same grant',
      mutate: (c: Fleet) => {
        c.inventory[0].statements[0].actions = ['S3:putobject'];
      },
      lines: [],
    },
    {
      case: 'a purpose change',
      mutate: (c: Fleet) => {
        c.inventory[0].purpose = 'Writes the daily digest';
      },
      lines: [
        '- purpose: Writes the weekly leadership digest to the reports bucket → Writes the daily digest',
      ],
    },
  ])('$case', async ({ mutate, lines }) => {
    const after = JSON.parse(beforeText) as Fleet;
    mutate(after);
    const r = await diff([BEFORE, '-'], JSON.stringify(after));
    expect(r.code).toBe(0);
    const body = r.stdout.filter((l) => /^[-+] /.test(l));
    expect(body).toEqual(lines);
  });

  test('--json: added, removed, changed with field changes and grants, violations', async () => {
    const r = await diff([BEFORE, AFTER, '--json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout.join('\n'));
    expect(d.added.map((a: { name: string }) => a.name)).toEqual(['invoice-archiver']);
    expect(d.removed.map((a: { name: string }) => a.name)).toEqual(['digest-writer']);
    expect(d.unchanged).toEqual(['finance-report-reader']);
    expect(d.changed[0]).toEqual({
      name: 'ticket-triager',
      fields: [
        { field: 'expiresOn', before: '2027-01-21', after: '2027-06-30' },
        { field: 'maxTtl', before: '1h', after: '2h' },
      ],
      granted: [],
      revoked: [],
    });
    expect(d.changed[1].granted).toEqual([
      {
        action: 'dynamodb:DeleteItem',
        resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar',
      },
    ]);
    expect(d.violations.new.map((v: { policy: string }) => v.policy)).toEqual([
      'agent-no-unscoped-write',
      'agent-vault-credential-ttl',
      'agent-max-session-duration',
    ]);
    expect(d.violations.resolved).toEqual([]);
    expect(d.blocking).toBe(true);
  });

  test('a new advisory violation alone does not block', async () => {
    const after = JSON.parse(beforeText) as Fleet;
    after.violations = [
      {
        policy: 'agent-owner-required',
        enforcementLevel: 'advisory',
        message: 'Agent "digest-writer": x',
      },
    ];
    const r = await diff([BEFORE, '-'], JSON.stringify(after));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- **advisory** `agent-owner-required`: Agent "digest-writer": x');
  });

  test.each([
    {
      case: 'one file',
      args: [BEFORE],
      err: /^agent-iam diff: expected BEFORE and AFTER, got 1 file\./,
    },
    {
      case: 'both on stdin',
      args: ['-', '-'],
      err: /^agent-iam diff: only one of BEFORE and AFTER can be "-"/,
    },
    {
      case: 'an unknown option',
      args: [BEFORE, AFTER, '--html'],
      err: /^agent-iam diff: unknown option "--html"\./,
    },
    {
      case: 'a bad AFTER',
      args: [BEFORE, path.join(FIXTURES, 'authorization-details.json')],
      err: new RegExp(
        `^agent-iam diff: ${path.join(FIXTURES, 'authorization-details.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not the output of \`agent-iam check --json\` \\(no "inventory"\\)`,
      ),
    },
  ])('exit 2 on $case', async ({ args, err }) => {
    const r = await diff(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(err);
  });
});

interface Fleet {
  inventory: { purpose: string; statements: { actions: string[]; conditions?: unknown }[] }[];
  violations: { policy: string; enforcementLevel: string; message: string }[];
}
