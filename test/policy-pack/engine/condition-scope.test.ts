/**
 * Conditions judged by IAM's evaluation logic: a condition scopes a statement only when, for every
 * action of it, the request carries a key that narrows the resource and the test must match it; a
 * condition that can never hold makes the statement grant nothing.
 */
import { judgePolicy } from '../../../policy-pack/engine';
import type { ConditionBlock } from '../../../policy-pack/engine/statement';

interface Row {
  case: string;
  actions: string[];
  resource?: string;
  condition: ConditionBlock;
  categories: string[];
}

const LEADING_KEYS_ALL = {
  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['${aws:userid}'] },
};
const LEADING_KEYS = { StringEquals: { 'dynamodb:LeadingKeys': 'tenant-42' } };
const TEAM_TAG = { StringEquals: { 'aws:ResourceTag/team': 'payments' } };

function categoriesOf(actions: string[], condition: ConditionBlock, resource = '*'): string[] {
  const verdict = judgePolicy({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: resource, Condition: condition }],
  });
  expect(verdict.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return [...new Set(verdict.findings.map((f) => f.category))].sort();
}

const rows: Row[] = [
  // ForAllValues: on a key the request does not carry is true: it limits nothing.
  {
    case: 'ForAllValues LeadingKeys with secretsmanager:GetSecretValue: no request carries the key',
    actions: ['secretsmanager:GetSecretValue'],
    condition: LEADING_KEYS_ALL,
    categories: ['data-exfiltration'],
  },
  {
    case: 'ForAllValues LeadingKeys with iam:PutRolePolicy: no request carries the key',
    actions: ['iam:PutRolePolicy'],
    condition: LEADING_KEYS_ALL,
    categories: ['privilege-escalation', 'resource-exposure', 'wildcard-resource-write'],
  },
  {
    case: 'ForAllValues LeadingKeys with iam:PassRole and ec2:RunInstances: no request carries it',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    condition: LEADING_KEYS_ALL,
    categories: ['privilege-escalation', 'resource-exposure', 'wildcard-resource-write'],
  },
  {
    case: 'ForAllValues LeadingKeys with DynamoDB reads: every item request carries the key',
    actions: ['dynamodb:GetItem', 'dynamodb:Query'],
    resource: 'arn:aws:dynamodb:*:*:table/*',
    condition: LEADING_KEYS_ALL,
    categories: [],
  },
  {
    case: 'plain LeadingKeys with DynamoDB writes scopes',
    actions: ['dynamodb:PutItem', 'dynamodb:GetItem'],
    condition: LEADING_KEYS,
    categories: [],
  },
  {
    case: 'LeadingKeys IfExists with DynamoDB reads: every item request carries the key',
    actions: ['dynamodb:GetItem'],
    condition: { StringEqualsIfExists: { 'dynamodb:LeadingKeys': 'tenant-42' } },
    categories: [],
  },
  {
    case: 'LeadingKeys on a DynamoDB read beside a secret read: not every action carries it',
    actions: ['dynamodb:GetItem', 'secretsmanager:GetSecretValue'],
    condition: LEADING_KEYS,
    categories: ['data-exfiltration'],
  },
  {
    case: 'LeadingKeys on a table-management action that carries no such key',
    actions: ['dynamodb:DeleteTable'],
    condition: LEADING_KEYS,
    categories: ['wildcard-resource-write'],
  },
  // Resource tags scope the actions whose resource types support them.
  {
    case: 'aws:ResourceTag on secretsmanager:GetSecretValue scopes',
    actions: ['secretsmanager:GetSecretValue'],
    condition: TEAM_TAG,
    categories: [],
  },
  {
    case: 'aws:ResourceTag on an action beside one whose resources carry no tag',
    actions: ['secretsmanager:GetSecretValue', 'sts:GetSessionToken', 'kinesis:GetRecords'],
    condition: { StringEquals: { 'secretsmanager:ResourceTag/team': 'payments' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'ForAnyValue on a resource tag fails when the tag is absent, so it scopes',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { 'ForAnyValue:StringEquals': { 'aws:ResourceTag/team': ['payments'] } },
    categories: [],
  },
  {
    case: 'a resource tag that may have any value does not scope',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringLike: { 'aws:ResourceTag/team': '*' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 's3:ExistingObjectTag (a <key> placeholder in the catalogue) scopes s3:GetObject',
    actions: ['s3:GetObject'],
    condition: { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } },
    categories: [],
  },
  {
    case: 'a KMS encryption-context pair scopes kms:Decrypt to what was sealed with it',
    actions: ['kms:Decrypt'],
    condition: { StringEquals: { 'kms:EncryptionContext:app': 'billing' } },
    categories: [],
  },
  {
    case: 'a request-tag spelling of a service is not a resource tag',
    actions: ['dms:DeleteEndpoint'],
    condition: { StringEquals: { 'dms:req-tag/team': 'payments' } },
    categories: ['wildcard-resource-write'],
  },
  // Negations and IfExists hold for every other resource.
  {
    case: 'StringNotEquals on a resource tag does not scope',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringNotEquals: { 'aws:ResourceTag/team': 'payments' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'StringNotLike on a resource tag does not scope',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringNotLike: { 'aws:ResourceTag/team': 'pay*' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'ArnNotLike on an instance profile does not scope',
    actions: ['ec2:AssociateIamInstanceProfile'],
    condition: { ArnNotLike: { 'ec2:InstanceProfile': 'arn:aws:iam::*:instance-profile/admin' } },
    categories: ['wildcard-resource-write'],
  },
  {
    case: 'IfExists on a resource tag holds for untagged secrets, so it does not scope',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'payments' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'IfExists kms:ViaService holds on direct calls, so it does not scope',
    actions: ['kms:Decrypt'],
    condition: {
      StringEqualsIfExists: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' },
    },
    categories: ['data-exfiltration', 'wildcard-resource-write'],
  },
  // Keys the caller chooses, or that narrow something else than the resource.
  {
    case: 'secretsmanager:SecretId like arn:aws:* matches every secret ARN the caller passes',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringLike: { 'secretsmanager:SecretId': 'arn:aws:*' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'secretsmanager:SecretId like every secret of every region does not scope',
    actions: ['secretsmanager:GetSecretValue'],
    condition: {
      ArnLike: { 'secretsmanager:SecretId': 'arn:aws:secretsmanager:*:*:secret:*-??????' },
    },
    categories: ['data-exfiltration'],
  },
  {
    case: 'secretsmanager:SecretId like *-?????? matches every secret ARN the caller passes',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringLike: { 'secretsmanager:SecretId': '*-??????' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'secretsmanager:SecretId like a real name prefix scopes',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringLike: { 'secretsmanager:SecretId': 'prod/payments-*' } },
    categories: [],
  },
  {
    case: 'secretsmanager:SecretId like a real prefix scopes',
    actions: ['secretsmanager:GetSecretValue'],
    condition: {
      ArnLike: { 'secretsmanager:SecretId': 'arn:aws:secretsmanager:*:*:secret:prod/*' },
    },
    categories: [],
  },
  {
    case: 'iam:PolicyARN narrows which policy is attached, not to which role',
    actions: ['iam:AttachRolePolicy'],
    condition: { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
    categories: ['privilege-escalation', 'resource-exposure', 'wildcard-resource-write'],
  },
  {
    case: 'iam:PassedToService narrows the service, not which role is passed',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    categories: ['privilege-escalation', 'resource-exposure', 'wildcard-resource-write'],
  },
  {
    case: 'aws:RequestTag narrows the tags the request sets, not the resource',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { StringEquals: { 'aws:RequestTag/team': 'payments' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'MFA, source IP and the principal account narrow who calls, not what',
    actions: ['secretsmanager:GetSecretValue'],
    condition: {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
      StringEquals: { 'aws:PrincipalAccount': '123456789012' },
    },
    categories: ['data-exfiltration'],
  },
  {
    case: 's3:prefix on s3:GetObject: GetObject requests carry no prefix',
    actions: ['s3:GetObject'],
    condition: { StringLike: { 's3:prefix': 'home/*' } },
    categories: ['data-exfiltration'],
  },
  // Scoping keys that used to be ignored.
  {
    case: 'kms:ViaService scopes kms:Decrypt to one service',
    actions: ['kms:Decrypt'],
    condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
    categories: [],
  },
  {
    case: 'ec2:CreateAction scopes ec2:CreateTags to what RunInstances creates',
    actions: ['ec2:CreateTags'],
    condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
    categories: [],
  },
  {
    case: 'ec2:CreateTags without ec2:CreateAction tags every resource',
    actions: ['ec2:CreateTags'],
    condition: { StringEquals: { 'aws:RequestTag/owner': 'me' } },
    categories: ['wildcard-resource-write'],
  },
  {
    case: 'ec2:CreateAction on an action that does not carry it scopes nothing',
    actions: ['ec2:CreateTags', 'ec2:TerminateInstances'],
    condition: { StringEquals: { 'ec2:CreateAction': 'RunInstances' } },
    categories: ['wildcard-resource-write'],
  },
  // Conditions that can never hold.
  {
    case: 'DateLessThan aws:TokenIssueTime in the past never holds: grants nothing',
    actions: ['*'],
    condition: { DateLessThan: { 'aws:TokenIssueTime': '2019-06-01T00:00:00Z' } },
    categories: [],
  },
  {
    case: 'DateLessThanEquals aws:CurrentTime in the past never holds',
    actions: ['secretsmanager:GetSecretValue', 'iam:PutRolePolicy'],
    condition: { DateLessThanEquals: { 'aws:CurrentTime': '2020-01-01' } },
    categories: [],
  },
  {
    case: 'NumericLessThan aws:EpochTime in the past never holds',
    actions: ['s3:*'],
    condition: { NumericLessThan: { 'aws:EpochTime': '1500000000' } },
    categories: [],
  },
  {
    case: 'DateLessThan aws:EpochTime with epoch seconds in the past never holds',
    actions: ['s3:GetObject'],
    condition: { DateLessThan: { 'aws:EpochTime': 1500000000 } } as unknown as ConditionBlock,
    categories: [],
  },
  {
    case: 'Null says a resource tag is absent while StringEquals tests it: never holds',
    actions: ['secretsmanager:GetSecretValue'],
    condition: {
      Null: { 'aws:ResourceTag/team': 'true' },
      StringEquals: { 'aws:ResourceTag/team': 'payments' },
    },
    categories: [],
  },
  {
    case: 'Null says a key is absent while Bool tests it: never holds',
    actions: ['secretsmanager:GetSecretValue'],
    condition: {
      Null: { 'aws:MultiFactorAuthPresent': 'true' },
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    },
    categories: [],
  },
  {
    case: 'DateLessThan aws:CurrentTime in the future holds today',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { DateLessThan: { 'aws:CurrentTime': '2999-01-01T00:00:00Z' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'DateGreaterThan aws:CurrentTime in the past holds',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { DateGreaterThan: { 'aws:CurrentTime': '2019-01-01T00:00:00Z' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'DateLessThanIfExists aws:TokenIssueTime holds for long-term credentials',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { DateLessThanIfExists: { 'aws:TokenIssueTime': '2019-06-01T00:00:00Z' } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'one of two time bounds in the future still holds',
    actions: ['secretsmanager:GetSecretValue'],
    condition: { DateLessThan: { 'aws:CurrentTime': ['2019-01-01', '2999-01-01'] } },
    categories: ['data-exfiltration'],
  },
  {
    case: 'Null says a tag is absent beside a negation, which holds when it is absent',
    actions: ['secretsmanager:GetSecretValue'],
    condition: {
      Null: { 'aws:ResourceTag/team': 'true' },
      StringNotEquals: { 'aws:ResourceTag/team': 'payments' },
    },
    categories: ['data-exfiltration'],
  },
];

describe('condition scope', () => {
  test.each(rows)('$case', ({ actions, condition, resource, categories }) => {
    expect(categoriesOf(actions, condition, resource)).toEqual(categories);
  });
});
