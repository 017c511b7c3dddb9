/**
 * AgentAuditTrail: the locked log bucket, the trail, the alert rules, the burst alarm and the
 * Vault audit device, with their key properties; and arguments refused before anything exists.
 */
import type * as Components from '../../components';
import {
  daysFromToday,
  installMocks,
  recorded,
  resourcesNamed,
  settled,
  valueOf,
} from '../support/pulumi-mocks';
import { ACCOUNT_ID, REGION, VAULT_PRINCIPAL_ARN } from '../support/constants';
import { COMPONENT_TYPES } from '../../policy-pack/lib/conventions';

let components: typeof Components;

beforeAll(async () => {
  await installMocks();
  components = await import('../../components');
});

const AGENTS_PREFIX = `arn:aws:iam::${ACCOUNT_ID}:role/agents/`;
const LEGACY = `arn:aws:iam::${ACCOUNT_ID}:role/legacy-bot`;
const RETIRED = `arn:aws:iam::${ACCOUNT_ID}:role/retired-bot`;
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT_ID}:trail/audit`;

function agent(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    owner: 'jane@example.com',
    purpose: `Does the ${name} job`,
    expiresOn: daysFromToday(20),
    permissions: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }],
    ...overrides,
  };
}

function fleetOf(name: string, agents: ReturnType<typeof agent>[]): Components.AgentFleet {
  return new components.AgentFleet(name, {
    vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
    awsSecretsEngine: { mode: 'existing', path: 'aws' },
    appRoleAuth: { mode: 'existing', path: 'approle', accessor: 'auth_approle_1234' },
    agents,
  });
}

/** The children of component `name`: Pulumi name → type and inputs. */
function children(name: string) {
  return new Map(resourcesNamed(name).map((r) => [r.name, { type: r.type, inputs: r.inputs }]));
}

type Children = ReturnType<typeof children>;
const inputs = (created: Children, name: string) => {
  const child = created.get(name);
  if (!child) throw new Error(`no child ${name}`);
  return child.inputs;
};
const json = (created: Children, name: string, key: string): unknown =>
  JSON.parse(inputs(created, name)[key] as string);

async function build(name: string, args: Components.AgentAuditTrailArgs) {
  const trail = new components.AgentAuditTrail(name, args);
  await valueOf(trail.alertTopicArn);
  await settled();
  return { trail, created: children(name) };
}

describe('AgentAuditTrail with agents of every status', () => {
  let trail: Components.AgentAuditTrail;
  let created: Children;

  beforeAll(async () => {
    const fleet = fleetOf('watched', [
      agent('reader'),
      agent('paused', { suspended: true }),
      agent('lapsed', { expiresOn: daysFromToday(-3) }),
    ]);
    ({ trail, created } = await build('audit', {
      retention: { years: 7 },
      agents: [
        ...fleet.agents,
        { roleArn: LEGACY, status: 'active' },
        { roleArn: RETIRED, status: 'suspended' },
      ],
    }));
  });

  test('creates exactly the bucket, trail, rules, alarm, topic and Vault audit device', () => {
    expect([...created].map(([name, r]) => [name, r.type]).sort()).toEqual([
      ['audit', COMPONENT_TYPES.auditTrail],
      ['audit-alerts', 'aws:sns/topic:Topic'],
      ['audit-alerts-policy', 'aws:sns/topicPolicy:TopicPolicy'],
      ['audit-denied-calls', 'aws:cloudwatch/eventRule:EventRule'],
      ['audit-denied-calls-burst', 'aws:cloudwatch/metricAlarm:MetricAlarm'],
      ['audit-denied-calls-filter', 'aws:cloudwatch/logMetricFilter:LogMetricFilter'],
      ['audit-denied-calls-target', 'aws:cloudwatch/eventTarget:EventTarget'],
      ['audit-inactive-agent-calls', 'aws:cloudwatch/eventRule:EventRule'],
      ['audit-inactive-agent-calls-target', 'aws:cloudwatch/eventTarget:EventTarget'],
      ['audit-logs', 'aws:s3/bucket:Bucket'],
      [
        'audit-logs-encryption',
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      ],
      ['audit-logs-lock', 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration'],
      ['audit-logs-policy', 'aws:s3/bucketPolicy:BucketPolicy'],
      ['audit-logs-public-access', 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock'],
      ['audit-trail', 'aws:cloudtrail/trail:Trail'],
      ['audit-trail-logs', 'aws:cloudwatch/logGroup:LogGroup'],
      ['audit-trail-logs-policy', 'aws:iam/rolePolicy:RolePolicy'],
      ['audit-trail-logs-role', 'aws:iam/role:Role'],
      ['audit-vault-audit', 'vault:index/audit:Audit'],
    ]);
  });

  test('the bucket has Object Lock in COMPLIANCE mode for 7 years, no public access, and SSE', () => {
    expect(inputs(created, 'audit-logs')).toEqual({
      objectLockEnabled: true,
      tags: { 'agent:managed-by': 'agent-iam' },
    });
    expect(inputs(created, 'audit-logs-lock')).toEqual({
      bucket: 'audit-logs-id',
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'COMPLIANCE', years: 7 } },
    });
    expect(inputs(created, 'audit-logs-public-access')).toEqual({
      bucket: 'audit-logs-id',
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(inputs(created, 'audit-logs-encryption')).toEqual({
      bucket: 'audit-logs-id',
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
  });

  test('the bucket policy lets only this trail check the ACL and write, and denies plain HTTP', () => {
    const bucket = 'arn:aws:s3:::audit-logs-bucket';
    expect(json(created, 'audit-logs-policy', 'policy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: bucket,
          Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
        },
        {
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${bucket}/AWSLogs/${ACCOUNT_ID}/*`,
          Condition: {
            StringEquals: {
              's3:x-amz-acl': 'bucket-owner-full-control',
              'aws:SourceArn': TRAIL_ARN,
            },
          },
        },
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucket, `${bucket}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
  });

  test('the trail validates its log files, covers every region and global events, and feeds the log group', () => {
    expect(inputs(created, 'audit-trail')).toEqual({
      name: 'audit',
      s3BucketName: 'audit-logs-id',
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/cloudtrail/audit:*`,
      cloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/audit-trail-logs-role`,
      tags: { 'agent:managed-by': 'agent-iam' },
    });
    expect(json(created, 'audit-trail-logs-role', 'assumeRolePolicy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
        },
      ],
    });
    expect(json(created, 'audit-trail-logs-policy', 'policy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DeliverTrailToLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/aws/cloudtrail/audit:log-stream:*`,
        },
      ],
    });
    expect(inputs(created, 'audit-trail-logs')).toEqual({
      name: '/aws/cloudtrail/audit',
      retentionInDays: 30,
      tags: { 'agent:managed-by': 'agent-iam' },
    });
  });

  test('denied calls: AccessDenied* or *UnauthorizedOperation by any /agents/ role or listed role outside it', () => {
    expect(inputs(created, 'audit-denied-calls').state).toBe(
      'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
    );
    expect(json(created, 'audit-denied-calls', 'eventPattern')).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        errorCode: [{ prefix: 'AccessDenied' }, { suffix: 'UnauthorizedOperation' }],
        userIdentity: {
          sessionContext: {
            sessionIssuer: { arn: [{ prefix: AGENTS_PREFIX }, LEGACY, RETIRED] },
          },
        },
      },
    });
  });

  test('inactive agents: any call by the suspended, the expired and the listed suspended role', () => {
    expect(inputs(created, 'audit-inactive-agent-calls').state).toBe(
      'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
    );
    expect(json(created, 'audit-inactive-agent-calls', 'eventPattern')).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        userIdentity: {
          sessionContext: {
            sessionIssuer: {
              arn: [`${AGENTS_PREFIX}agent-lapsed`, `${AGENTS_PREFIX}agent-paused`, RETIRED],
            },
          },
        },
      },
    });
  });

  test('both rules target the SNS topic, which lets only them and the alarm publish', () => {
    const topicArn = `arn:aws:sns:${REGION}:${ACCOUNT_ID}:audit-alerts`;
    expect(inputs(created, 'audit-denied-calls-target')).toEqual({
      rule: 'audit-denied-calls',
      arn: topicArn,
    });
    expect(inputs(created, 'audit-inactive-agent-calls-target')).toEqual({
      rule: 'audit-inactive-agent-calls',
      arn: topicArn,
    });
    const rule = (n: string) => `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/${n}`;
    expect(json(created, 'audit-alerts-policy', 'policy')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'EventBridgePublishesAgentAlerts',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: {
            ArnEquals: {
              'aws:SourceArn': [rule('audit-denied-calls'), rule('audit-inactive-agent-calls')],
            },
          },
        },
        {
          Sid: 'CloudWatchPublishesBurstAlarm',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: topicArn,
          Condition: {
            ArnEquals: {
              'aws:SourceArn': `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:audit-denied-calls-burst`,
            },
          },
        },
      ],
    });
  });

  test('the burst alarm: 5 denied agent calls within 5 minutes, counted by a metric filter', () => {
    expect(inputs(created, 'audit-denied-calls-filter')).toEqual({
      logGroupName: '/aws/cloudtrail/audit',
      pattern:
        `{ ($.userIdentity.sessionContext.sessionIssuer.arn = "${AGENTS_PREFIX}*" || ` +
        `$.userIdentity.sessionContext.sessionIssuer.arn = "${LEGACY}" || ` +
        `$.userIdentity.sessionContext.sessionIssuer.arn = "${RETIRED}") && ` +
        `($.errorCode = "AccessDenied*" || $.errorCode = "*UnauthorizedOperation") }`,
      metricTransformation: {
        namespace: 'AgentIam',
        name: 'AgentDeniedCalls-audit',
        value: '1',
        defaultValue: '0',
      },
    });
    expect(inputs(created, 'audit-denied-calls-burst')).toEqual({
      alarmDescription: '5 or more calls denied to agents within 5 minutes',
      namespace: 'AgentIam',
      metricName: 'AgentDeniedCalls-audit',
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 5,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: [`arn:aws:sns:${REGION}:${ACCOUNT_ID}:audit-alerts`],
      tags: { 'agent:managed-by': 'agent-iam' },
    });
  });

  test('the Vault audit device is a JSON file device at the default path', () => {
    expect(inputs(created, 'audit-vault-audit')).toEqual({
      type: 'file',
      path: 'agent-iam-audit',
      description: 'Every Vault request and response of the agents, HMAC-ed (agent-iam)',
      options: { file_path: '/var/log/vault/agent-iam-audit.log', format: 'json' },
    });
  });

  test('outputs', async () => {
    expect(await valueOf(trail.trailArn)).toBe(TRAIL_ARN);
    expect(await valueOf(trail.bucketName)).toBe('audit-logs-id');
    expect(await valueOf(trail.inactiveAgentsRuleArn)).toBe(
      `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/audit-inactive-agent-calls`,
    );
    expect(await valueOf(trail.burstAlarmArn)).toBe(
      `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:audit-denied-calls-burst`,
    );
    expect(trail.vaultAuditPath).toBe('agent-iam-audit');
    expect(trail.retention).toEqual({ years: 7 });
  });
});

