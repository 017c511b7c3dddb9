/**
 * Resource patterns judged by how AWS forms names: a pattern reaches every resource of its type
 * when it names none (only wildcards in the name, or in the container's name, or only the
 * characters AWS puts in every name); a policy variable narrows nothing unless it names the caller.
 */
import { isUnconstrainedResource } from '../../../policy-pack/engine';

const unconstrained: [string, string][] = [
  [
    'a secret ARN ends in - and six random characters',
    'arn:aws:secretsmanager:us-east-1:123456789012:secret:*-??????',
  ],
  ['the random suffix spelt with stars', 'arn:aws:secretsmanager:*:*:secret:*-*'],
  ['a KMS key id is a UUID', 'arn:aws:kms:*:*:key/*-*'],
  [
    'a KMS key id spelt as a UUID of ?',
    'arn:aws:kms:eu-west-1:123456789012:key/????????-????-????-????-????????????',
  ],
  ['every role with a path', 'arn:aws:iam::123456789012:role/*/*'],
  ['every user two paths deep', 'arn:aws:iam::*:user/*/*/*'],
  ['every policy with a path', 'arn:aws:iam::*:policy/*/*'],
  ['every object of every bucket with a dot in its key', 'arn:aws:s3:::*/*.*'],
  ['every object under a key prefix in every bucket', 'arn:aws:s3:::*/reports/*'],
  ['every bucket', 'arn:aws:s3:::*'],
  ['every bucket spelt with ?', 'arn:aws:s3:::???*'],
  ['every index of every table', 'arn:aws:dynamodb:*:*:table/*/index/gsi1'],
  ['every ARN of a partition', 'arn:aws:*'],
  ['every S3 ARN', 'arn:aws:s3:*'],
  [
    'a variable with a colon in the account does not shift the parts',
    'arn:aws:iam::${aws:PrincipalAccount}:role/*',
  ],
  [
    'variables in the region and account narrow nothing',
    'arn:aws:secretsmanager:${aws:RequestedRegion}:${aws:PrincipalAccount}:secret:*',
  ],
  [
    'a principal tag in the bucket name narrows nothing by itself',
    'arn:aws:s3:::${aws:PrincipalTag/bucket}/*',
  ],
  ['a request tag in a role name narrows nothing', 'arn:aws:iam::*:role/${aws:RequestTag/role}'],
];

const constrained: [string, string][] = [
  ['a named table', 'arn:aws:dynamodb:us-east-1:123456789012:table/orders'],
  ['a real secret-name prefix', 'arn:aws:secretsmanager:*:*:secret:prod/payments-*'],
  ['a real prefix before the random suffix', 'arn:aws:secretsmanager:*:*:secret:prod-*-??????'],
  ['a real policy-name prefix', 'arn:aws:iam::*:policy/team-a-*'],
  ['a real role-name prefix', 'arn:aws:iam::*:role/agent-*'],
  ['a named role under any path', 'arn:aws:iam::*:role/*/admin'],
  ['one KMS key id prefix', 'arn:aws:kms:*:*:key/1234abcd-*'],
  ['a named bucket, any object', 'arn:aws:s3:::my-bucket/*.*'],
  ['a bucket-name prefix', 'arn:aws:s3:::reports-*/*'],
  ["the caller's own user", 'arn:aws:iam::*:user/${aws:username}'],
  ["the caller's own folder in a named bucket", 'arn:aws:s3:::home/${aws:username}/*'],
  ['a literal asterisk written as a variable', 'arn:aws:iam::*:role/${*}'],
  ['a secret pattern no real secret name matches', 'arn:aws:secretsmanager:*:*:secret:??????'],
];

describe('resource scope', () => {
  test.each(unconstrained)('unconstrained: %s (%s)', (_rule, resource) => {
    expect(isUnconstrainedResource(resource)).toBe(true);
  });
  test.each(constrained)('constrained: %s (%s)', (_rule, resource) => {
    expect(isUnconstrainedResource(resource)).toBe(false);
  });
});
