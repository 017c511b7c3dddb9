/**
 * Data-plane reads: actions that return the stored content of a resource (an object, an item, a
 * message, a record, a log event, a parameter, a secret, or plaintext through a key). Allowed on
 * every resource of a kind, they let an agent read everything of that kind.
 *
 * Sources:
 * - Cloudsplaining `cloudsplaining/shared/constants.py` `READ_ONLY_DATA_EXFILTRATION_ACTIONS`
 *   (salesforce/cloudsplaining, commit 126e05241dbc7ab07c1cf2c6f8fa6d65a5d86cd4): `s3:GetObject`,
 *   `ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParametersByPath`,
 *   `secretsmanager:GetSecretValue`;
 * - the corpus spec (`shared/corpus/iam-policies/README.md`, "data-exfiltration"), which adds
 *   `kms:Decrypt`, object versions, DynamoDB item reads, SQS messages, Kinesis records, CloudWatch
 *   Logs events, Athena results, parameter history and batched secret reads, and a ReadOnly
 *   `s3express:CreateSession`;
 * - the AWS Service Authorization Reference, for the exact action names of each of those reads;
 * - the same kinds of content reached through another API, each a Read whose Service
 *   Authorization Reference description says it returns the stored content: S3 objects through an
 *   Object Lambda access point (`s3-object-lambda:GetObject`, "retrieve objects from Amazon S3"),
 *   DynamoDB Streams records ("retrieve the stream records", the items' images), Kinesis records
 *   by enhanced fan-out (`SubscribeToShard`), log events by a Logs Insights query
 *   (`logs:StartQuery`) or a live tail (`StartLiveTail`), the files of an EFS file system
 *   (`ClientMount`, "NFS client read-access to a file system") and EBS snapshot data
 *   (`GetSnapshotBlock`, "the data of a block"). Found by
 *   testing real policies with a known verdict: CloudGoat's `ecs_efs_attack` scenario
 *   (RhinoSecurityLabs/cloudgoat) reads its flag with `elasticfilesystem:ClientMount` on `"*"`.
 *   For Logs Insights the query is the read: it names the log groups, while AWS grants
 *   `logs:GetQueryResults` (results by query id) and `logs:GetLogRecord` (a record by the pointer a
 *   query returned) on `"*"` beside a scoped `StartQuery` (AWSCleanRoomsReadOnlyAccess), and
 *   `logs:Unmask` only lifts masking from the other reads; none of those three is listed. Nor is
 *   `glacier:GetJobOutput`, for the same reason: it downloads what a retrieval job fetched, and the
 *   job (`glacier:InitiateJob`, a Write judged on its own) names the archive.
 *
 * Metadata reads (`Describe*`, `List*`, `Get*Policy`, `Get*Configuration`) are not data.
 */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = [
  // S3 objects
  's3:getobject',
  's3:getobjectversion',
  's3-object-lambda:getobject',
  's3-object-lambda:getobjectversion',
  // S3 Express One Zone: a session is how a directory bucket's objects are read (see session-mode.ts)
  's3express:createsession',
  // DynamoDB items
  'dynamodb:getitem',
  'dynamodb:batchgetitem',
  'dynamodb:query',
  'dynamodb:scan',
  'dynamodb:partiqlselect',
  // DynamoDB Streams records: the images of the items written
  'dynamodb:getrecords',
  // SQS messages, Kinesis records
  'sqs:receivemessage',
  'kinesis:getrecords',
  'kinesis:subscribetoshard',
  // CloudWatch Logs events
  'logs:getlogevents',
  'logs:filterlogevents',
  'logs:startquery',
  'logs:startlivetail',
  // Files and volume blocks
  'elasticfilesystem:clientmount',
  'ebs:getsnapshotblock',
  // Athena query results
  'athena:getqueryresults',
  // SSM parameters
  'ssm:getparameter',
  'ssm:getparameters',
  'ssm:getparametersbypath',
  'ssm:getparameterhistory',
  // Secrets Manager
  'secretsmanager:getsecretvalue',
  'secretsmanager:batchgetsecretvalue',
  // KMS plaintext
  'kms:decrypt',
];