describe('AgentAuditTrail, minimal: retention in days, no burst alarm, a socket device', () => {
  let trail: Components.AgentAuditTrail;
  let created: Children;

  beforeAll(async () => {
    ({ trail, created } = await build('lean', {
      retention: { days: 400 },
      burstAlarm: false,
      trailName: 'agents-trail',
      vaultAudit: { type: 'socket', address: 'siem.internal:9090' },
      tags: { team: 'security' },
    }));
  });

  test('no log group, delivery role, filter, alarm or inactive-agent rule', () => {
    expect([...created].map(([name, r]) => [name, r.type]).sort()).toEqual([
      ['lean', COMPONENT_TYPES.auditTrail],
      ['lean-alerts', 'aws:sns/topic:Topic'],
      ['lean-alerts-policy', 'aws:sns/topicPolicy:TopicPolicy'],
      ['lean-denied-calls', 'aws:cloudwatch/eventRule:EventRule'],
      ['lean-denied-calls-target', 'aws:cloudwatch/eventTarget:EventTarget'],
      ['lean-logs', 'aws:s3/bucket:Bucket'],
      [
        'lean-logs-encryption',
        'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
      ],
      ['lean-logs-lock', 'aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration'],
      ['lean-logs-policy', 'aws:s3/bucketPolicy:BucketPolicy'],
      ['lean-logs-public-access', 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock'],
      ['lean-trail', 'aws:cloudtrail/trail:Trail'],
      ['lean-vault-audit', 'vault:index/audit:Audit'],
    ]);
  });

  test('the retention is in days; the trail has its own name and no log group', () => {
    expect(inputs(created, 'lean-logs-lock').rule).toEqual({
      defaultRetention: { mode: 'COMPLIANCE', days: 400 },
    });
    expect(inputs(created, 'lean-trail')).toEqual({
      name: 'agents-trail',
      s3BucketName: 'lean-logs-id',
      enableLogFileValidation: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogging: true,
      tags: { team: 'security', 'agent:managed-by': 'agent-iam' },
    });
    expect(json(created, 'lean-denied-calls', 'eventPattern')).toEqual({
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        errorCode: [{ prefix: 'AccessDenied' }, { suffix: 'UnauthorizedOperation' }],
        userIdentity: { sessionContext: { sessionIssuer: { arn: [{ prefix: AGENTS_PREFIX }] } } },
      },
    });
  });

  test('only the denied-calls rule may publish', () => {
    const policy = json(created, 'lean-alerts-policy', 'policy') as {
      Statement: { Sid: string; Condition: unknown }[];
    };
    expect(policy.Statement.map((s) => [s.Sid, s.Condition])).toEqual([
      [
        'EventBridgePublishesAgentAlerts',
        {
          ArnEquals: {
            'aws:SourceArn': `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/lean-denied-calls`,
          },
        },
      ],
    ]);
  });

  test('the socket device sends JSON over TCP', async () => {
    expect(inputs(created, 'lean-vault-audit')).toEqual({
      type: 'socket',
      path: 'agent-iam-audit',
      description: 'Every Vault request and response of the agents, HMAC-ed (agent-iam)',
      options: { address: 'siem.internal:9090', socket_type: 'tcp', format: 'json' },
    });
    expect(await valueOf(trail.inactiveAgentsRuleArn)).toBeUndefined();
    expect(await valueOf(trail.burstAlarmArn)).toBeUndefined();
  });
});

