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
    adminFinding:
      'allows 9778 write actions ("a4b:AssociateContactWithAddressBook", "a4b:AssociateDeviceWithNetworkProfile", "a4b:AssociateDeviceWithRoom", "a4b:AssociateSkillGroupWithRoom", "a4b:AssociateSkillWithSkillGroup" and 9773 more) on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:a4b:us-east-1:123456789012:<resource-type>/<name>".',
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
