/**
 * `check --format jsonl`, the SIEM export: every line is valid against the documented schema
 * (docs/siem-v1.schema.json), on a saved check with violations and on the example fleet run
 * through the real binary.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CheckReportSchema } from '../../../../cli/check-report';
import { formatJsonl, SIEM_SCHEMA, siemRecords } from '../../../../cli/commands/check/siem';
import { runCheckBinary } from '../../../support/check-binary';
import { validate } from '../../../support/json-schema';
import { REPO_ROOT } from '../../../support/programs';

const SCHEMA = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'docs', 'siem-v1.schema.json'), 'utf8'),
) as Record<string, unknown>;
const AFTER = CheckReportSchema.parse(
  JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/cli/check-after.json'), 'utf8')),
);
const NOW = new Date('2026-12-01T09:00:00Z');

describe('the SIEM schema validator', () => {
  const valid = siemRecords(AFTER, NOW);
  test.each([
    {
      case: 'a missing status',
      line: { ...valid[0], status: undefined },
    },
    { case: 'an unknown status', line: { ...valid[0], status: 'retired' } },
    {
      case: 'another schema version',
      line: { ...valid[0], schema: 'agent-iam/siem/v2' },
    },
    { case: 'an undocumented field', line: { ...valid[0], team: 'x' } },
    { case: 'a violation without a policy', line: { ...valid[4], policy: undefined } },
    {
      case: 'an ARN that is not a role',
      line: { ...valid[0], roleArn: 'arn:aws:s3:::b' },
    },
  ])('refuses $case', ({ line }) => {
    const json = JSON.parse(JSON.stringify(line)) as unknown;
    expect(validate(SCHEMA, json)).toEqual([
      '$: matches 0 of the oneOf schemas, expected exactly 1',
    ]);
  });

  test('refuses a schema keyword it would not check', () => {
    expect(() => validate({ type: 'string', format: 'date' }, '2026-12-01')).toThrow(
      'unsupported keyword "format" at $',
    );
  });
});

describe('check --format jsonl', () => {
  test('a saved check: one line per agent, then one per violation, each valid', () => {
    const lines = formatJsonl(AFTER, NOW);
    expect(lines).toHaveLength(AFTER.inventory.length + AFTER.violations.length);
    for (const line of lines) expect(validate(SCHEMA, JSON.parse(line))).toEqual([]);
    expect(JSON.parse(lines[3])).toEqual({
      schema: SIEM_SCHEMA,
      kind: 'agent',
      time: '2026-12-01T09:00:00.000Z',
      project: 'agent-iam-example',
      stack: 'dev',
      mode: 'preview',
      name: 'invoice-archiver',
      owner: 'team:finance',
      purpose: 'Archives paid invoices, "as is", to cold storage | weekly',
      runtime: null,
      roleArn: null,
      vaultPath: null,
      expiresOn: '2026-12-10',
      daysLeft: 9,
      status: 'expiring',
      declaredBy: 'component',
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: ['*'],
      delegatesTo: [],
      knownAfterApply: [],
    });
    expect(JSON.parse(lines[6])).toEqual({
      schema: SIEM_SCHEMA,
      kind: 'violation',
      time: '2026-12-01T09:00:00.000Z',
      project: 'agent-iam-example',
      stack: 'dev',
      mode: 'preview',
      agent: 'sales-exporter',
      policy: 'agent-max-session-duration',
      severity: 'mandatory',
      policySeverity: 'medium',
      message:
        'Agent "sales-exporter": role "agent-sales-exporter" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
      urn: 'urn:pulumi:dev::agent-iam-example::aws:iam/role:Role::sales-exporter-role',
      resourceType: 'aws:iam/role:Role',
      resourceName: 'sales-exporter-role',
    });
  });

  test.each([
    { case: 'more than 30 days left', now: '2026-11-09T00:00:00Z', status: 'active', daysLeft: 31 },
    { case: '30 days left', now: '2026-11-10T00:00:00Z', status: 'expiring', daysLeft: 30 },
    { case: 'its last day', now: '2026-12-10T12:00:00Z', status: 'expiring', daysLeft: 0 },
    { case: 'the day after', now: '2026-12-11T00:00:00Z', status: 'expired', daysLeft: -1 },
  ])('status on $case', ({ now, status, daysLeft }) => {
    const archiver = siemRecords(AFTER, new Date(now))[3];
    expect(archiver).toMatchObject({ name: 'invoice-archiver', status, daysLeft });
  });

  test('suspended by the kill switch, and unknown fields at preview', () => {
    const report = CheckReportSchema.parse({
      ...AFTER,
      inventory: [
        {
          ...AFTER.inventory[0],
          status: 'suspended',
          roleArn: 'arn:aws:iam::123456789012:role/agents/agent-ticket-triager',
        },
        {
          ...AFTER.inventory[1],
          owner: '(unknown)',
          roleArn: null,
          statements: [],
          knownAfterApply: ['statements'],
        },
      ],
      violations: [],
    });
    const [suspended, unknown] = siemRecords(report, NOW);
    expect(suspended).toMatchObject({
      status: 'suspended',
      roleArn: 'arn:aws:iam::123456789012:role/agents/agent-ticket-triager',
      knownAfterApply: [],
    });
    expect(unknown).toMatchObject({
      owner: null,
      roleArn: null,
      actions: [],
      knownAfterApply: ['owner', 'roleArn', 'actions'],
    });
    for (const r of [suspended, unknown]) expect(validate(SCHEMA, r)).toEqual([]);
  });

  test('the example fleet through the binary: seven agent lines, all valid, exit 0', async () => {
    const run = await runCheckBinary([
      '--format',
      'jsonl',
      '--policy-config',
      'agent-iam.config.json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const records = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) expect(validate(SCHEMA, r)).toEqual([]);
    expect(records.map((r) => [r.kind, r.name, r.runtime, r.vaultPath])).toEqual([
      ['agent', 'digest-writer', 'vault', 'aws-agents/sts/digest-writer'],
      ['agent', 'helpdesk-runtime', 'agentcore-runtime', null],
      ['agent', 'faq-assistant', 'bedrock-agent', null],
      ['agent', 'ticket-triager', 'vault', 'aws-agents/sts/ticket-triager'],
      ['agent', 'ticket-notifier', 'vault', 'aws-agents/sts/ticket-notifier'],
      ['agent', 'calendar-scheduler', 'vault', 'aws-agents/sts/calendar-scheduler'],
      ['agent', 'finance-report-reader', 'vault', 'aws-agents/sts/finance-report-reader'],
    ]);
    // digest-writer expires in 14 days: within the 30-day window.
    expect(records[3]).toMatchObject({ name: 'ticket-triager', delegatesTo: ['ticket-notifier'] });
    expect(records[0]).toMatchObject({
      status: 'expiring',
      daysLeft: 14,
      knownAfterApply: ['roleArn'],
    });
  }, 120_000);

  test('--json with another --format is refused, exit 2', async () => {
    const run = await runCheckBinary(['--json', '--format', 'jsonl']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe(
      'agent-iam check: --json is --format json; it cannot go with --format jsonl',
    );
  }, 60_000);
});
