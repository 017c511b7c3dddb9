import { agentNoUnscopedWrite } from '../../../policy-pack/policies/no-unscoped-write';
import { verdictsOf } from '../../support/harness';
import { testCategoryPolicy } from './category-policy-cases';
import { allow, withRolePolicy } from './permission-fixtures';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:support-tickets';

describe('agent-no-unscoped-write', () => {
  testCategoryPolicy(agentNoUnscopedWrite, {
    risky: allow(['sns:Publish', 'sqs:SendMessage']),
    riskyName: '"sns:Publish" and "sqs:SendMessage" on "*"',
    finding:
      'allows 2 write actions ("sns:Publish", "sqs:SendMessage") on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:sns:us-east-1:123456789012:my-topic".',
    // AdministratorAccess: the known escalation paths among its writes (high), then every write.
    adminFinding: [
      'allows a known privilege-escalation path (pathfinding.cloud cloudformation-002): "cloudformation:UpdateStack" on any resource updates any stack, whose service role then creates what the new template says (with iam:PassRole, any role can be the stack\'s new service role); name the resources in Resource instead, e.g. "arn:aws:cloudformation:us-east-1:123456789012:stack/my-stack/*".',
      'allows a known privilege-escalation path (pathfinding.cloud ssm-001): "ssm:StartSession" on any resource opens a shell on any managed instance, and so holds its instance role\'s credentials; name the resources in Resource instead, e.g. "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0".',
      'allows a known privilege-escalation path (pathfinding.cloud ssm-002): "ssm:SendCommand" on any resource runs commands on any managed instance, and so acts with its instance role\'s credentials; name the resources in Resource instead, e.g. "arn:aws:ec2:us-east-1:123456789012:instance/i-0123456789abcdef0".',
      'allows a known privilege-escalation path (pathfinding.cloud ssm-003): "iam:PassRole", "ssm:CreateDocument", "ssm:StartAutomationExecution" on any resource runs an Automation document it wrote as any role it passes to Systems Manager; name the resources in Resource instead, e.g. "arn:aws:iam::123456789012:role/my-automation-role".',
      'allows 9758 write actions ("a4b:AssociateContactWithAddressBook", "a4b:AssociateDeviceWithNetworkProfile", "a4b:AssociateDeviceWithRoom", "a4b:AssociateSkillGroupWithRoom", "a4b:AssociateSkillWithSkillGroup" and 9753 more) on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:a4b:us-east-1:123456789012:<resource-type>/<name>".',
    ],
  });

  test.each([
    { case: 'a write on the named queue', statement: allow('sqs:SendMessage', QUEUE) },
    {
      case: 'an action that only supports "*" (cloudwatch:PutMetricData)',
      statement: allow('cloudwatch:PutMetricData'),
    },
    { case: 'reads on "*"', statement: allow(['sqs:ListQueues']) },
  ])('no violation for $case', async ({ statement }) => {
    expect(await verdictsOf(agentNoUnscopedWrite, withRolePolicy(statement))).toEqual([]);
  });
});
