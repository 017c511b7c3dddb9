/**
 * What Denies take away, what create actions reach and what a boundary's condition limits, each
 * row naming the rule it checks: a Deny with NotResource spares the resources it names, a Deny
 * whose condition may not hold cancels nothing, a create action on what it creates is limited by
 * the pre-existing resources the statement names, and a boundary's condition limits only the
 * actions whose requests carry its key.
 */
import { judgeEffectivePermissions, judgePolicy } from '../../../policy-pack/engine';
import type { PolicyVerdict } from '../../../policy-pack/engine';

type Statement = Record<string, unknown>;

function categories(verdict: PolicyVerdict): string[] {
  expect(verdict.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return [...new Set(verdict.findings.map((f) => f.category))].sort();
}

function document(...statements: Statement[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

const allow = (Action: unknown, Resource: unknown, extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});

const EC2 = 'arn:aws:ec2:us-east-1:123456789012';
const NAMED_LAUNCH = [
  `${EC2}:instance/*`,
  `${EC2}:volume/*`,
  `${EC2}:network-interface/*`,
  `${EC2}:subnet/subnet-0abc1234`,
  `${EC2}:security-group/sg-0abc1234`,
  'arn:aws:ec2:us-east-1::image/ami-0abc1234',
];

const documentRows: { case: string; statements: Statement[]; categories: string[] }[] = [
  {
    case: 'Deny NotResource arn:aws:s3:::* spares every S3 object, so it cancels nothing',
    statements: [
      allow('s3:GetObject', 'arn:aws:s3:::*/*'),
      { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::*' },
    ],
    categories: ['data-exfiltration'],
  },
  {
    case: 'Deny NotResource on every S3 ARN spares an Allow on *, which keeps S3',
    statements: [
      allow('s3:GetObject', '*'),
      { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::*' },
    ],
    categories: ['data-exfiltration'],
  },
  {
    case: 'Deny NotResource one folder narrows an Allow on every object to that folder',
    statements: [
      allow('s3:GetObject', 'arn:aws:s3:::*/*'),
      { Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::reports/*' },
    ],
    categories: [],
  },
  {
    case: 'Deny NotResource a bucket cancels an Allow on another bucket',
    statements: [
      allow('s3:PutObject', 'arn:aws:s3:::*/*'),
      allow('s3:GetObject', 'arn:aws:s3:::other/*'),
      { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::reports/*' },
    ],
    categories: [],
  },
  {
    case: 'a Deny with a condition that may not hold cancels nothing',
    statements: [
      allow('secretsmanager:GetSecretValue', '*'),
      {
        Effect: 'Deny',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
    ],
    categories: ['data-exfiltration'],
  },
  {
    case: 'a Deny with a condition that never holds cancels nothing',
    statements: [
      allow('secretsmanager:GetSecretValue', '*'),
      {
        Effect: 'Deny',
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:CurrentTime': '2019-01-01T00:00:00Z' } },
      },
    ],
    categories: ['data-exfiltration'],
  },
  {
    case: 'an unconditional Deny on * cancels the Allow',
    statements: [
      allow('secretsmanager:GetSecretValue', '*'),
      { Effect: 'Deny', Action: 'secretsmanager:*', Resource: '*' },
    ],
    categories: [],
  },
  {
    case: 'RunInstances on what it creates, into a named subnet, security group and image',
    statements: [allow('ec2:RunInstances', NAMED_LAUNCH)],
    categories: [],
  },
  {
    case: 'RunInstances with a named role passed and named launch resources',
    statements: [
      allow('ec2:RunInstances', NAMED_LAUNCH),
      allow('iam:PassRole', 'arn:aws:iam::123456789012:role/app-instance'),
    ],
    categories: [],
  },
  {
    case: 'RunInstances on instance/* alone names nothing pre-existing',
    statements: [allow('ec2:RunInstances', `${EC2}:instance/*`)],
    categories: ['wildcard-resource-write'],
  },
  {
    case: 'RunInstances from any image is unconstrained even into a named subnet',
    statements: [
      allow('ec2:RunInstances', [
        `${EC2}:instance/*`,
        `${EC2}:subnet/subnet-0abc1234`,
        'arn:aws:ec2:*::image/*',
      ]),
    ],
    categories: ['wildcard-resource-write'],
  },
  {
    case: 'a non-create action on instance/* beside a named subnet stays unconstrained',
    statements: [allow(['ec2:RunInstances', 'ec2:TerminateInstances'], NAMED_LAUNCH)],
    categories: ['wildcard-resource-write'],
  },
  {
    case: 'a resource of another service is not a pre-existing resource of RunInstances',
    statements: [allow('ec2:RunInstances', [`${EC2}:instance/*`, 'arn:aws:s3:::named-bucket'])],
    categories: ['wildcard-resource-write'],
  },
  {
    case: 'a resource type RunInstances does not use is not a pre-existing resource of it',
    statements: [allow('ec2:RunInstances', [`${EC2}:instance/*`, `${EC2}:vpc/vpc-0abc1234`])],
    categories: ['wildcard-resource-write'],
  },
];

const PRIVESC_POLICY = {
  source: 'inline:agent',
  document: document(allow('iam:PutRolePolicy', '*')),
};
const SECRETS_POLICY = {
  source: 'inline:agent',
  document: document(allow(['secretsmanager:GetSecretValue', 's3:GetObject'], '*')),
};

const roleRows: {
  case: string;
  policy: { source: string; document: object };
  boundary: Statement[];
  categories: string[];
}[] = [
  {
    case: "a boundary's s3:prefix condition does not scope iam:PutRolePolicy behind it",
    policy: PRIVESC_POLICY,
    boundary: [allow('*', '*', { Condition: { StringLike: { 's3:prefix': 'home/*' } } })],
    categories: ['privilege-escalation', 'resource-exposure', 'wildcard-resource-write'],
  },
  {
    case: "a boundary's resource-tag condition scopes the secret reads it covers",
    policy: SECRETS_POLICY,
    boundary: [
      allow('secretsmanager:*', '*', {
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
      }),
    ],
    categories: [],
  },
  {
    case: "a boundary statement's condition does not scope what another statement allows",
    policy: SECRETS_POLICY,
    boundary: [
      allow('secretsmanager:*', '*', {
        Condition: { StringEquals: { 'aws:ResourceTag/team': 'payments' } },
      }),
      allow('s3:GetObject', '*'),
    ],
    categories: ['data-exfiltration'],
  },
  {
    case: "a boundary's condition that never holds allows nothing",
    policy: PRIVESC_POLICY,
    boundary: [
      allow('*', '*', { Condition: { DateLessThan: { 'aws:TokenIssueTime': '2019-01-01' } } }),
    ],
    categories: [],
  },
];

describe('denies, create actions and boundaries', () => {
  test.each(documentRows)('$case', ({ statements, categories: expected }) => {
    expect(categories(judgePolicy(document(...statements)))).toEqual(expected);
  });

  test.each(roleRows)('$case', ({ policy, boundary, categories: expected }) => {
    const verdict = judgeEffectivePermissions({
      policies: [policy],
      boundary: { source: 'inline:boundary', document: document(...boundary) },
    });
    expect(categories(verdict)).toEqual(expected);
  });
});
