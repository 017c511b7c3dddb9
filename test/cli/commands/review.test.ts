/**
 * `agent-iam review` end to end, in-process through `runReview` with a recording Io.
 *
 * Fixtures (test/fixtures/cli/review):
 *  - check-update.json: `agent-iam check --update --json` of the example fleet (index.ts), whose
 *    agents' roles are arn:aws:iam::123456789012:role/agents/agent-<name>;
 *  - cloudtrail-log.json: a trail's log file ({"Records"}), written after the CloudTrail User
 *    Guide's record contents and examples: S3 and DynamoDB data events, management events, a
 *    denied S3 PutObject (AccessDenied), DynamoDB DeleteItem (AccessDeniedException) and EC2
 *    DescribeInstances (Client.UnauthorizedOperation), CloudWatch PutMetricData (an action the
 *    declaration does not grant), Vault's AssumeRole of the triager with session tags, an IAM
 *    user's call and an AwsServiceEvent (not a call);
 *  - lookup-events.json: `aws cloudtrail lookup-events --output json` (newest first, each record
 *    in CloudTrailEvent as a string): Bedrock InvokeModel and Converse, a denied InvokeModel of
 *    another model, SQS GetQueueUrl, an IAM user's GetRole.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { CheckReportSchema, type CheckReport } from '../../../cli/check-report';
import { runReview } from '../../../cli/commands/review';
import type { Review } from '../../../cli/commands/review/format';
import { recordingIo } from '../../../cli/io';
import { runCheckBinary } from '../../support/check-binary';
import { removePrograms, REPO_ROOT, writeProgram } from '../../support/programs';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'cli', 'review');
const CHECK = path.join(FIXTURES, 'check-update.json');
const LOG = path.join(FIXTURES, 'cloudtrail-log.json');
const LOOKUP = path.join(FIXTURES, 'lookup-events.json');
const REPO_CONFIG = path.join(REPO_ROOT, 'agent-iam.config.json');

const ACCOUNT = '123456789012';
const BUCKET = 'arn:aws:s3:::agent-iam-example-finance-reports-dev';
const TABLE = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/team-calendar`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:support-tickets`;
const HAIKU =
  'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0';
const role = (agent: string) => `arn:aws:iam::${ACCOUNT}:role/agents/agent-${agent}`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-review-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
  removePrograms();
});

let written = 0;
function writeFile(name: string, content: string | Buffer): string {
  const file = path.join(tmp, `${written++}-${name}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

async function review(args: string[], stdin = '') {
  const io = recordingIo();
  const code = await runReview(args, io, () => stdin);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function reviewJson(...args: string[]): Promise<Review> {
  const r = await review([...args, '--json']);
  expect(r.stderr).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout.join('\n')) as Review;
}

function agent(result: Review, name: string): Review['agents'][number] {
  const found = result.agents.find((a) => a.name === name);
  if (!found) throw new Error(`no agent ${name} in the review`);
  return found;
}

/** `action resource calls` of each used grant. */
const used = (a: Review['agents'][number]) =>
  a.used.map((g) => `${g.action} ${g.resource} ${g.calls}`);
const unused = (a: Review['agents'][number]) => a.unused.map((g) => `${g.action} ${g.resource}`);
const denied = (a: Review['agents'][number]) =>
  a.denied.map((d) => `${d.action} ${d.resources.join(' ') || '-'} ${d.errorCode} ${d.calls}`);

function checkFixture(): CheckReport {
  return CheckReportSchema.parse(JSON.parse(fs.readFileSync(CHECK, 'utf8')));
}

