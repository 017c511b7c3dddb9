/**
 * Data-plane reads (rules/data-exfiltration-actions.ts): every entry of the table is an action the
 * catalogue knows (a misspelt entry would be dropped without a word), and the reads of stored
 * content reached through other APIs (Object Lambda, DynamoDB Streams, enhanced fan-out, Logs
 * Insights queries and live tails, EFS mounts, EBS snapshot blocks) are judged
 * as data-exfiltration on every resource, and not when scoped, denied or only describing.
 */
import { lookupAction } from '../../../../policy-pack/engine/catalogue';
import { judgePolicy } from '../../../../policy-pack/engine';
import { DATA_EXFILTRATION_ACTIONS } from '../../../../policy-pack/engine/rules/data-exfiltration-actions';

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: object;
}

const policy = (...Statement: Statement[]): object => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*'): Statement => ({
  Effect: 'Allow',
  Action,
  Resource,
});

/** The actions of the data-exfiltration findings of `document`, sorted. */
function exfiltrationActions(document: object): string[] {
  return judgePolicy(document)
    .findings.filter((f) => f.category === 'data-exfiltration')
    .flatMap((f) => f.actions)
    .sort();
}

describe('DATA_EXFILTRATION_ACTIONS', () => {
  test.each(DATA_EXFILTRATION_ACTIONS.map((id) => ({ id })))(
    '$id is an action of the catalogue, written in lower case',
    ({ id }) => {
      expect(lookupAction(id)?.id.toLowerCase()).toBe(id);
    },
  );
});

describe('data-plane reads through other APIs', () => {
  test.each([
    // CloudGoat ecs_efs_attack: the EFS admin role reads the flag by mounting every file system.
    { read: 'elasticfilesystem:ClientMount', kind: 'the files of every EFS file system' },
    { read: 's3-object-lambda:GetObject', kind: 'every object behind an Object Lambda point' },
    { read: 's3-object-lambda:GetObjectVersion', kind: 'every object version, likewise' },
    { read: 'dynamodb:GetRecords', kind: 'the item images of every DynamoDB stream' },
    { read: 'kinesis:SubscribeToShard', kind: 'the records of every Kinesis consumer' },
    { read: 'logs:StartQuery', kind: 'every log group by a Logs Insights query' },
    { read: 'logs:StartLiveTail', kind: 'the log events of every log group, live' },
    { read: 'ebs:GetSnapshotBlock', kind: 'the data blocks of every EBS snapshot' },
  ])('$read on "*" reads $kind: data-exfiltration', ({ read }) => {
    expect(exfiltrationActions(policy(allow(read)))).toEqual([read]);
  });

  test.each([
    {
      case: 'a service glob that covers the read (elasticfilesystem:Client*)',
      document: policy(allow('elasticfilesystem:Client*')),
      actions: ['elasticfilesystem:ClientMount'],
    },
    {
      case: 'odd case (DynamoDB:getRECORDS)',
      document: policy(allow('DynamoDB:getRECORDS')),
      actions: ['dynamodb:GetRecords'],
    },
    {
      case: 'every file system of the account (file-system/*)',
      document: policy(
        allow(
          'elasticfilesystem:ClientMount',
          'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/*',
        ),
      ),
      actions: ['elasticfilesystem:ClientMount'],
    },
    {
      case: 'the Lambda DynamoDB execution-role shape (stream reads on "*")',
      document: policy(
        allow([
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ]),
      ),
      actions: ['dynamodb:GetRecords'],
    },
    {
      case: 'a Deny on other log groups leaves "*" read',
      document: policy(allow('logs:StartLiveTail'), {
        Effect: 'Deny',
        Action: 'logs:StartLiveTail',
        Resource: 'arn:aws:logs:us-east-1:123456789012:log-group:audit:*',
      }),
      actions: ['logs:StartLiveTail'],
    },
  ])('flagged: $case', ({ document, actions }) => {
    expect(exfiltrationActions(document)).toEqual(actions);
  });

  test.each([
    {
      case: 'one named file system',
      document: policy(
        allow(
          'elasticfilesystem:ClientMount',
          'arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0',
        ),
      ),
    },
    {
      case: "one table's streams",
      document: policy(
        allow(
          'dynamodb:GetRecords',
          'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/*',
        ),
      ),
    },
    {
      case: 'one named log group',
      document: policy(
        allow(
          ['logs:StartLiveTail', 'logs:StartQuery'],
          'arn:aws:logs:us-east-1:123456789012:log-group:/app/web:*',
        ),
      ),
    },
    {
      case: 'Logs Insights queried on one prefix of log groups, results by query id on "*"',
      document: policy(
        allow('logs:StartQuery', 'arn:aws:logs:*:*:log-group:/aws/cleanrooms*'),
        allow(['logs:GetQueryResults', 'logs:GetLogRecord', 'logs:Unmask', 'logs:StopQuery']),
      ),
    },
    {
      case: 'a resource tag on the file system',
      document: policy({
        ...allow('elasticfilesystem:ClientMount'),
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
      }),
    },
    {
      case: 'an explicit Deny of the same read on "*"',
      document: policy(allow('ebs:GetSnapshotBlock'), {
        Effect: 'Deny',
        Action: 'ebs:*',
        Resource: '*',
      }),
    },
    {
      case: "metadata reads of the same services, and results fetched by another call's job",
      document: policy(
        allow([
          'elasticfilesystem:DescribeFileSystems',
          'dynamodb:DescribeStream',
          'dynamodb:ListStreams',
          'logs:DescribeLogGroups',
          'glacier:DescribeJob',
          'glacier:ListVaults',
          'glacier:GetJobOutput',
          'ebs:ListSnapshotBlocks',
        ]),
      ),
    },
  ])('not flagged: $case', ({ document }) => {
    expect(exfiltrationActions(document)).toEqual([]);
  });
});
