import { agentNoWildcardActions } from '../../../policy-pack/policies/no-wildcard-actions';
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { compliantConfig, resource, runStackPolicy, UNKNOWN, verdicts } from '../harness';
import {
  ADMIN_ARN,
  CUSTOMER_POLICY_ARN,
  agentStack,
  allow,
  customerPolicy,
  deny,
  documentOf,
  plus,
  policyAttachment,
  rawVaultTargetedRole,
  roleOf,
  rolePolicyAttachment,
  rolePolicyOf,
  withBoundary,
  withRole,
  withRolePolicy,
  type Statement,
} from './permission-fixtures';

const URN = roleOf(agentStack()).urn;
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:support-tickets';
const AS_WRITTEN =
  'A wildcard is refused as written, even where a Deny or the permissions boundary narrows it.';
const agent = (message: string) => `Agent "ticket-triager": ${message}`;
const mandatory = (message: string, urn = URN) => ({ enforcementLevel: 'mandatory', urn, message });

const sqsWildcard: Statement = { Effect: 'Allow', Action: 'sqs:*', Resource: QUEUE };

describe('agent-no-wildcard-actions', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoWildcardActions, agentStack())).toEqual([]);
  });

  test.each([
    {
      case: 'an inline policy with "s3:*"',
      stack: () =>
        withRole(
          (p) => (p.inlinePolicies = [{ name: 'extra', policy: documentOf(allow('s3:*')) }]),
        ),
      messages: [
        `inline:extra Statement[0] allows the wildcard action "s3:*": "s3:*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'a RolePolicy with a prefix wildcard "s3:Get*" on one bucket',
      stack: () =>
        withRolePolicy(allow(['sqs:ReceiveMessage', 's3:Get*'], 'arn:aws:s3:::tickets/*')),
      messages: [
        `rolePolicy:ticket-triager-policy Statement[0] allows the wildcard action "s3:Get*": "s3:Get*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'a RolePolicy with "*:*", with a Sid',
      stack: () => withRolePolicy({ ...allow('*:*'), Sid: 'Everything' }),
      messages: [
        `rolePolicy:ticket-triager-policy Statement[0] (Sid "Everything") allows the wildcard action "*:*": "*:*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'an Allow with NotAction',
      stack: () =>
        withRolePolicy({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
      messages: [
        `rolePolicy:ticket-triager-policy Statement[0] allows every action except "iam:*", "organizations:*" (NotAction): grant the exact actions with "Action" instead.`,
      ],
    },
    {
      case: 'AdministratorAccess attached by RolePolicyAttachment',
      stack: () => plus(rolePolicyAttachment('admin', ADMIN_ARN)),
      messages: [
        `${ADMIN_ARN} Statement[0] allows the wildcard action "*": "*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'AdministratorAccess attached by PolicyAttachment',
      stack: () => plus(policyAttachment('admin', ADMIN_ARN)),
      messages: [
        `${ADMIN_ARN} Statement[0] allows the wildcard action "*": "*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'AdministratorAccess in managedPolicyArns',
      stack: () => withRole((p) => (p.managedPolicyArns = [ADMIN_ARN])),
      messages: [
        `${ADMIN_ARN} Statement[0] allows the wildcard action "*": "*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'an attached customer-managed policy with wildcards',
      stack: () =>
        plus(
          customerPolicy('ticket-extra', documentOf(allow(['ec2:Describe*', 'logs:*']))),
          rolePolicyAttachment('extra', CUSTOMER_POLICY_ARN),
        ),
      messages: [
        `policy:ticket-extra Statement[0] allows the wildcard actions "ec2:Describe*", "logs:*": "ec2:Describe*" is a wildcard; list the exact actions, e.g. "ec2:DescribeTags". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'a wildcard that a Deny cancels is still refused',
      stack: () => withRolePolicy(sqsWildcard, deny('sqs:*', QUEUE)),
      messages: [
        `rolePolicy:ticket-triager-policy Statement[0] allows the wildcard action "sqs:*": "sqs:*" is a wildcard; list the exact actions, e.g. "sqs:GetQueueUrl". ${AS_WRITTEN}`,
      ],
    },
    {
      case: 'a wildcard that the boundary caps is still refused',
      stack: () => {
        const resources = withBoundary(allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
        rolePolicyOf(resources).props.policy = documentOf(sqsWildcard);
        return resources;
      },
      messages: [
        `rolePolicy:ticket-triager-policy Statement[0] allows the wildcard action "sqs:*": "sqs:*" is a wildcard; list the exact actions, e.g. "sqs:GetQueueUrl". ${AS_WRITTEN}`,
      ],
    },
    {
      case: "a privilege-escalation combination is exact actions, so not this policy's",
      stack: () =>
        withRolePolicy(allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'])),
      messages: [],
    },
    {
      case: 'a Deny with wildcards is fine',
      stack: () => withRolePolicy(allow('sqs:ReceiveMessage', QUEUE), deny('s3:*')),
      messages: [],
    },
    {
      case: 'a customer policy attached from outside the stack cannot be judged',
      stack: () =>
        plus(rolePolicyAttachment('by-hand', 'arn:aws:iam::123456789012:policy/made-by-hand')),
      messages: [
        'arn:aws:iam::123456789012:policy/made-by-hand (attached by rolePolicyAttachment:by-hand) is not an aws.iam.Policy of this stack nor an AWS managed policy, so its document cannot be judged. Declare the policy in this stack as an aws.iam.Policy (or inline), so the pack can judge it, or exempt the agent with a reason.',
      ],
    },
  ])('$case', async ({ stack, messages }) => {
    const ds = await runStackPolicy(agentNoWildcardActions, stack());
    expect(verdicts(ds)).toEqual(messages.map((m) => mandatory(agent(m))));
  });

  test('a document unknown at preview is an advisory, and the known ones are still judged', async () => {
    const resources = plus(rolePolicyAttachment('admin', ADMIN_ARN));
    rolePolicyOf(resources).props.policy = UNKNOWN;
    const ds = await runStackPolicy(agentNoWildcardActions, resources);
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'advisory',
        urn: URN,
        message:
          'Agent "ticket-triager": the policy document of rolePolicy:ticket-triager-policy is unknown at preview (.policy); it will be verified at update.',
      },
      mandatory(
        agent(
          `${ADMIN_ARN} Statement[0] allows the wildcard action "*": "*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
        ),
      ),
    ]);
  });

  test('a raw untagged role targeted by a Vault role is judged by its role name', async () => {
    const resources = rawVaultTargetedRole(
      resource(RESOURCE_TYPES.rolePolicy, 'legacy-policy', {
        role: 'legacy-reporter',
        policy: documentOf(allow('cloudwatch:*')),
      }),
    );
    const ds = await runStackPolicy(agentNoWildcardActions, resources);
    expect(verdicts(ds)).toEqual([
      mandatory(
        `Agent "legacy-reporter": rolePolicy:legacy-policy Statement[0] allows the wildcard action "cloudwatch:*": "cloudwatch:*" is a wildcard; list the exact actions, e.g. "cloudwatch:GetView". ${AS_WRITTEN}`,
        roleOf(resources).urn,
      ),
    ]);
  });

  test('a valid exemption turns the violation into an advisory naming who approved it', async () => {
    const ds = await runStackPolicy(agentNoWildcardActions, withRolePolicy(sqsWildcard), {
      ...compliantConfig,
      exemptions: [
        {
          policy: 'agent-no-wildcard-actions',
          agent: 'ticket-triager',
          reason: 'Queue actions being enumerated (SEC-42)',
          approvedBy: 'jane@example.com',
          expiresOn: '2999-01-01',
        },
      ],
    });
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'advisory',
        urn: URN,
        message: agent(
          `rolePolicy:ticket-triager-policy Statement[0] allows the wildcard action "sqs:*": "sqs:*" is a wildcard; list the exact actions, e.g. "sqs:GetQueueUrl". ${AS_WRITTEN} Exempted by jane@example.com until 2999-01-01: Queue actions being enumerated (SEC-42).`,
        ),
      },
    ]);
  });

  test('a role that is not an agent is not judged', async () => {
    const resources = agentStack().filter((r) => r.type !== RESOURCE_TYPES.vaultAwsRole);
    const role = roleOf(resources);
    role.props.tags = {};
    role.props.assumeRolePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
    rolePolicyOf(resources).props.policy = documentOf(allow('s3:*'));
    expect(await runStackPolicy(agentNoWildcardActions, resources)).toEqual([]);
  });
});
