/**
 * Condition keys and how far they narrow which resource a request reaches. A condition scopes a
 * statement only through a key listed here, for an action whose request carries it (see
 * condition-keys.ts).
 *
 * Sources: IAM User Guide, "AWS global condition context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
 * "Condition operators" and "Single-valued vs. multivalued context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html),
 * and each service's page of the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html),
 * which says what each key's value is.
 */

/** Keys whose value names the resource, or selects it by an attribute (lower case). */
export const RESOURCE_NARROWING_KEYS: ReadonlySet<string> = new Set([
  // Amazon S3: the object-key prefix ListBucket lists; the access point the request goes through.
  's3:prefix',
  's3:dataaccesspointarn',
  // DynamoDB: the partition keys of the items read or written (fine-grained access control).
  'dynamodb:leadingkeys',
  // Amazon EC2: the instance profile, instance, template, network, volume, snapshot, image used.
  'ec2:instanceprofile',
  'ec2:instanceid',
  'ec2:launchtemplate',
  'ec2:vpc',
  'ec2:subnet',
  'ec2:volumeid',
  'ec2:snapshotid',
  'ec2:imageid',
  // Amazon EC2: CreateTags only as part of the named create call, so only on what it creates.
  'ec2:createaction',
  // Amazon ECS: the cluster, service and task definition acted on.
  'ecs:cluster',
  'ecs:service',
  'ecs:task-definition',
  // IAM: CreateServiceLinkedRole for one service, whose role name AWS fixes.
  'iam:awsservicename',
  // Lambda: the function an event source mapping or permission concerns.
  'lambda:functionarn',
  // Secrets Manager: the secret, by the name or ARN the caller passes (see CALLER_CHOSEN_FORM_KEYS).
  'secretsmanager:secretid',
  // Redshift: the database user and database GetClusterCredentials issues credentials for.
  'redshift:dbuser',
  'redshift:dbname',
  // CloudWatch: the namespace PutMetricData writes to.
  'cloudwatch:namespace',
  // AWS KMS: the service the key is used through; the encryption context the data was sealed with.
  'kms:viaservice',
  'kms:encryptioncontextkeys',
]);

/** Key families whose name continues with a tag key or context key (lower case starts). */
export const RESOURCE_NARROWING_KEY_PREFIXES: readonly string[] = [
  // The tags of the resource acted on: global, and the service-specific spellings.
  'aws:resourcetag/',
  's3:existingobjecttag/',
  's3:buckettag/',
  // AWS KMS: one encryption-context pair of the ciphertext.
  'kms:encryptioncontext:',
];

/**
 * A service's own spelling of its resources' tags: `ssm:ResourceTag/<key>`, `dms:cert-tag/<key>`,
 * `dms:endpoint-tag/<key>` (but not `dms:req-tag/<key>`, the tags of the request).
 */
export const SERVICE_RESOURCE_TAG = /^[a-z0-9-]+:(resourcetag|resource-tag|(?!req-)[a-z-]+-tag)\//;

/**
 * Keys that narrow something other than the resource the statement's Resource names, so a
 * condition on them never scopes it (they are not in the lists above; named here so nobody adds
 * them). `iam:PolicyARN` narrows which policy is attached, not to which role; `iam:PassedToService`
 * to which service a role is passed, not which role; `aws:RequestTag/*` and `aws:TagKeys` the tags
 * the request sets; `iam:PermissionsBoundary` the boundary a principal is created with.
 */
export const OTHER_THAN_RESOURCE_KEYS: ReadonlySet<string> = new Set([
  'iam:policyarn',
  'iam:passedtoservice',
  'iam:associatedresourcearn',
  'iam:permissionsboundary',
  'aws:tagkeys',
]);

/**
 * Keys whose value is the resource as the caller chooses to write it, by name or by ARN: Secrets
 * Manager takes a secret's name or its ARN in `SecretId` ("secretsmanager:SecretId: Filters access
 * by the secret ARN in the request", Service Authorization Reference, AWS Secrets Manager). The
 * caller passes whichever form matches, so a pattern scopes only when it does not match every
 * resource in some form: `arn:aws:*`, `*` and `*-??????` (every ARN ends so) match every secret.
 * Mapped to the ARN a name pattern is read as.
 */
export const CALLER_CHOSEN_FORM_KEYS: ReadonlyMap<string, string> = new Map([
  ['secretsmanager:secretid', 'arn:aws:secretsmanager:*:*:secret:'],
]);

/**
 * Multivalued keys that every request of an action that carries them has, so `ForAllValues:` and
 * `…IfExists` (true when the key is absent) still limit the resource. DynamoDB's fine-grained
 * access example is `ForAllValues:StringEquals` on `dynamodb:LeadingKeys`: every item request has
 * a partition key (DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained access
 * control", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/specifying-conditions.html).
 */
export const PRESENT_ON_EVERY_REQUEST: ReadonlySet<string> = new Set(['dynamodb:leadingkeys']);

/**
 * Tagging actions (access level Tagging) that tag a session or a token, not a resource, so they
 * never let a principal satisfy a condition on a resource's tag (see self-tagging.ts):
 * `sts:TagSession` passes session tags, which become `aws:PrincipalTag/<key>` for the session
 * (IAM User Guide, "Passing session tags in AWS STS",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html), and
 * `sts:TagGetWebIdentityToken` tags the token it issues (Service Authorization Reference, AWS STS).
 */
export const SESSION_TAGGING_ACTIONS: ReadonlySet<string> = new Set([
  'sts:tagsession',
  'sts:taggetwebidentitytoken',
]);