describe('agent-iam review of a log file', () => {
  test('the period, and the calls by agents and by others', async () => {
    const result = await reviewJson('--cloudtrail', LOG, '--check', CHECK);
    expect(result.period).toEqual({ from: '2026-11-02T07:59:30Z', to: '2026-11-30T16:45:00Z' });
    expect(result.files).toEqual([LOG]);
    // 19 records, one of them an AwsServiceEvent; Vault's AssumeRole and alice's ListBuckets are
    // no agent's.
    expect(result.calls).toBe(18);
    expect(result.otherCalls).toBe(2);
    expect(result.agents.map((a) => [a.name, a.matchedBy, a.calls])).toEqual([
      ['digest-writer', 'role', 2],
      ['helpdesk-runtime', 'none', 0],
      ['faq-assistant', 'none', 0],
      ['ticket-triager', 'role', 3],
      ['ticket-notifier', 'none', 0],
      ['calendar-scheduler', 'role', 7],
      ['finance-report-reader', 'role', 4],
    ]);
  });

  test('used, unused and denied grants per agent, and the smaller declaration', async () => {
    const result = await reviewJson('--cloudtrail', LOG, '--check', CHECK);
    const reader = agent(result, 'finance-report-reader');
    expect(used(reader)).toEqual([`s3:GetObject ${BUCKET}/monthly/* 3`]);
    expect(reader.used[0].on).toEqual([
      { arn: `${BUCKET}/monthly/2026-10.csv`, calls: 2 },
      { arn: `${BUCKET}/monthly/2026-10-summary.pdf`, calls: 1 },
    ]);
    expect(unused(reader)).toEqual([`s3:ListBucket ${BUCKET}`]);
    expect(denied(reader)).toEqual([
      `s3:PutObject ${BUCKET}/monthly/summary-notes.txt AccessDenied 1`,
    ]);
    expect(reader.proposal).toEqual({
      permissions: [{ actions: ['s3:GetObject'], resources: [`${BUCKET}/monthly/*`] }],
      unchanged: false,
    });
    expect(reader.notes).toEqual([]);

    const scheduler = agent(result, 'calendar-scheduler');
    expect(used(scheduler)).toEqual([
      `dynamodb:GetItem ${TABLE} 2`,
      `dynamodb:Query ${TABLE} 1`,
      `dynamodb:DescribeTable ${TABLE} 1`,
      `dynamodb:PutItem ${TABLE} 1`,
    ]);
    expect(unused(scheduler)).toEqual([
      `dynamodb:GetItem ${TABLE}/index/*`,
      `dynamodb:BatchGetItem ${TABLE}`,
      `dynamodb:BatchGetItem ${TABLE}/index/*`,
      `dynamodb:Query ${TABLE}/index/*`,
      `dynamodb:DescribeTable ${TABLE}/index/*`,
      `dynamodb:UpdateItem ${TABLE}`,
      `dynamodb:ConditionCheckItem ${TABLE}`,
    ]);
    expect(denied(scheduler)).toEqual([
      `dynamodb:DeleteItem ${TABLE} AccessDeniedException 1`,
      'ec2:DescribeInstances - Client.UnauthorizedOperation 1',
    ]);
    expect(scheduler.proposal.permissions).toEqual([
      {
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
        resources: [TABLE],
      },
      { actions: ['dynamodb:PutItem'], resources: [TABLE] },
    ]);

    const triager = agent(result, 'ticket-triager');
    expect(used(triager)).toEqual([
      `sqs:ReceiveMessage ${QUEUE} 2`,
      `sqs:DeleteMessage ${QUEUE} 1`,
    ]);
    expect(unused(triager)).toEqual([
      `sqs:ChangeMessageVisibility ${QUEUE}`,
      `sqs:GetQueueAttributes ${QUEUE}`,
      `sqs:GetQueueUrl ${QUEUE}`,
      `sns:Publish arn:aws:sns:eu-west-1:${ACCOUNT}:ticket-notices`,
    ]);
    expect(triager.proposal.permissions).toEqual([
      { actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], resources: [QUEUE] },
    ]);

    // monitoring.amazonaws.com is CloudWatch's; the declaration does not grant it.
    const writer = agent(result, 'digest-writer');
    expect(used(writer)).toEqual([`s3:PutObject ${BUCKET}/digests/* 1`]);
    expect(writer.undeclared).toEqual([
      { action: 'cloudwatch:PutMetricData', resources: [], calls: 1 },
    ]);
    expect(writer.proposal).toEqual({
      permissions: [{ actions: ['s3:PutObject'], resources: [`${BUCKET}/digests/*`] }],
      unchanged: true,
    });

    const notifier = agent(result, 'ticket-notifier');
    expect(notifier.proposal.permissions).toBeNull();
    expect(notifier.notes).toEqual([
      `no call by its role ${role('ticket-notifier')} in the events`,
      'no call in the period: nothing to propose (a declaration needs one statement); ask its owner whether the agent is still needed',
    ]);
  });

  test('text: a table per list, the permissions block to paste, the limits; exit 0', async () => {
    const check = checkFixture();
    const file = writeFile(
      'check.json',
      JSON.stringify({
        ...check,
        inventory: check.inventory.filter((a) => a.name === 'finance-report-reader'),
      }),
    );
    const r = await review(['--cloudtrail', LOG, '--check', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toEqual([]);
    expect(r.stdout).toEqual([
      'CloudTrail: 18 calls from 2026-11-02T07:59:30Z to 2026-11-30T16:45:00Z (1 file); 4 by 1 agent, 14 by other principals.',
      '',
      `finance-report-reader: 4 calls by role ${role('finance-report-reader')}, 1 denied`,
      '  Used (granted and called):',
      '    ACTION        RESOURCE                                                      CALLS',
      `    s3:GetObject  ${BUCKET}/monthly/*  3`,
      '  Granted, never used in the period:',
      '    ACTION         RESOURCE',
      `    s3:ListBucket  ${BUCKET}`,
      '  Denied:',
      '    ACTION        RESOURCE                                                                      ERROR         CALLS',
      `    s3:PutObject  ${BUCKET}/monthly/summary-notes.txt  AccessDenied  1`,
      '  Proposed permissions (paste in place of the declared ones; nothing was changed):',
      '    permissions: [',
      '      {',
      "        actions: ['s3:GetObject'],",
      `        resources: ['${BUCKET}/monthly/*'],`,
      '      },',
      '    ],',
      '',
      'Only calls CloudTrail recorded count: S3 object, DynamoDB item, Lambda invoke and SQS/SNS message calls are data events, logged only when the trail enables them; an action unused in this period may still be needed rarely.',
    ]);
  });

  test('on a terminal: headings in bold, denials in red, tables fitted to its width', async () => {
    const io = { ...recordingIo(), terminal: { columns: 60, color: true } };
    const check = checkFixture();
    const file = writeFile(
      'check.json',
      JSON.stringify({
        ...check,
        inventory: check.inventory.filter((a) => a.name === 'finance-report-reader'),
      }),
    );
    expect(await runReview(['--cloudtrail', LOG, '--check', file], io, () => '')).toBe(0);
    expect(io.stdout.slice(2, 9)).toEqual([
      `\u001b[1mfinance-report-reader\u001b[0m: 4 calls by role ${role('finance-report-reader')}, \u001b[31m1 denied\u001b[0m`,
      '  Used (granted and called):',
      '    \u001b[1mACTION        RESOURCE                             CALLS\u001b[0m',
      '    s3:GetObject  arn:aws:s3:::agent-iam-example-fin…  3',
      '\u001b[33m  Granted, never used in the period:\u001b[0m',
      '    \u001b[1mACTION         RESOURCE\u001b[0m',
      '    s3:ListBucket  arn:aws:s3:::agent-iam-example-finance-r…',
    ]);
  });

  test('the README shows this output', async () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const sample = readme
      .split('### Privilege review from real use: `agent-iam review`\n')[1]
      .split('```text\n')[1]
      .split('```')[0];
    const check = checkFixture();
    const file = writeFile(
      'check.json',
      JSON.stringify({
        ...check,
        inventory: check.inventory.filter((a) => a.name === 'finance-report-reader'),
      }),
    );
    const r = await review(['--cloudtrail', LOG, '--check', file]);
    expect(r.stdout.slice(2, -2)).toEqual(sample.trimEnd().split('\n'));
  });

  test('a role ARN the check could not know: the calls of sessions tagged agent=NAME are the agent’s', async () => {
    const check = checkFixture();
    const file = writeFile(
      'check-preview.json',
      JSON.stringify({
        ...check,
        inventory: check.inventory.map((a) =>
          ['ticket-triager', 'ticket-notifier'].includes(a.name) ? { ...a, roleArn: null } : a,
        ),
      }),
    );
    const result = await reviewJson('--cloudtrail', LOG, '--check', file);
    expect(agent(result, 'ticket-notifier').notes[0]).toBe(
      'the check does not know its role ARN (a preview of a new role) and no session in the events is tagged agent=ticket-notifier; review a check run with --update',
    );
    const triager = agent(result, 'ticket-triager');
    expect(triager.matchedBy).toBe('session-tag');
    expect(used(triager)).toEqual([
      `sqs:ReceiveMessage ${QUEUE} 2`,
      `sqs:DeleteMessage ${QUEUE} 1`,
    ]);
  });

  test('a web-identity session whose token tags it agent=NAME (principalTags) is the agent’s', async () => {
    const check = checkFixture();
    const file = writeFile(
      'check-web.json',
      JSON.stringify({
        ...check,
        inventory: check.inventory.map((a) =>
          a.name === 'helpdesk-runtime' ? { ...a, roleArn: null } : a,
        ),
      }),
    );
    const sessionArn = `arn:aws:sts::${ACCOUNT}:assumed-role/agent-helpdesk-runtime/web-1`;
    const events = writeFile(
      'web-identity.json',
      JSON.stringify({
        Records: [
          {
            eventTime: '2026-11-20T09:00:00Z',
            eventSource: 'sts.amazonaws.com',
            eventName: 'AssumeRoleWithWebIdentity',
            userIdentity: {
              type: 'WebIdentityUser',
              identityProvider: 'token.actions.example.com',
            },
            requestParameters: {
              roleArn: role('helpdesk-runtime'),
              roleSessionName: 'web-1',
              principalTags: { Agent: 'helpdesk-runtime' },
            },
            responseElements: {
              credentials: { accessKeyId: 'ASIA4EXAMPLEWEBID001' },
              assumedRoleUser: { arn: sessionArn },
            },
            eventType: 'AwsApiCall',
          },
          {
            eventTime: '2026-11-20T09:00:05Z',
            eventSource: 'bedrock.amazonaws.com',
            eventName: 'InvokeModel',
            awsRegion: 'eu-west-1',
            userIdentity: {
              type: 'AssumedRole',
              arn: sessionArn,
              accessKeyId: 'ASIA4EXAMPLEWEBID001',
            },
            requestParameters: { modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0' },
            eventType: 'AwsApiCall',
          },
        ],
      }),
    );
    const helpdesk = agent(
      await reviewJson('--cloudtrail', events, '--check', file),
      'helpdesk-runtime',
    );
    expect(helpdesk.matchedBy).toBe('session-tag');
    expect(used(helpdesk)).toEqual([`bedrock:InvokeModel ${HAIKU} 1`]);
  });

  test('a session tagged with an agent whose role is known but not the caller’s is not the agent’s', async () => {
    const log = JSON.parse(fs.readFileSync(LOG, 'utf8')) as { Records: Record<string, unknown>[] };
    // The triager's session, as if its calls came from another role.
    const records = log.Records.map(
      (r) =>
        JSON.parse(
          JSON.stringify(r).replaceAll(`role/agents/agent-ticket-triager"`, 'role/legacy-triager"'),
        ) as Record<string, unknown>,
    );
    const file = writeFile('moved.json', JSON.stringify({ Records: records }));
    const result = await reviewJson('--cloudtrail', file, '--check', CHECK);
    expect(agent(result, 'ticket-triager').matchedBy).toBe('none');
    expect(result.otherCalls).toBe(5);
  });

  test('standard input', async () => {
    const r = await review(
      ['--cloudtrail', '-', '--check', CHECK, '--json'],
      fs.readFileSync(LOG, 'utf8'),
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.join('\n')) as Review;
    expect(result.files).toEqual(['standard input']);
    expect(used(agent(result, 'finance-report-reader'))).toEqual([
      `s3:GetObject ${BUCKET}/monthly/* 3`,
    ]);
  });
});

describe('agent-iam review of gzipped log files', () => {
  test('a .json.gz log file reads as the .json', async () => {
    const gz = writeFile(
      `${ACCOUNT}_CloudTrail_eu-west-1_20261130T1650Z_Xb3.json.gz`,
      zlib.gzipSync(fs.readFileSync(LOG)),
    );
    const plain = await reviewJson('--cloudtrail', LOG, '--check', CHECK);
    const zipped = await reviewJson('--cloudtrail', gz, '--check', CHECK);
    expect(zipped).toEqual({ ...plain, files: [gz] });
  });

  test('a folder as a trail delivers it: every log file read, digest files skipped', async () => {
    const log = JSON.parse(fs.readFileSync(LOG, 'utf8')) as { Records: unknown[] };
    const root = path.join(tmp, 'AWSLogs');
    const day = (d: string) => path.join(root, ACCOUNT, 'CloudTrail', 'eu-west-1', '2026', '11', d);
    const first = path.join(day('02'), `${ACCOUNT}_CloudTrail_eu-west-1_20261102T0800Z_a1.json.gz`);
    const second = path.join(
      day('30'),
      `${ACCOUNT}_CloudTrail_eu-west-1_20261130T1650Z_b2.json.gz`,
    );
    const digest = path.join(
      root,
      ACCOUNT,
      'CloudTrail-Digest',
      'eu-west-1',
      '2026',
      '11',
      '30',
      `${ACCOUNT}_CloudTrail-Digest_eu-west-1_trail_us-east-1_20261130T170000Z.json.gz`,
    );
    for (const [file, value] of [
      [first, { Records: log.Records.slice(0, 10) }],
      [second, { Records: log.Records.slice(10) }],
      [digest, { awsAccountId: ACCOUNT, digestStartTime: '2026-11-30T16:00:00Z', logFiles: [] }],
    ] as const) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, zlib.gzipSync(JSON.stringify(value)));
    }
    const plain = await reviewJson('--cloudtrail', LOG, '--check', CHECK);
    const folder = await reviewJson('--cloudtrail', root, '--check', CHECK);
    expect(folder).toEqual({ ...plain, files: [first, second] });
  });
});

