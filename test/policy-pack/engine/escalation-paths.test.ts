/**
 * Escalation paths beyond Cloudsplaining's methods (pathfinding.cloud), read-only sessions, and
 * the wording of iam:PassRole: each row names the rule it checks, with adversarial variants
 * (patterns, case, NotResource, Deny, a named resource, one action missing).
 */
import { judgePolicy } from '../../../policy-pack/engine';

type Statement = Record<string, unknown>;

const doc = (...Statement: Statement[]): object => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Action,
  Resource: '*',
  ...extra,
});

function summary(document: object): string[] {
  return judgePolicy(document).findings.map(
    (f) =>
      `${f.category}/${f.severity}${f.escalationPath ? ` ${f.escalationPath}` : ''}${f.privescMethod ? ` ${f.privescMethod}` : ''}`,
  );
}

const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/orders/*';
const INSTANCE = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0';
const ROLE = 'arn:aws:iam::123456789012:role/orders-deployer';

describe('escalation paths beyond the privilege-escalation methods', () => {
  test.each([
    {
      case: 'cloudformation-002: UpdateStack on any stack',
      document: doc(allow('cloudformation:UpdateStack')),
      findings: [
        'wildcard-resource-write/high cloudformation-002',
        'wildcard-resource-write/medium',
      ],
    },
    {
      case: 'cloudformation-002: UpdateStack with iam:PassRole, as a pattern (UpdateStackSet too)',
      document: doc(allow(['cloudformation:Update*', 'iam:PassRole'])),
      findings: [
        'privilege-escalation/critical PassRoleToUpdateCloudFormationStackSet',
        'resource-exposure/high',
        'wildcard-resource-write/high cloudformation-002',
        'wildcard-resource-write/medium',
      ],
    },
    {
      case: 'cloudformation-002: UpdateStack on one named stack is no path',
      document: doc(allow('cloudformation:UpdateStack', { Resource: STACK })),
      findings: [],
    },
    {
      case: 'cloudformation-002: UpdateStack with NotResource is unconstrained',
      document: doc({ Effect: 'Allow', Action: 'cloudformation:UpdateStack', NotResource: STACK }),
      findings: [
        'wildcard-resource-write/high cloudformation-002',
        'wildcard-resource-write/medium',
      ],
    },
    {
      case: 'CreateStack with iam:PassRole stays the Cloudsplaining method, not a further path',
      document: doc(allow(['cloudformation:CreateStack', 'iam:PassRole'])),
      findings: [
        'privilege-escalation/critical PassExistingRoleToCloudFormation',
        'resource-exposure/high',
        'wildcard-resource-write/medium',
      ],
    },
    {
      case: 'ssm-002: SendCommand on every instance, upper-case',
      document: doc(allow('SSM:SENDCOMMAND')),
      findings: ['wildcard-resource-write/high ssm-002', 'wildcard-resource-write/medium'],
    },
    {
      case: 'ssm-002: SendCommand on one instance is no path',
      document: doc(allow('ssm:SendCommand', { Resource: INSTANCE })),
      findings: [],
    },
    {
      case: 'ssm-002: SendCommand denied everywhere is no path',
      document: doc(allow('ssm:SendCommand'), { Effect: 'Deny', Action: 'ssm:*', Resource: '*' }),
      findings: [],
    },
    {
      case: 'ssm-001: StartSession through "ssm:Start*"',
      document: doc(allow('ssm:Start*')),
      findings: ['wildcard-resource-write/high ssm-001', 'wildcard-resource-write/medium'],
    },
    {
      case: 'ssm-003: PassRole, CreateDocument and StartAutomationExecution across statements',
      document: doc(
        allow('iam:PassRole'),
        allow(['ssm:CreateDocument', 'ssm:StartAutomationExecution']),
      ),
      findings: [
        'resource-exposure/high',
        'wildcard-resource-write/high ssm-003',
        'wildcard-resource-write/medium',
        'wildcard-resource-write/medium',
      ],
    },
    {
      case: 'ssm-003: PassRole limited to a named role breaks the path',
      document: doc(
        allow('iam:PassRole', { Resource: ROLE }),
        allow(['ssm:CreateDocument', 'ssm:StartAutomationExecution']),
      ),
      findings: ['wildcard-resource-write/medium'],
    },
  ])('$case', ({ document, findings }) => {
    expect(summary(document)).toEqual(findings);
  });

  test('the message names the path, what it does and the fix', () => {
    const finding = judgePolicy(doc(allow('ssm:SendCommand'))).findings[0];
    expect(finding.message).toBe(
      'Statement[0] allows a known privilege-escalation path (pathfinding.cloud ssm-002): "ssm:SendCommand" on any resource runs commands on any managed instance, and so acts with its instance role\'s credentials; name the resources in Resource instead, e.g. "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0".',
    );
  });
});

describe('iam:PassRole is an escalation ingredient, not a permission change', () => {
  test('alone on every role: worded as passing a role, never as changing permissions', () => {
    const finding = judgePolicy(doc(allow('iam:PassRole'))).findings.find(
      (f) => f.category === 'resource-exposure',
    );
    expect(finding?.message).toBe(
      'Statement[0] lets the agent pass any role to an AWS service with "iam:PassRole" (an ingredient of privilege escalation: the service then acts with that role); name the roles the agent must pass in Resource, e.g. "arn:aws:iam::123456789012:role/my-role".',
    );
  });

  test('with a real permission change, the change is worded as one', () => {
    const finding = judgePolicy(doc(allow(['iam:PassRole', 's3:PutBucketPolicy']))).findings.find(
      (f) => f.category === 'resource-exposure',
    );
    expect(finding?.message).toContain('change permissions or resource policies');
  });
});

describe('a session the statement requires to be read-only is a read', () => {
  const session = (condition?: Statement): object =>
    doc(allow('s3express:CreateSession', condition ? { Condition: condition } : {}));

  test.each([
    {
      case: 'StringEquals s3express:SessionMode ReadOnly: data read only',
      document: session({ StringEquals: { 's3express:SessionMode': 'ReadOnly' } }),
      categories: ['data-exfiltration'],
    },
    {
      case: 'no condition: a read-write session',
      document: session(),
      categories: ['data-exfiltration', 'wildcard-resource-write'],
    },
    {
      case: 'StringEqualsIfExists ReadOnly is true without the key: read-write',
      document: session({ StringEqualsIfExists: { 's3express:SessionMode': 'ReadOnly' } }),
      categories: ['data-exfiltration', 'wildcard-resource-write'],
    },
    {
      case: 'StringNotEquals ReadWrite is a negation: read-write',
      document: session({ StringNotEquals: { 's3express:SessionMode': 'ReadWrite' } }),
      categories: ['data-exfiltration', 'wildcard-resource-write'],
    },
    {
      case: 'ReadOnly or ReadWrite: read-write',
      document: session({ StringEquals: { 's3express:SessionMode': ['ReadOnly', 'ReadWrite'] } }),
      categories: ['data-exfiltration', 'wildcard-resource-write'],
    },
  ])('$case', ({ document, categories }) => {
    expect([...new Set(judgePolicy(document).findings.map((f) => f.category))].sort()).toEqual(
      categories,
    );
  });
});

describe('kms:ViaService limits which keys a statement reaches', () => {
  test.each([
    {
      case: 'Decrypt via one service: scoped',
      condition: { StringLike: { 'kms:ViaService': 'sso.*.amazonaws.com' } },
      categories: [],
    },
    {
      case: 'Decrypt via any service ("*"): unscoped',
      condition: { StringLike: { 'kms:ViaService': '*' } },
      categories: ['data-exfiltration', 'wildcard-resource-write'],
    },
    {
      case: 'Decrypt unless via a service (negation): unscoped',
      condition: { StringNotEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      categories: ['data-exfiltration', 'wildcard-resource-write'],
    },
  ])('$case', ({ condition, categories }) => {
    const verdict = judgePolicy(doc(allow('kms:Decrypt', { Condition: condition })));
    expect([...new Set(verdict.findings.map((f) => f.category))].sort()).toEqual(categories);
  });
});
