import {
  nativeRuntimesTrusted,
  serviceTrustProblems,
} from '../../../../policy-pack/lib/identity/native-trust';
import { parseTrustPolicy, type TrustStatement } from '../../../../policy-pack/lib/trust';
import { serviceTrustPolicyDocument } from '../../../../components/documents';
import { NATIVE_RUNTIMES, type NativeRuntime } from '../../../../policy-pack/lib/runtimes';

const ACCOUNT = '123456789012';

function statements(doc: unknown): TrustStatement[] {
  const parsed = parseTrustPolicy(doc);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.statements;
}

const trust = (principal: string, condition?: object) =>
  statements({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: principal },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });

describe('native trust: what the components write passes, per runtime', () => {
  test.each(Object.keys(NATIVE_RUNTIMES) as NativeRuntime[])('%s', (runtime) => {
    const doc = serviceTrustPolicyDocument(runtime, {
      partition: 'aws',
      region: 'eu-west-1',
      account: ACCOUNT,
    });
    const [s] = statements(doc);
    expect(nativeRuntimesTrusted([s])).toContain(runtime);
    expect(serviceTrustProblems(s, NATIVE_RUNTIMES[runtime].servicePrincipal)).toEqual([]);
  });
});

describe('native trust: confused-deputy conditions', () => {
  const agentArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/*`;
  test.each([
    {
      case: 'no conditions at all',
      condition: undefined,
      problems: [
        `Statement[0] lets bedrock.amazonaws.com assume the role for any account's resources (confused deputy); add the condition StringEquals "aws:SourceAccount": "<this account's id>"`,
        `Statement[0] does not pin aws:SourceArn, which bedrock.amazonaws.com sets; add the condition ArnLike "aws:SourceArn": "arn:<partition>:bedrock:<region>:<account>:agent/*"`,
      ],
    },
    {
      case: 'a wildcard account',
      condition: {
        StringLike: { 'aws:SourceAccount': '*' },
        ArnLike: { 'aws:SourceArn': agentArn },
      },
      problems: [
        `Statement[0] lets bedrock.amazonaws.com assume the role for any account's resources (confused deputy); add the condition StringEquals "aws:SourceAccount": "<this account's id>"`,
      ],
    },
    {
      case: 'a source ARN of another account',
      condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:us-east-1:999999999999:agent/*' },
      },
      problems: [
        `Statement[0] allows aws:SourceArn "arn:aws:bedrock:us-east-1:999999999999:agent/*", which is not one of this account's bedrock resources; use ArnLike "aws:SourceArn": "arn:<partition>:bedrock:<region>:${ACCOUNT}:agent/*"`,
      ],
    },
    {
      case: 'a source ARN of any account',
      condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': 'arn:aws:bedrock:*:*:agent/*' },
      },
      problems: [
        `Statement[0] allows aws:SourceArn "arn:aws:bedrock:*:*:agent/*", which is not one of this account's bedrock resources; use ArnLike "aws:SourceArn": "arn:<partition>:bedrock:<region>:${ACCOUNT}:agent/*"`,
      ],
    },
    {
      case: 'both, right',
      condition: {
        StringEquals: { 'aws:SourceAccount': ACCOUNT },
        ArnLike: { 'aws:SourceArn': agentArn },
      },
      problems: [],
    },
  ])('$case', ({ condition, problems }) => {
    const [s] = trust('bedrock.amazonaws.com', condition);
    expect(serviceTrustProblems(s, 'bedrock.amazonaws.com')).toEqual(problems);
  });

  test('Lambda sets no source ARN, so the account alone is enough', () => {
    const [s] = trust('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } });
    expect(serviceTrustProblems(s, 'lambda.amazonaws.com')).toEqual([]);
    expect(nativeRuntimesTrusted([s])).toEqual(['lambda']);
  });

  test('a service that runs no agents is not a native runtime', () => {
    expect(nativeRuntimesTrusted(trust('ec2.amazonaws.com'))).toEqual([]);
  });
});
