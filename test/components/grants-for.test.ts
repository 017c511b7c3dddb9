/**
 * The grant helpers with one signature, `(resource, options)`: their exact statements, every action
 * in the IAM catalogue, nothing the engine finds over-permissioned, and literal names known at
 * preview (plain strings, no Output).
 */
import * as pulumi from '@pulumi/pulumi';
import { GrantArgumentError, grants, type GrantStatement } from '../../components/grants';
import { permissionsDocument } from '../../components/documents';
import { judgePolicy, lookupAction } from '../../policy-pack/engine';
import { installMocks, valueOf } from '../support/pulumi-mocks';

beforeAll(async () => {
  await installMocks();
});

const at = { account: '123456789012', region: 'eu-west-1' };

const CASES: { helper: string; statements: () => GrantStatement[]; expected: GrantStatement[] }[] =
  [
    {
      helper: 's3.readPrefix',
      statements: () => grants.s3.readPrefix('reports', { prefix: 'q3/' }),
      expected: [
        { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/q3/*'] },
        {
          actions: ['s3:ListBucket'],
          resources: ['arn:aws:s3:::reports'],
          conditions: { StringLike: { 's3:prefix': ['q3/*'] } },
        },
      ],
    },
    {
      helper: 's3.writePrefix',
      statements: () => grants.s3.writePrefix('reports', { prefix: 'digests/' }),
      expected: [{ actions: ['s3:PutObject'], resources: ['arn:aws:s3:::reports/digests/*'] }],
    },
    {
      helper: 'dynamodb.readItems with LeadingKeys',
      statements: () =>
        grants.dynamodb.readItems('calendar', {
          ...at,
          leadingKeys: ['${aws:PrincipalTag/on-behalf-of}'],
        }),
      expected: [
        {
          actions: [
            'dynamodb:GetItem',
            'dynamodb:BatchGetItem',
            'dynamodb:Query',
            'dynamodb:DescribeTable',
          ],
          resources: [
            'arn:aws:dynamodb:eu-west-1:123456789012:table/calendar',
            'arn:aws:dynamodb:eu-west-1:123456789012:table/calendar/index/*',
          ],
          conditions: {
            'ForAllValues:StringEquals': {
              'dynamodb:LeadingKeys': ['${aws:PrincipalTag/on-behalf-of}'],
            },
          },
        },
      ],
    },
    {
      helper: 'dynamodb.writeItems',
      statements: () => grants.dynamodb.writeItems('calendar', at),
      expected: [
        {
          actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
          resources: ['arn:aws:dynamodb:eu-west-1:123456789012:table/calendar'],
        },
      ],
    },
    {
      helper: 'sqs.send',
      statements: () => grants.sqs.send('jobs', at),
      expected: [
        {
          actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
          resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'],
        },
      ],
    },
    {
      helper: 'sqs.consume',
      statements: () => grants.sqs.consume('jobs', at),
      expected: [
        {
          actions: [
            'sqs:ReceiveMessage',
            'sqs:DeleteMessage',
            'sqs:ChangeMessageVisibility',
            'sqs:GetQueueAttributes',
            'sqs:GetQueueUrl',
          ],
          resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'],
        },
      ],
    },
    {
      helper: 'sns.publish',
      statements: () => grants.sns.publish('alerts', at),
      expected: [
        { actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:123456789012:alerts'] },
      ],
    },
    {
      helper: 'secretsManager.readSecret (the random suffix)',
      statements: () => grants.secretsManager.readSecret('agents/triager/api-key', at),
      expected: [
        {
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [
            'arn:aws:secretsmanager:eu-west-1:123456789012:secret:agents/triager/api-key-??????',
          ],
        },
      ],
    },
    {
      helper: 'ssm.readPath',
      statements: () => grants.ssm.readPath('/agents/triager/', at),
      expected: [
        {
          actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          resources: [
            'arn:aws:ssm:eu-west-1:123456789012:parameter/agents/triager',
            'arn:aws:ssm:eu-west-1:123456789012:parameter/agents/triager/*',
          ],
        },
      ],
    },
    {
      helper: 'kms.decryptVia',
      statements: () =>
        grants.kms.decryptVia('1234abcd-12ab-34cd-56ef-1234567890ab', {
          ...at,
          service: 'secretsmanager',
        }),
      expected: [
        {
          actions: ['kms:Decrypt'],
          resources: [
            'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          ],
          conditions: {
            StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' },
          },
        },
      ],
    },
    {
      helper: 'bedrock.invokeModels',
      statements: () =>
        grants.bedrock.invokeModels(
          [
            'anthropic.claude-3-5-haiku-20241022-v1:0',
            'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0',
          ],
          at,
        ),
      expected: [
        {
          actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
          resources: [
            'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0',
            'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0',
          ],
        },
      ],
    },
    {
      helper: 'agentcore.invokeRuntime',
      statements: () => grants.agentcore.invokeRuntime('helpdesk_runtime-a1b2c3d4e5', at),
      expected: [
        {
          actions: ['bedrock-agentcore:InvokeAgentRuntime'],
          resources: [
            'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/helpdesk_runtime-a1b2c3d4e5',
          ],
        },
      ],
    },
    {
      helper: 'agentcore.invokeGateway',
      statements: () => grants.agentcore.invokeGateway('tools-gw-abc123', at),
      expected: [
        {
          actions: ['bedrock-agentcore:InvokeGateway'],
          resources: ['arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/tools-gw-abc123'],
        },
      ],
    },
    {
      helper: 'lambda.invoke',
      statements: () => grants.lambda.invoke('summarise', at),
      expected: [
        {
          actions: ['lambda:InvokeFunction'],
          resources: [
            'arn:aws:lambda:eu-west-1:123456789012:function:summarise',
            'arn:aws:lambda:eu-west-1:123456789012:function:summarise:*',
          ],
        },
      ],
    },
    {
      helper: 'logs.writeTo',
      statements: () => grants.logs.writeTo('/agents/triager', at),
      expected: [
        {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: ['arn:aws:logs:eu-west-1:123456789012:log-group:/agents/triager:log-stream:*'],
        },
      ],
    },
    {
      helper: 'events.putEvents',
      statements: () => grants.events.putEvents('agents', at),
      expected: [
        {
          actions: ['events:PutEvents'],
          resources: ['arn:aws:events:eu-west-1:123456789012:event-bus/agents'],
        },
      ],
    },
  ];

describe('grants with one signature', () => {
  test.each(CASES)('$helper: exact statements, known at preview', ({ statements, expected }) => {
    const result = statements();
    expect(result).toEqual(expected);
    // Literal names give plain strings: nothing to wait for at preview.
    for (const s of result) for (const r of s.resources) expect(typeof r).toBe('string');
  });

  test.each(CASES)('$helper: every action is in the IAM catalogue', ({ statements }) => {
    for (const s of statements())
      for (const a of s.actions) expect([a, lookupAction(a)?.id]).toEqual([a, a]);
  });

  test.each(CASES)('$helper: the engine finds nothing over-permissioned', ({ statements }) => {
    const verdict = judgePolicy(
      permissionsDocument(statements() as { actions: string[]; resources: string[] }[]),
    );
    expect(verdict.findings.map((f) => `${f.category}: ${f.message}`)).toEqual([]);
    expect(verdict.overPermissioned).toBe(false);
  });

  test('an ARN is used as it is; a name without account and region is refused with the fix', () => {
    expect(
      grants.sns.publish('arn:aws:sns:us-east-1:210987654321:alerts', {})[0].resources,
    ).toEqual(['arn:aws:sns:us-east-1:210987654321:alerts']);
    expect(() => grants.sns.publish('alerts', {})).toThrow(GrantArgumentError);
    expect(() => grants.sns.publish('alerts', {})).toThrow(
      'grants.sns.publish("alerts"): a name needs { account, region } to build the ARN; pass them, or pass the resource\'s ARN',
    );
  });

  test('options may be left out when the resource is an ARN', () => {
    const queue = 'arn:aws:sqs:eu-west-1:210987654321:tickets';
    expect(grants.sqs.consume(queue).map((s) => s.resources)).toEqual([[queue]]);
    expect(
      grants.dynamodb.readItems('arn:aws:dynamodb:eu-west-1:210987654321:table/t')[0].resources,
    ).toEqual([
      'arn:aws:dynamodb:eu-west-1:210987654321:table/t',
      'arn:aws:dynamodb:eu-west-1:210987654321:table/t/index/*',
    ]);
    expect(() => grants.sqs.consume('tickets')).toThrow(
      'grants.sqs.consume("tickets"): a name needs { account, region } to build the ARN; pass them, or pass the resource\'s ARN',
    );
  });

  test('an Output name resolves to the ARN once known', async () => {
    const [statement] = grants.lambda.invoke(pulumi.output('summarise'), {
      account: pulumi.output('123456789012'),
      region: 'eu-west-1',
    });
    expect(await valueOf(pulumi.output(statement.resources[0]))).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:summarise',
    );
  });

  test('the earlier positional forms still work for one release', () => {
    expect(grants.dynamodb.readItems('calendar', '123456789012', 'eu-west-1')).toEqual(
      grants.dynamodb.readItems('calendar', at).map(({ conditions: _c, ...s }) => s),
    );
    expect(grants.sqs.consumeMessages('jobs', '123456789012', 'eu-west-1')).toEqual(
      grants.sqs.consume('jobs', at),
    );
  });
});