describe('AgentAuditTrail refuses wrong arguments before creating anything', () => {
  const header = (name: string) => `AgentAuditTrail "${name}": invalid declaration\n`;

  test.each([
    {
      case: 'no retention',
      name: 'bad-one',
      args: {},
      message:
        "✖ is missing; set exactly one of days or years, e.g. { years: 7 } (logs cannot be deleted before it ends, even by the account's root user)\n  → at retention",
    },
    {
      case: 'retention in both days and years',
      name: 'bad-two',
      args: { retention: { days: 30, years: 1 } },
      message:
        '✖ {"days":30,"years":1} is not a retention; set exactly one of days or years, e.g. { years: 7 } (logs cannot be deleted before it ends, even by the account\'s root user)\n  → at retention',
    },
    {
      case: 'zero days',
      name: 'bad-three',
      args: { retention: { days: 0 } },
      message:
        '✖ 0 is not a whole number of days from 1 to 36500; use e.g. 365\n  → at retention.days',
    },
    {
      case: 'more than 100 years',
      name: 'bad-four',
      args: { retention: { years: 101 } },
      message:
        '✖ 101 is not a whole number of years from 1 to 100; use e.g. 7\n  → at retention.years',
    },
    {
      case: 'a status that is not one',
      name: 'bad-five',
      args: { retention: { years: 1 }, agents: [{ roleArn: LEGACY, status: 'paused' }] },
      message:
        '✖ "paused" is not an agent status; use "active", "suspended" or "expired" (an Agent\'s status)\n  → at agents[0].status',
    },
    {
      case: 'a role ARN that is not one',
      name: 'bad-six',
      args: { retention: { years: 1 }, agents: [{ roleArn: 'agent-x', status: 'active' }] },
      message:
        '✖ "agent-x" is not an IAM role ARN; pass agent.roleArn or e.g. "arn:aws:iam::123456789012:role/agents/agent-ticket-triager"\n  → at agents[0].roleArn',
    },
    {
      case: 'a socket device without an address',
      name: 'bad-seven',
      args: { retention: { years: 1 }, vaultAudit: { type: 'socket' } },
      message:
        '✖ is missing: set the collector\'s address, e.g. "siem.internal:9090"\n  → at vaultAudit.address',
    },
    {
      case: 'a relative audit file path',
      name: 'bad-eight',
      args: { retention: { years: 1 }, vaultAudit: { type: 'file', filePath: 'audit.log' } },
      message:
        '✖ "audit.log" is not an absolute path; use e.g. "/var/log/vault/agent-iam-audit.log", or "stdout"\n  → at vaultAudit.filePath',
    },
    {
      case: 'a burst threshold that is not a whole number',
      name: 'bad-nine',
      args: { retention: { years: 1 }, burstAlarm: { threshold: 2.5 } },
      message:
        '✖ 2.5 is not a whole number of denied calls from 1 to 10000; use e.g. 5\n  → at burstAlarm.threshold',
    },
    {
      case: 'a component name that cannot name the trail',
      name: 'a',
      args: { retention: { years: 1 } },
      message:
        '✖ is not set, and the component\'s name is not a CloudTrail trail name; use 3 to 128 letters, digits, ".", "_" and "-", starting and ending with a letter or digit, e.g. "agent-audit"; set trailName\n  → at trailName',
    },
    {
      case: 'a misspelt field',
      name: 'bad-ten',
      args: { retention: { years: 1 }, retentionDays: 3 },
      message:
        '✖ "retentionDays" is not a field; the fields are retention, agents, burstAlarm, vaultAudit, trailName, tags',
    },
  ])('$case', ({ name, args, message }) => {
    expect(
      () => new components.AgentAuditTrail(name, args as unknown as Components.AgentAuditTrailArgs),
    ).toThrow(header(name) + message);
    expect(recorded.filter((r) => r.name === name || r.name.startsWith(`${name}-`))).toEqual([]);
  });
});
