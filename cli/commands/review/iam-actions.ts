/**
 * The IAM action a CloudTrail record stands for, and whether the call was denied.
 *
 * The action is `<prefix>:<eventName>`, where the prefix is the first label of `eventSource`
 * (`s3.amazonaws.com` → `s3`), except where the tables below say otherwise. Sources:
 *  - Service prefixes: the Service Authorization Reference, "Actions, resources, and condition keys
 *    for AWS services" (docs.aws.amazon.com/service-authorization/latest/reference/), each
 *    service's "service prefix", against the event sources the CloudTrail User Guide lists in
 *    "CloudTrail supported services and integrations" (checked 2026-12).
 *  - Event names that are not action names: the S3 User Guide, "Required permissions for Amazon
 *    S3 API operations"; the Lambda Developer Guide, "Logging AWS Lambda API calls using AWS
 *    CloudTrail" (data events `Invoke`; management events carry an API version suffix such as
 *    `GetFunction20150331v2`); the SQS and DynamoDB API references (a batch call is authorized as
 *    its single action); the Bedrock User Guide, "Monitor Amazon Bedrock API calls using
 *    CloudTrail" and the Bedrock runtime API reference (`Converse` needs `bedrock:InvokeModel`,
 *    `ConverseStream` needs `bedrock:InvokeModelWithResponseStream`).
 *  - Denial error codes: `AccessDenied` (S3 and the query-protocol services such as IAM, STS, SQS:
 *    the S3 API Reference "Error responses" and each API reference's "Common Errors"),
 *    `AccessDeniedException` (the JSON-protocol services: DynamoDB, Lambda, KMS, Bedrock, ...),
 *    `UnauthorizedOperation` (EC2 API Reference, "Error codes"; CloudTrail records it as
 *    `Client.UnauthorizedOperation`) and `AuthorizationError` (SNS API Reference, "Common
 *    Errors"), as the CloudTrail User Guide's `errorCode` field records them.
 */

/** Event sources whose service prefix is not the first label of the host. */
const PREFIX_OF_SOURCE: Readonly<Record<string, string>> = {
  'monitoring.amazonaws.com': 'cloudwatch',
  'email.amazonaws.com': 'ses',
  'bedrock-runtime.amazonaws.com': 'bedrock',
  'bedrock-agent.amazonaws.com': 'bedrock',
  'bedrock-agent-runtime.amazonaws.com': 'bedrock',
  'tagging.amazonaws.com': 'tag',
};

/** `<source>:<eventName>` whose IAM action has another name. */
const ACTION_OF_EVENT: Readonly<Record<string, string>> = {
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:HeadBucket': 's3:ListBucket',
  's3:HeadObject': 's3:GetObject',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  's3:CreateMultipartUpload': 's3:PutObject',
  's3:UploadPart': 's3:PutObject',
  's3:CompleteMultipartUpload': 's3:PutObject',
  's3:CopyObject': 's3:PutObject',
  's3:UploadPartCopy': 's3:PutObject',
  's3:DeleteObjects': 's3:DeleteObject',
  's3:ListParts': 's3:ListMultipartUploadParts',
  'lambda:Invoke': 'lambda:InvokeFunction',
  'lambda:InvokeAsync': 'lambda:InvokeFunction',
  'lambda:InvokeWithResponseStream': 'lambda:InvokeFunction',
  'sqs:SendMessageBatch': 'sqs:SendMessage',
  'sqs:DeleteMessageBatch': 'sqs:DeleteMessage',
  'sqs:ChangeMessageVisibilityBatch': 'sqs:ChangeMessageVisibility',
  'sns:PublishBatch': 'sns:Publish',
  'bedrock:Converse': 'bedrock:InvokeModel',
  'bedrock:ConverseStream': 'bedrock:InvokeModelWithResponseStream',
};

/** Error codes of an authorization failure, as CloudTrail records them. */
const DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'Client.AccessDenied',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
]);

/** A management event's API version suffix: `20150331`, `20150331v2`, `2020_05_31`. */
const VERSION_SUFFIX = /(\d{8}|\d{4}_\d{2}_\d{2})(v\d+)?$/;

/** The IAM service prefix of an event source, e.g. `monitoring.amazonaws.com` → `cloudwatch`. */
export function servicePrefix(eventSource: string): string {
  const source = eventSource.toLowerCase();
  return PREFIX_OF_SOURCE[source] ?? source.split('.')[0];
}

/** The IAM action a call of `eventName` at `eventSource` is authorized as. */
export function iamAction(eventSource: string, eventName: string): string {
  const action = `${servicePrefix(eventSource)}:${eventName.replace(VERSION_SUFFIX, '')}`;
  return ACTION_OF_EVENT[action] ?? action;
}

/** Whether a record's `errorCode` says the call was refused by authorization. */
export function isDenied(errorCode: string | undefined): boolean {
  return errorCode !== undefined && DENIED_CODES.has(errorCode);
}
