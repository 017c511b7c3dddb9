import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentNoWildcardActions } from '../../../policy-pack/policies/no-wildcard-actions';
import type { PackConfigInput } from '../../../policy-pack/lib/config';
import {
  advisory,
  compliantConfig,
  mandatory,
  resource,
  UNKNOWN,
  verdictsOf,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';
import {
  ADMIN_ARN,
  CUSTOMER_POLICY_ARN,
  UNKNOWN_DOCUMENT_VIOLATION,
  adminAttachments,
  agentStack,
  allow,
  customerPolicy,
  deny,
  documentOf,
  plus,
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
const RAW_URN = roleOf(rawVaultTargetedRole()).urn;
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:support-tickets';
const AS_WRITTEN =
  'A wildcard is refused as written, even where a Deny or the permissions boundary narrows it.';
const agent = (message: string) => `Agent "ticket-triager": ${message}`;
const ADMIN_MESSAGE = agent(
  `${ADMIN_ARN} Statement[0] allows the wildcard action "*": "*" is a wildcard; list the exact actions, e.g. "s3:GetObject". ${AS_WRITTEN}`,
);

const sqsWildcard: Statement = { Effect: 'Allow', Action: 'sqs:*', Resource: QUEUE };

/** A role with no agent tag, trusted by EC2 and targeted by no Vault role: not an agent. */
function notAnAgent(): AnalyzedResource[] {
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
  return resources;
}

/** This file runs on the real clock: an exemption a month ahead is within maxExemptionDays. */
const IN_30_DAYS = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describe('agent-no-wildcard-actions', () => {
  test('the compliant agent has no violation', async () => {
    expect(await verdictsOf(agentNoWildcardActions, agentStack())).toEqual([]);
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
    expect(await verdictsOf(agentNoWildcardActions, stack())).toEqual(
      messages.map((m) => mandatory(URN, agent(m))),
    );
  });

  test.each(adminAttachments)('$case is a violation', async ({ stack }) => {
    expect(await verdictsOf(agentNoWildcardActions, stack())).toEqual([
      mandatory(URN, ADMIN_MESSAGE),
    ]);
  });

  test.each<{
    case: string;
    stack: () => AnalyzedResource[];
    config?: PackConfigInput;
    verdicts: Verdict[];
  }>([
    {
      case: 'a document unknown at preview is a violation, and the known ones are still judged',
      stack: () => {
        const resources = plus(rolePolicyAttachment('admin', ADMIN_ARN));
        rolePolicyOf(resources).props.policy = UNKNOWN;
        return resources;
      },
      verdicts: [UNKNOWN_DOCUMENT_VIOLATION, mandatory(URN, ADMIN_MESSAGE)],
    },
    {
      case: 'a raw untagged role targeted by a Vault role is judged by its role name',
      stack: () =>
        rawVaultTargetedRole(
          resource(RESOURCE_TYPES.rolePolicy, 'legacy-policy', {
            role: 'legacy-reporter',
            policy: documentOf(allow('cloudwatch:*')),
          }),
        ),
      verdicts: [
        mandatory(
          RAW_URN,
          `Agent "legacy-reporter": rolePolicy:legacy-policy Statement[0] allows the wildcard action "cloudwatch:*": "cloudwatch:*" is a wildcard; list the exact actions, e.g. "cloudwatch:GetView". ${AS_WRITTEN}`,
        ),
      ],
    },
    {
      case: 'a valid exemption turns the violation into an advisory naming who approved it',
      stack: () => withRolePolicy(sqsWildcard),
      config: {
        ...compliantConfig,
        exemptionApprovers: ['jane@example.com'],
        exemptions: [
          {
            policy: 'agent-no-wildcard-actions',
            agent: 'ticket-triager',
            roleName: 'agent-ticket-triager',
            reason: 'Queue actions being enumerated (SEC-42)',
            approvedBy: 'jane@example.com',
            expiresOn: IN_30_DAYS,
          },
        ],
      },
      verdicts: [
        advisory(
          URN,
          agent(
            `rolePolicy:ticket-triager-policy Statement[0] allows the wildcard action "sqs:*": "sqs:*" is a wildcard; list the exact actions, e.g. "sqs:GetQueueUrl". ${AS_WRITTEN} Exempted by jane@example.com until ${IN_30_DAYS}: Queue actions being enumerated (SEC-42).`,
          ),
        ),
      ],
    },
    { case: 'a role that is not an agent is not judged', stack: notAnAgent, verdicts: [] },
  ])('$case', async ({ stack, config, verdicts }) => {
    expect(await verdictsOf(agentNoWildcardActions, stack(), config)).toEqual(verdicts);
  });
});
