/** The IAM action of a CloudTrail record, its denial, and the resources it names. */
import { callResources } from '../../../../cli/commands/review/call-resources';
import { iamAction, isDenied } from '../../../../cli/commands/review/iam-actions';

describe('iamAction', () => {
  test.each([
    { source: 's3.amazonaws.com', event: 'GetObject', action: 's3:GetObject' },
    { source: 's3.amazonaws.com', event: 'ListObjectsV2', action: 's3:ListBucket' },
    { source: 's3.amazonaws.com', event: 'HeadObject', action: 's3:GetObject' },
    { source: 's3.amazonaws.com', event: 'DeleteObjects', action: 's3:DeleteObject' },
    {
      source: 'monitoring.amazonaws.com',
      event: 'PutMetricData',
      action: 'cloudwatch:PutMetricData',
    },
    { source: 'email.amazonaws.com', event: 'SendEmail', action: 'ses:SendEmail' },
    { source: 'lambda.amazonaws.com', event: 'Invoke', action: 'lambda:InvokeFunction' },
    {
      source: 'lambda.amazonaws.com',
      event: 'GetFunction20150331v2',
      action: 'lambda:GetFunction',
    },
    {
      source: 'cloudfront.amazonaws.com',
      event: 'GetDistribution2020_05_31',
      action: 'cloudfront:GetDistribution',
    },
    { source: 'bedrock.amazonaws.com', event: 'Converse', action: 'bedrock:InvokeModel' },
    {
      source: 'bedrock-runtime.amazonaws.com',
      event: 'ConverseStream',
      action: 'bedrock:InvokeModelWithResponseStream',
    },
    { source: 'sqs.amazonaws.com', event: 'SendMessageBatch', action: 'sqs:SendMessage' },
    { source: 'dynamodb.amazonaws.com', event: 'BatchGetItem', action: 'dynamodb:BatchGetItem' },
    { source: 'sts.amazonaws.com', event: 'AssumeRole', action: 'sts:AssumeRole' },
  ])('$source $event is $action', ({ source, event, action }) => {
    expect(iamAction(source, event)).toBe(action);
  });
});

test('denials are the authorization error codes only', () => {
  expect(
    [
      'AccessDenied',
      'AccessDeniedException',
      'Client.UnauthorizedOperation',
      'AuthorizationError',
    ].map(isDenied),
  ).toEqual([true, true, true, true]);
  expect(
    ['NoSuchKey', 'ResourceNotFoundException', 'ThrottlingException', undefined].map(isDenied),
  ).toEqual([false, false, false, false]);
});

describe('callResources', () => {
  const base = {
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::123456789012:assumed-role/r/s',
      accountId: '123456789012',
    },
    awsRegion: 'eu-west-1',
    recipientAccountId: '123456789012',
  };
  test.each([
    {
      case: 'an S3 object: the object, not its bucket',
      prefix: 's3',
      params: { bucketName: 'b', key: 'k/x.csv' },
      arns: ['arn:aws:s3:::b/k/x.csv'],
    },
    { case: 'an S3 bucket', prefix: 's3', params: { bucketName: 'b' }, arns: ['arn:aws:s3:::b'] },
    {
      case: 'a DynamoDB index query',
      prefix: 'dynamodb',
      params: { tableName: 't', indexName: 'by-day' },
      arns: ['arn:aws:dynamodb:eu-west-1:123456789012:table/t/index/by-day'],
    },
    {
      case: 'a DynamoDB batch',
      prefix: 'dynamodb',
      params: { requestItems: { a: {}, b: {} } },
      arns: [
        'arn:aws:dynamodb:eu-west-1:123456789012:table/a',
        'arn:aws:dynamodb:eu-west-1:123456789012:table/b',
      ],
    },
    {
      case: 'an SQS queue URL',
      prefix: 'sqs',
      params: { queueUrl: 'https://sqs.us-east-2.amazonaws.com/210987654321/jobs' },
      arns: ['arn:aws:sqs:us-east-2:210987654321:jobs'],
    },
    {
      case: 'a legacy SQS queue URL',
      prefix: 'sqs',
      params: { queueUrl: 'https://eu-west-1.queue.amazonaws.com/123456789012/jobs' },
      arns: ['arn:aws:sqs:eu-west-1:123456789012:jobs'],
    },
    {
      case: 'a Lambda function with a qualifier',
      prefix: 'lambda',
      params: { functionName: 'resize:live' },
      arns: [
        'arn:aws:lambda:eu-west-1:123456789012:function:resize',
        'arn:aws:lambda:eu-west-1:123456789012:function:resize:live',
      ],
    },
    {
      case: 'an SNS topic ARN parameter',
      prefix: 'sns',
      params: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:t', message: 'HIDDEN' },
      arns: ['arn:aws:sns:eu-west-1:123456789012:t'],
    },
    { case: 'nothing named', prefix: 'ec2', params: { instancesSet: {} }, arns: [] },
  ])('$case', ({ prefix, params, arns }) => {
    expect(callResources({ ...base, requestParameters: params }, prefix)).toEqual(arns);
  });
});
