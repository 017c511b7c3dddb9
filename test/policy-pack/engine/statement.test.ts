/**
 * Rule: an identity policy names no principal (policy-pack/engine/statement.ts). IAM refuses an
 * identity policy with Principal or NotPrincipal (MalformedPolicyDocument: "Policy document should
 * not specify a principal"). A resource policy names principals, so it is a warning on the field,
 * and the statement is still judged for what it grants.
 */
import { judgePolicy } from '../../../policy-pack/engine';

const message = (element: string, index = 0) =>
  `Statement[${index}]: ${element} is not allowed in an identity policy (IAM refuses a role's or user's policy that has one: "Policy document should not specify a principal"); remove it, as principals belong in a trust policy or a resource policy`;

describe('rule: an identity policy names no principal', () => {
  test.each([
    { case: 'Principal "*"', element: 'Principal', value: '*' },
    {
      case: 'an AWS principal',
      element: 'Principal',
      value: { AWS: 'arn:aws:iam::111122223333:root' },
    },
    {
      case: 'a service principal',
      element: 'Principal',
      value: { Service: 'lambda.amazonaws.com' },
    },
    {
      case: 'NotPrincipal',
      element: 'NotPrincipal',
      value: { AWS: 'arn:aws:iam::111122223333:root' },
    },
    { case: 'lower-case principal', element: 'principal', value: '*', shown: 'Principal' },
  ])('$case is a warning, on its field, with the value received', ({ element, value, shown }) => {
    const verdict = judgePolicy({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          [element]: value,
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::reports/*',
        },
      ],
    });
    const field = shown ?? element;
    expect(verdict.problems.filter((p) => p.field === field)).toEqual([
      expect.objectContaining({
        statement: 0,
        field,
        value,
        severity: 'warning',
        message: message(field),
      }),
    ]);
    expect(verdict.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('the statement is still judged: a grant beside the principal is not lost', () => {
    const verdict = judgePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    });
    expect(verdict.overPermissioned).toBe(true);
    expect(verdict.findings.map((f) => f.category)).toEqual(['data-exfiltration']);
  });

  test('a policy without a principal has no such problem', () => {
    const verdict = judgePolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
    });
    expect(verdict.problems).toEqual([]);
  });
});
