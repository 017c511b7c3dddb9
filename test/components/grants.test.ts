import * as pulumi from '@pulumi/pulumi';
import { grants } from '../../components/grants';
import { actionNameProblem } from '../../policy-pack/engine';
import { installMocks, valueOf } from '../support/pulumi-mocks';

beforeAll(async () => {
  await installMocks();
});

describe('grants', () => {
  test('s3.readObjects: GetObject under the prefix, ListBucket limited to it', () => {
    expect(grants.s3.readObjects('reports', { prefix: 'monthly/' })).toEqual([
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/monthly/*'] },
      {
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::reports'],
        conditions: { StringLike: { 's3:prefix': ['monthly/*'] } },
      },
    ]);
  });

  test('s3.readObjects without prefix covers the whole bucket', () => {
    expect(grants.s3.readObjects('reports')).toEqual([
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] },
      { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::reports'] },
    ]);
  });

  test('s3.writeObjects: PutObject only', () => {
    expect(grants.s3.writeObjects('reports', { prefix: 'digests/' })).toEqual([
      { actions: ['s3:PutObject'], resources: ['arn:aws:s3:::reports/digests/*'] },
    ]);
  });

  test('dynamodb.readItems and writeItems: the table and its indexes, no deletes', () => {
    const table = 'arn:aws:dynamodb:eu-west-1:123456789012:table/calendar';
    expect(grants.dynamodb.readItems('calendar', '123456789012', 'eu-west-1')).toEqual([
      {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:DescribeTable',
        ],
        resources: [table, `${table}/index/*`],
      },
    ]);
    expect(grants.dynamodb.writeItems('calendar', '123456789012', 'eu-west-1')).toEqual([
      {
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
        resources: [table],
      },
    ]);
  });

  test('sqs.consumeMessages and sendMessages: one queue', () => {
    const queue = 'arn:aws:sqs:eu-west-1:123456789012:tickets';
    expect(grants.sqs.consumeMessages('tickets', '123456789012', 'eu-west-1')).toEqual([
      {
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        resources: [queue],
      },
    ]);
    expect(grants.sqs.sendMessages('tickets', '123456789012', 'eu-west-1')[0].resources).toEqual([
      queue,
    ]);
  });

  test('names given as Outputs give Outputs of the same ARNs', async () => {
    const [statement] = grants.sqs.sendMessages(
      pulumi.output('tickets'),
      pulumi.output('123456789012'),
      'eu-west-1',
    );
    expect(pulumi.Output.isInstance(statement.resources[0])).toBe(true);
    expect(await valueOf(pulumi.output(statement.resources[0]))).toBe(
      'arn:aws:sqs:eu-west-1:123456789012:tickets',
    );
  });

  test('every action of every grant is an exact IAM action', () => {
    const all = [
      ...grants.s3.readObjects('b', { prefix: 'p/' }),
      ...grants.s3.writeObjects('b'),
      ...grants.dynamodb.readItems('t', '1', 'r'),
      ...grants.dynamodb.writeItems('t', '1', 'r'),
      ...grants.sqs.consumeMessages('q', '1', 'r'),
      ...grants.sqs.sendMessages('q', '1', 'r'),
    ].flatMap((s) => s.actions);
    expect(all.map((a) => [a, actionNameProblem(a)])).toEqual(all.map((a) => [a, undefined]));
  });
});
