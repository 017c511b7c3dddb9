import {
  isWholeAccount,
  principalProblem,
  sessionTagValues,
} from '../../../../policy-pack/lib/identity/trust';
import { parseTrustPolicy, type TrustStatement } from '../../../../policy-pack/lib/trust';

const VAULT = 'arn:aws:iam::123456789012:role/vault';

function statement(condition: Record<string, unknown>): TrustStatement {
  const parsed = parseTrustPolicy({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: VAULT },
        Action: 'sts:AssumeRole',
        Condition: condition,
      },
    ],
  });
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.statements[0];
}

describe('the trust rules', () => {
  test.each([
    ['123456789012', true],
    ['arn:aws:iam::123456789012:root', true],
    ['arn:aws-cn:iam::123456789012:root', true],
    [VAULT, false],
  ])('%s is a whole account: %s', (principal, whole) => {
    expect(isWholeAccount(principal)).toBe(whole);
  });

  test('only an allowed AWS principal is accepted', () => {
    const allowed = new Set([VAULT]);
    expect(principalProblem({ kind: 'aws', value: VAULT }, allowed)).toBeUndefined();
    expect(principalProblem({ kind: 'anyone', value: '*' }, allowed)).toBe(
      'Principal "*" lets any AWS principal assume the role',
    );
    expect(principalProblem({ kind: 'service', value: 'ec2.amazonaws.com' }, allowed)).toBe(
      'the service principal "ec2.amazonaws.com" may assume the role; agents are assumed only by Vault',
    );
  });

  test.each([
    {
      case: 'StringEquals',
      condition: { StringEquals: { 'aws:RequestTag/agent': 'x' } },
      values: ['x'],
    },
    {
      case: 'a key in another case',
      condition: { StringEquals: { 'AWS:requesttag/Agent': 'x' } },
      values: ['x'],
    },
    {
      case: 'StringLike without wildcards',
      condition: { StringLike: { 'aws:RequestTag/agent': 'x' } },
      values: ['x'],
    },
    {
      case: 'StringLike with a wildcard',
      condition: { StringLike: { 'aws:RequestTag/agent': 'x*' } },
      values: undefined,
    },
    {
      case: 'a negation',
      condition: { StringNotEquals: { 'aws:RequestTag/agent': 'x' } },
      values: undefined,
    },
  ])('the session tag required by $case', ({ condition, values }) => {
    expect(sessionTagValues(statement(condition))).toEqual(values);
  });
});

describe('principal kinds and service names are read without regard to case (fail closed)', () => {
  test.each([
    {
      case: 'a lower-case "aws" key with "*"',
      principal: { aws: '*' },
      kind: 'anyone',
      value: '*',
    },
    {
      case: 'an upper-case AI service name',
      principal: { Service: 'BEDROCK.amazonaws.com' },
      kind: 'service',
      value: 'bedrock.amazonaws.com',
    },
    {
      case: 'a lower-case "service" key',
      principal: { service: 'bedrock-agentcore.amazonaws.com' },
      kind: 'service',
      value: 'bedrock-agentcore.amazonaws.com',
    },
    {
      case: 'a "FEDERATED" key',
      principal: { FEDERATED: 'arn:aws:iam::123456789012:oidc-provider/x' },
      kind: 'federated',
      value: 'arn:aws:iam::123456789012:oidc-provider/x',
    },
  ])('$case', ({ principal, kind, value }) => {
    const parsed = parseTrustPolicy({
      Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
    });
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.statements[0]?.principals).toEqual([{ kind, value }]);
  });
});