describe('agent-iam review of lookup-events', () => {
  test('Bedrock calls (Converse is InvokeModel), a denied model, GetQueueUrl by queue name', async () => {
    const result = await reviewJson('--cloudtrail', LOOKUP, '--check', CHECK);
    expect(result.period).toEqual({ from: '2026-11-20T09:14:03Z', to: '2026-11-22T08:00:00Z' });
    expect([result.calls, result.otherCalls]).toEqual([5, 1]);
    const helpdesk = agent(result, 'helpdesk-runtime');
    expect(used(helpdesk)).toEqual([
      `bedrock:InvokeModel ${HAIKU} 2`,
      `sqs:GetQueueUrl ${QUEUE} 1`,
    ]);
    expect(unused(helpdesk)).toEqual([
      `bedrock:InvokeModelWithResponseStream ${HAIKU}`,
      `sqs:ReceiveMessage ${QUEUE}`,
      `sqs:DeleteMessage ${QUEUE}`,
      `sqs:ChangeMessageVisibility ${QUEUE}`,
      `sqs:GetQueueAttributes ${QUEUE}`,
    ]);
    expect(denied(helpdesk)).toEqual([
      'bedrock:InvokeModel arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-opus-20240229-v1:0 AccessDeniedException 1',
    ]);
    expect(helpdesk.proposal.permissions).toEqual([
      { sid: 'InvokeOneModel', actions: ['bedrock:InvokeModel'], resources: [HAIKU] },
      { actions: ['sqs:GetQueueUrl'], resources: [QUEUE] },
    ]);
  });
});

