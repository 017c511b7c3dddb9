import * as fs from 'fs';
import * as path from 'path';
import { runReport } from '../../../cli/commands/report';
import { recordingIo } from '../../../cli/io';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cli');
const AFTER = path.join(FIXTURES, 'check-after.json');
const BEFORE = path.join(FIXTURES, 'check-before.json');
const AUTH = path.join(FIXTURES, 'authorization-details.json');

async function report(args: string[], stdin = '') {
  const io = recordingIo();
  const code = await runReport(args, io, () => stdin);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('agent-iam report', () => {
  test('markdown: a table of agents, then per agent one row per statement and its violations in a details block, then the diagram', async () => {
    const r = await report([AFTER, '--now', '2026-12-01']);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout.join('\n').split('\n')).toEqual([
      '## Agent access review: agent-iam-example/dev (4 agents, as of 2026-12-01)',
      '',
      '| Agent | Owner | Purpose | Runtime | Status | Expires on | Days left | TTL | Max TTL | Mandatory | Advisory |',
      '| --- | --- | --- | --- | --- | --- | ---: | --- | --- | ---: | ---: |',
      '| ticket-triager | team:support | Reads new support tickets from the queue and routes them to the right team |  |  | 2027-06-30 | 211 | 15m | 2h | 0 | 1 |',
      '| calendar-scheduler | team:platform | Books and moves team meetings in the shared calendar table |  |  | 2026-12-22 | 21 | 15m | 30m | 0 | 0 |',
      '| finance-report-reader | team:finance | Summarises the monthly finance reports for the leadership digest |  |  | 2027-02-15 | 76 | 15m | 1h | 0 | 0 |',
      '| invoice-archiver | team:finance | Archives paid invoices, "as is", to cold storage \\| weekly |  |  | 2026-12-10 | 9 (expires soon) | 15m | 1h | 1 | 0 |',
      '',
      '### `ticket-triager`',
      '',
      '| # | Effect | Actions | Resources | Condition |',
      '| ---: | --- | --- | --- | --- |',
      '| 1 | Allow | `sqs:ReceiveMessage`, `sqs:DeleteMessage`, `sqs:ChangeMessageVisibility`, `sqs:GetQueueAttributes`, `sqs:GetQueueUrl` | `arn:aws:sqs:eu-west-1:123456789012:support-tickets` | none |',
      '',
      '<details><summary>1 violation: 0 mandatory, 1 advisory</summary>',
      '',
      '- **advisory** `agent-vault-credential-ttl` on `ticket-triager-vault-role`: Vault AWS role "ticket-triager" has maxStsTtl 7200 (2h), above the limit of 3600 (1h) (vault.maxStsTtlSeconds); set maxStsTtl to at most 3600. Exempted by security@example.com until 2027-01-31: long batch runs, SEC-210.',
      '',
      '</details>',
      '',
      '### `calendar-scheduler`',
      '',
      '| # | Effect | Actions | Resources | Condition |',
      '| ---: | --- | --- | --- | --- |',
      '| 1 | Allow | `dynamodb:GetItem`, `dynamodb:BatchGetItem`, `dynamodb:Query`, `dynamodb:DescribeTable` | `arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar` | none |',
      '| 2 | Allow | `dynamodb:PutItem`, `dynamodb:UpdateItem`, `dynamodb:ConditionCheckItem`, `dynamodb:DeleteItem` | `arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar` | none |',
      '',
      'No violations.',
      '',
      '### `finance-report-reader`',
      '',
      '| # | Effect | Actions | Resources | Condition |',
      '| ---: | --- | --- | --- | --- |',
      '| 1 | Allow | `s3:GetObject` | `arn:aws:s3:::agent-iam-example-finance-reports-dev/monthly/*` | none |',
      '| 2 | Allow | `s3:ListBucket` | `arn:aws:s3:::agent-iam-example-finance-reports-dev` | `StringLike` `s3:prefix` = `monthly/*` |',
      '',
      'No violations.',
      '',
      '### `invoice-archiver`',
      '',
      '| # | Effect | Actions | Resources | Condition |',
      '| ---: | --- | --- | --- | --- |',
      '| 1 | Allow | `s3:PutObject`, `s3:DeleteObject` | `*` | none |',
      '',
      '<details><summary>1 violation: 1 mandatory, 0 advisory</summary>',
      '',
      '- **mandatory** `agent-no-unscoped-write` on `invoice-archiver-policy`: Agent "invoice-archiver": inline:invoice-archiver-policy Statement[0] allows 2 write actions ("s3:DeleteObject", "s3:PutObject") on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:dynamodb:us-east-1:123456789012:table/orders".',
      '',
      '</details>',
      '',
      '### `sales-exporter`: not in the inventory',
      '',
      '<details><summary>1 violation: 1 mandatory, 0 advisory</summary>',
      '',
      '- **mandatory** `agent-max-session-duration` on `sales-exporter-role`: Agent "sales-exporter": role "agent-sales-exporter" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
      '',
      '</details>',
      '',
      '### Fleet diagram',
      '',
      '```mermaid',
      'flowchart LR',
      '  a0(["ticket-triager"])',
      '  a1(["calendar-scheduler"])',
      '  a2(["finance-report-reader"])',
      '  a3(["invoice-archiver"])',
      '  r4["arn:aws:sqs:eu-west-1:123456789012:support-tickets"]',
      '  r5["arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar"]',
      '  r6["arn:aws:s3:::agent-iam-example-finance-reports-dev/monthly/*"]',
      '  r7["arn:aws:s3:::agent-iam-example-finance-reports-dev"]',
      '  r8["* (any resource)"]',
      '  a0 --> r4',
      '  a1 --> r5',
      '  a2 --> r6',
      '  a2 --> r7',
      '  a3 --> r8',
      '```',
      '',
      '- **invoice-archiver** expires on 2026-12-10, in 9 days: recertify or retire it.',
      '- **sales-exporter** is not in the inventory (a raw IAM role, not an Agent component) and has 1 mandatory and 0 advisory violations.',
    ]);
  });

  test.each([
    {
      now: '2026-12-06',
      cell: '| 2026-12-06 | 0 (expires soon) |',
      note: 'expires on 2026-12-06, in 0 days',
    },
    {
      now: '2026-12-07',
      cell: '| 2026-12-06 | -1 (expired) |',
      note: 'expired on 2026-12-06: retire it',
    },
    { now: '2026-11-21', cell: '| 2026-12-06 | 15 |', note: undefined },
    { now: '2026-11-22', cell: '| 2026-12-06 | 14 (expires soon) |', note: 'in 14 days' },
  ])('--now $now: digest-writer shows "$cell"', async ({ now, cell, note }) => {
    const r = await report([BEFORE, '--now', now]);
    expect(r.code).toBe(0);
    const row = r.stdout.find((l) => l.startsWith('| digest-writer '));
    expect(row).toContain(cell);
    const notes = r.stdout.filter((l) => l.startsWith('- **digest-writer**'));
    expect(notes).toHaveLength(note ? 1 : 0);
    if (note) expect(notes[0]).toContain(note);
  });

  test('csv: RFC 4180 quoting, one row per agent and per agent missing from the inventory', async () => {
    const r = await report([AFTER, '--format', 'csv', '--now', '2026-12-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      'name,owner,purpose,expires_on,days_left,expiry,ttl,max_ttl,action_count,actions,resources,mandatory_violations,advisory_violations,in_inventory',
      'ticket-triager,team:support,Reads new support tickets from the queue and routes them to the right team,2027-06-30,211,ok,15m,2h,5,sqs:ReceiveMessage sqs:DeleteMessage sqs:ChangeMessageVisibility sqs:GetQueueAttributes sqs:GetQueueUrl,arn:aws:sqs:eu-west-1:123456789012:support-tickets,0,1,yes',
      'calendar-scheduler,team:platform,Books and moves team meetings in the shared calendar table,2026-12-22,21,ok,15m,30m,8,dynamodb:GetItem dynamodb:BatchGetItem dynamodb:Query dynamodb:DescribeTable dynamodb:PutItem dynamodb:UpdateItem dynamodb:ConditionCheckItem dynamodb:DeleteItem,arn:aws:dynamodb:eu-west-1:123456789012:table/team-calendar,0,0,yes',
      'finance-report-reader,team:finance,Summarises the monthly finance reports for the leadership digest,2027-02-15,76,ok,15m,1h,2,s3:GetObject s3:ListBucket,arn:aws:s3:::agent-iam-example-finance-reports-dev/monthly/* arn:aws:s3:::agent-iam-example-finance-reports-dev,0,0,yes',
      'invoice-archiver,team:finance,"Archives paid invoices, ""as is"", to cold storage | weekly",2026-12-10,9,soon,15m,1h,2,s3:PutObject s3:DeleteObject,*,1,0,yes',
      'sales-exporter,,,,,,,,,,,1,0,no',
    ]);
  });

  test('csv: a purpose a spreadsheet would run as a formula is neutralised', async () => {
    const check = JSON.parse(fs.readFileSync(BEFORE, 'utf8'));
    check.inventory[0].purpose = '=HYPERLINK("http://evil.example")';
    const r = await report(['-', '--format', 'csv', '--now', '2026-12-01'], JSON.stringify(check));
    expect(r.code).toBe(0);
    expect(r.stdout[1]).toContain(',"\'=HYPERLINK(""http://evil.example"")",');
  });

  test('json: the review as one document', async () => {
    const r = await report([AFTER, '--format=json', '--now', '2026-12-01']);
    expect(r.code).toBe(0);
    const review = JSON.parse(r.stdout.join('\n'));
    expect(review.asOf).toBe('2026-12-01');
    expect(review.agents.map((a: { name: string }) => a.name)).toEqual([
      'ticket-triager',
      'calendar-scheduler',
      'finance-report-reader',
      'invoice-archiver',
    ]);
    expect(review.agents[3]).toMatchObject({
      name: 'invoice-archiver',
      daysLeft: 9,
      expiry: 'soon',
      actionCount: 2,
      actions: ['s3:PutObject', 's3:DeleteObject'],
      resources: ['*'],
      violations: { mandatory: 1, advisory: 0 },
    });
    expect(review.unlisted).toEqual([
      {
        name: 'sales-exporter',
        violations: { mandatory: 1, advisory: 0 },
        findings: [
          {
            enforcementLevel: 'mandatory',
            policy: 'agent-max-session-duration',
            resource: 'sales-exporter-role',
            message:
              'Agent "sales-exporter": role "agent-sales-exporter" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
          },
        ],
      },
    ]);
    expect(review.unattributed).toEqual({ mandatory: 0, advisory: 0 });
  });

  test('an ARN known only after apply: identity kept, statements and role marked, no invalid expiry', async () => {
    const check = JSON.parse(fs.readFileSync(BEFORE, 'utf8'));
    check.inventory = [
      {
        ...check.inventory[0],
        name: 'scratch-writer',
        owner: 'team:data',
        expiresOn: '(unknown)',
        statements: [],
        roleArn: null,
        vaultPath: 'aws-agents/sts/scratch-writer',
        knownAfterApply: ['statements'],
      },
    ];
    check.violations = [];
    const r = await report(['-', '--now', '2026-12-01'], JSON.stringify(check));
    expect(r.code).toBe(0);
    expect(r.stdout.find((l) => l.startsWith('| scratch-writer'))).toMatch(
      /^\| scratch-writer \| team:data \| .+ \| \(known after apply\) \| \(known after apply\) \| /,
    );
    expect(r.stdout).toContain(
      'Role: (known after apply). Vault path: `aws-agents/sts/scratch-writer`.',
    );
    expect(r.stdout).toContain(
      'Statements: (known after apply): they name resources this change creates; `agent-iam check --update` shows them.',
    );
    expect(r.stdout.filter((l) => l.includes('invalid expiry'))).toEqual([]);
  });

  test('reach and delegations: said under the agent and drawn in the diagram', async () => {
    const check = JSON.parse(fs.readFileSync(AFTER, 'utf8'));
    check.inventory[0].reach = [
      {
        kind: 'assumed-role',
        name: 'ops-break-glass',
        path: ['agent-ticket-triager', 'ops-break-glass'],
      },
      { kind: 'resource-policy', name: 'bucket policy "sales-exports-policy"' },
    ];
    check.inventory[0].delegatesTo = ['calendar-scheduler'];
    check.violations = [];
    const r = await report(['-', '--now', '2026-12-01'], JSON.stringify(check));
    expect(r.code).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('### `ticket-triager`'));
    expect(section.slice(0, 4)).toEqual([
      '### `ticket-triager`',
      '',
      'Also reaches: role `ops-break-glass` by sts:AssumeRole (`agent-ticket-triager` → `ops-break-glass`); bucket policy "sales-exports-policy".\nDelegates to: `calendar-scheduler`.',
      '',
    ]);
    const diagram = r.stdout.slice(r.stdout.indexOf('```mermaid'));
    expect(diagram).toEqual(
      expect.arrayContaining([
        '  x5("role ops-break-glass")',
        '  x6("bucket policy #quot;sales-exports-policy#quot;")',
        '  a0 -. assumes .-> x5',
        '  a0 -. granted by .-> x6',
        '  a0 == delegates to ==> a1',
      ]),
    );
  });

  test('a message with <angle brackets> is escaped, so GitHub does not hide it as a tag', async () => {
    const check = JSON.parse(fs.readFileSync(AFTER, 'utf8'));
    check.violations[0].message =
      'Agent "invoice-archiver": use "arn:aws:a4b:us-east-1:123456789012:<resource-type>/<name>".';
    const r = await report(['-', '--now', '2026-12-01'], JSON.stringify(check));
    expect(r.stdout).toContain(
      '- **mandatory** `agent-no-unscoped-write` on `invoice-archiver-policy`: Agent "invoice-archiver": use "arn:aws:a4b:us-east-1:123456789012:&lt;resource-type&gt;/&lt;name&gt;".',
    );
  });

  test('reads standard input with "-"', async () => {
    const stdin = fs.readFileSync(BEFORE, 'utf8');
    const r = await report(['-', '--now', '2026-12-01'], stdin);
    expect(r.code).toBe(0);
    expect(r.stdout[0]).toBe(
      '## Agent access review: agent-iam-example/dev (4 agents, as of 2026-12-01)',
    );
  });

  test.each([
    {
      case: 'a missing file',
      args: [path.join(FIXTURES, 'nope.json')],
      stdin: '',
      err: `agent-iam report: ${path.join(FIXTURES, 'nope.json')}: cannot read (no such file). Expected the output of \`agent-iam check --json\`; save it with \`agent-iam check --json > check.json\`.`,
    },
    {
      case: 'an authorization-details export instead of a check output',
      args: [AUTH],
      stdin: '',
      err: `agent-iam report: ${AUTH}: not the output of \`agent-iam check --json\` (no "inventory"); save it with \`agent-iam check --json > check.json\`.`,
    },
    {
      case: 'invalid JSON on stdin',
      args: ['-'],
      stdin: '{"inventory": [',
      err: expect.stringMatching(/^agent-iam report: standard input: not valid JSON \(/),
    },
    {
      case: 'a wrongly typed field',
      args: ['-'],
      stdin: JSON.stringify({
        ...JSON.parse(fs.readFileSync(BEFORE, 'utf8')),
        inventory: [
          {
            name: 'x',
            owner: 7,
            purpose: 'p',
            expiresOn: '2027-01-01',
            ttl: '15m',
            maxTtl: '1h',
            statements: [],
          },
        ],
      }),
      err: [
        'agent-iam report: standard input: not a valid `agent-iam check --json` output; save it with `agent-iam check --json > check.json`:',
        '  inventory[0].owner: expected string, received 7',
      ].join('\n'),
    },
    {
      case: 'the output of a failed check',
      args: ['-'],
      stdin: JSON.stringify({ error: { kind: 'program', message: 'index.ts: boom' } }),
      err: 'agent-iam report: standard input: is the output of a failed `agent-iam check` ("index.ts: boom"); fix the check and save its output again.',
    },
    {
      case: 'an unknown format',
      args: [BEFORE, '--format', 'xml'],
      stdin: '',
      err: 'agent-iam report: --format "xml" is not one of markdown, csv, json.',
    },
    {
      case: 'an impossible --now',
      args: [BEFORE, '--now', '2026-02-30'],
      stdin: '',
      err: 'agent-iam report: --now "2026-02-30" is not a date; use YYYY-MM-DD, e.g. 2026-12-01.',
    },
  ])('exit 2 on $case', async ({ args, stdin, err }) => {
    const r = await report(args, stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    expect(r.stderr).toEqual([err]);
  });
});