describe('the proposal of a hand-written policy', () => {
  const record = (
    eventName: string,
    key: string | undefined,
    extra: Record<string, unknown> = {},
  ) => ({
    eventVersion: '1.11',
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/report-bot/s1`,
      accountId: ACCOUNT,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          arn: `arn:aws:iam::${ACCOUNT}:role/report-bot`,
          accountId: ACCOUNT,
        },
      },
    },
    eventTime: '2026-11-05T10:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName,
    awsRegion: 'eu-west-1',
    requestParameters: { bucketName: 'reports', ...(key ? { key } : {}) },
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...extra,
  });

  test('a pattern becomes the actions used; a condition is kept; a NotResource statement keeps only the ARNs used', async () => {
    const check = checkFixture();
    const file = writeFile(
      'hand.json',
      JSON.stringify({
        ...check,
        inventory: [
          {
            ...check.inventory[0],
            name: 'report-bot',
            declaredBy: 'hand',
            roleArn: `arn:aws:iam::${ACCOUNT}:role/report-bot`,
            statements: [
              {
                source: 'inline:read',
                actions: ['s3:Get*'],
                resources: ['arn:aws:s3:::reports/*'],
              },
              {
                source: 'inline:list',
                actions: ['s3:ListBucket'],
                resources: ['arn:aws:s3:::reports'],
                conditions: { StringLike: { 's3:prefix': ['daily/*'] } },
              },
              {
                source: 'inline:write',
                actions: ['s3:PutObject'],
                resources: ['*'],
                notResources: ['arn:aws:s3:::reports/locked/*'],
              },
            ],
          },
        ],
      }),
    );
    const events = writeFile(
      'hand-events.json',
      JSON.stringify({
        Records: [
          record('GetObject', 'daily/a.csv'),
          record('HeadObject', 'daily/b.csv'),
          record('GetObjectTagging', 'daily/a.csv'),
          record('ListObjectsV2', undefined, { eventTime: '2026-11-06T10:00:00Z' }),
          record('PutObject', 'daily/out.csv'),
          record('PutObject', 'locked/x.csv', { errorCode: 'AccessDenied' }),
        ],
      }),
    );
    const result = await reviewJson('--cloudtrail', events, '--check', file);
    const bot = agent(result, 'report-bot');
    expect(used(bot)).toEqual([
      's3:Get* arn:aws:s3:::reports/* 3',
      's3:ListBucket arn:aws:s3:::reports 1',
      's3:PutObject * 1',
    ]);
    expect(bot.used[0].actions).toEqual(['s3:GetObject', 's3:GetObjectTagging']);
    expect(denied(bot)).toEqual(['s3:PutObject arn:aws:s3:::reports/locked/x.csv AccessDenied 1']);
    expect(bot.proposal.permissions).toEqual([
      { actions: ['s3:GetObject', 's3:GetObjectTagging'], resources: ['arn:aws:s3:::reports/*'] },
      {
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::reports'],
        conditions: { StringLike: { 's3:prefix': ['daily/*'] } },
      },
      { actions: ['s3:PutObject'], resources: ['arn:aws:s3:::reports/daily/out.csv'] },
    ]);
  });
});

describe('a smaller declaration the check then passes', () => {
  const IN_30_DAYS = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const program = (finance: string, calendar: string) => `
import { AgentFleet, grants } from ${JSON.stringify(path.join(REPO_ROOT, 'components'))};
new AgentFleet('agents', {
  vaultPrincipalArn: 'arn:aws:iam::${ACCOUNT}:role/vault-secrets-engine',
  awsSecretsEngine: { mode: 'existing', path: 'aws-agents' },
  appRoleAuth: { mode: 'create', path: 'agents' },
  agents: [
    {
      name: 'finance-report-reader',
      owner: 'team:finance',
      purpose: 'Summarises the monthly finance reports for the leadership digest',
      expiresOn: '${IN_30_DAYS}',
      permissions: ${finance},
    },
    {
      name: 'calendar-scheduler',
      owner: 'maria.lopez@example.com',
      purpose: 'Books and moves team meetings in the shared calendar table',
      expiresOn: '${IN_30_DAYS}',
      permissions: ${calendar},
    },
  ],
});
`;

  test('review --program proposes it from the events; check passes it; exit 0', async () => {
    const before = writeProgram({
      'Pulumi.yaml': 'name: review-before\nruntime: nodejs\n',
      'index.ts': program(
        `[
        ...grants.s3.readObjects('agent-iam-example-finance-reports-dev', { prefix: 'monthly/' }),
        ...grants.s3.writeObjects('agent-iam-example-finance-reports-dev', { prefix: 'monthly/' }),
      ]`,
        `[
        ...grants.dynamodb.readItems('team-calendar', '${ACCOUNT}', 'eu-west-1'),
        ...grants.dynamodb.writeItems('team-calendar', '${ACCOUNT}', 'eu-west-1'),
      ]`,
      ),
    });
    const r = await review([
      '--cloudtrail',
      LOG,
      '--program',
      before,
      '--policy-config',
      REPO_CONFIG,
      '--json',
    ]);
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.join('\n')) as Review;
    // The program also grants writes under monthly/; the one PutObject there was denied (by a
    // policy outside the program), so the write grant counts as never used.
    expect(unused(agent(result, 'finance-report-reader'))).toEqual([
      `s3:ListBucket ${BUCKET}`,
      `s3:PutObject ${BUCKET}/monthly/*`,
    ]);
    expect(agent(result, 'finance-report-reader').notes).toEqual([
      '1 denied call is granted by its declaration: something else denied it (the kill switch, a permissions boundary, an SCP or a resource policy)',
    ]);
    const proposed = (name: string) => {
      const permissions = agent(result, name).proposal.permissions;
      if (!permissions) throw new Error(`no proposal for ${name}`);
      return permissions;
    };
    expect(proposed('finance-report-reader')).toEqual([
      { actions: ['s3:GetObject'], resources: [`${BUCKET}/monthly/*`] },
    ]);
    expect(proposed('calendar-scheduler')).toEqual([
      {
        actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'],
        resources: [TABLE],
      },
      { actions: ['dynamodb:PutItem'], resources: [TABLE] },
    ]);

    const after = writeProgram({
      'Pulumi.yaml': 'name: review-after\nruntime: nodejs\n',
      'index.ts': program(
        JSON.stringify(proposed('finance-report-reader')),
        JSON.stringify(proposed('calendar-scheduler')),
      ),
    });
    const run = await runCheckBinary([
      '--program',
      after,
      '--policy-config',
      REPO_CONFIG,
      '--json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const checked = CheckReportSchema.parse(JSON.parse(run.stdout));
    expect(checked.inventory.map((a) => [a.name, a.statements])).toEqual([
      ['finance-report-reader', proposed('finance-report-reader')],
      ['calendar-scheduler', proposed('calendar-scheduler')],
    ]);
  }, 180_000);
});

describe('bad input: exit 2, the file and what is wrong named', () => {
  const errorOf = async (args: string[], stdin = '') => {
    const r = await review(args, stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
    return r.stderr.join('\n');
  };

  test.each([
    {
      case: 'no such file',
      content: undefined,
      message: (f: string) => `agent-iam review: ${f}: cannot read (no such file or folder).`,
    },
    {
      case: 'not JSON',
      content: '{"Records": [',
      message: (f: string) =>
        `agent-iam review: ${f}: not valid JSON (Unexpected end of JSON input).`,
    },
    {
      case: 'JSON, not CloudTrail',
      content: JSON.stringify({ inventory: [] }),
      message: (f: string) =>
        `agent-iam review: ${f}: not CloudTrail events: expected the output of \`aws cloudtrail lookup-events\` ({"Events": [...]}) or a CloudTrail log file ({"Records": [...]}); it is an object with keys "inventory".`,
    },
    {
      case: 'a record without eventName',
      content: JSON.stringify({
        Records: [{ eventSource: 's3.amazonaws.com', eventTime: '2026-11-02T08:00:00Z' }],
      }),
      message: (f: string) =>
        `agent-iam review: ${f}: Records[0].eventName: missing; every CloudTrail record has one.`,
    },
    {
      case: 'a bad eventTime',
      content: JSON.stringify({
        Records: [{ eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: 'soon' }],
      }),
      message: (f: string) =>
        `agent-iam review: ${f}: Records[0].eventTime: "soon" is not a time; CloudTrail writes e.g. "2026-11-03T10:15:00Z".`,
    },
    {
      case: 'lookup-events without CloudTrailEvent',
      content: JSON.stringify({ Events: [{ EventId: 'e1', EventName: 'GetObject' }] }),
      message: (f: string) =>
        `agent-iam review: ${f}: Events[0].CloudTrailEvent: missing; \`lookup-events\` prints each event's record there as a JSON string, save its output as it is.`,
    },
    {
      case: 'lookup-events with a CloudTrailEvent that is not JSON',
      content: JSON.stringify({ Events: [{ CloudTrailEvent: '{"eventName"' }] }),
      message: (f: string) =>
        `agent-iam review: ${f}: Events[0].CloudTrailEvent: not valid JSON (Expected ':' after property name in JSON at position 12).`,
    },
    {
      case: 'a broken gzip file',
      content: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]),
      message: (f: string) =>
        `agent-iam review: ${f}: a gzip file that cannot be unpacked (unexpected end of file).`,
    },
  ])('$case', async ({ content, message }) => {
    const file =
      content === undefined ? path.join(tmp, 'missing.json') : writeFile('bad.json', content);
    expect(await errorOf(['--cloudtrail', file, '--check', CHECK])).toBe(message(file));
  });

  test('a folder with no log files', async () => {
    const dir = path.join(tmp, 'empty-trail');
    fs.mkdirSync(dir);
    expect(await errorOf(['--cloudtrail', dir, '--check', CHECK])).toBe(
      `agent-iam review: ${dir}: holds no CloudTrail log files (*.json or *.json.gz); expected the output of \`aws cloudtrail lookup-events\` ({"Events": [...]}) or a CloudTrail log file ({"Records": [...]}).`,
    );
  });

  test('empty standard input', async () => {
    expect(await errorOf(['--cloudtrail', '-', '--check', CHECK], '  \n')).toBe(
      'agent-iam review: standard input: is empty.',
    );
  });

  test('a program that is not there', async () => {
    const missing = path.join(tmp, 'no-program');
    expect(await errorOf(['--cloudtrail', LOG, '--program', missing])).toBe(
      `agent-iam review: the program ${missing} could not be checked: --program ${missing}: no such file or folder.`,
    );
  });

  test('the check is not a check output', async () => {
    expect(await errorOf(['--cloudtrail', LOG, '--check', LOG])).toBe(
      `agent-iam review: ${LOG}: not the output of \`agent-iam check --json\` (no "inventory"); save it with \`agent-iam check --json > check.json\`.`,
    );
  });

  test.each([
    {
      case: 'no --cloudtrail',
      args: ['--check', CHECK],
      first:
        'agent-iam review: --cloudtrail EVENTS is missing: name the CloudTrail events to review.',
    },
    {
      case: 'neither --check nor --program',
      args: ['--cloudtrail', LOG],
      first:
        'agent-iam review: name the declared agents with --check FILE (a saved `agent-iam check --json`) or --program PATH.',
    },
    {
      case: 'both --check and --program',
      args: ['--cloudtrail', LOG, '--check', CHECK, '--program', '.'],
      first: 'agent-iam review: --check and --program both name the declared agents; give one.',
    },
    {
      case: 'a program option with --check',
      args: ['--cloudtrail', LOG, '--check', CHECK, '--stack', 'prod'],
      first:
        'agent-iam review: --stack applies to --program; a saved check already holds its result.',
    },
    {
      case: 'both from standard input',
      args: ['--cloudtrail', '-', '--check', '-'],
      first:
        'agent-iam review: --cloudtrail and --check cannot both read standard input; save one to a file.',
    },
    {
      case: 'an unknown option',
      args: ['--cloudtrail', LOG, '--check', CHECK, '--since', '7d'],
      first: 'agent-iam review: unknown option "--since".',
    },
  ])('usage: $case', async ({ args, first }) => {
    const message = await errorOf(args);
    expect(message.split('\n')[0]).toBe(first);
    expect(message).toContain('Exit codes: 0 printed; 2 bad input');
  });

  test('--help prints the usage with the exit codes; exit 0', async () => {
    const r = await review(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.join('\n')).toMatch(
      /^Usage: agent-iam review --cloudtrail EVENTS[\s\S]*Exit codes: 0 printed; 2 bad input: EVENTS or the check unreadable or not in a known format, the\nprogram failed, or the command line is wrong\.$/,
    );
  });
});
