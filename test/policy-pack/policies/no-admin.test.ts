import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentNoAdmin } from '../../../policy-pack/policies/no-admin';
import { resource, UNKNOWN, verdictsOf, unknownAtPreview, mandatory } from '../../support/harness';
import { testCategoryPolicy } from './category-policy-cases';
import { agentStack, allow, plus, ROLE_NAME, roleOf, withRolePolicy } from './permission-fixtures';

const URN = roleOf(agentStack()).urn;

/** The engine's finding after `<source> Statement[0] `, for "*" and for AdministratorAccess alike. */
const FINDING =
  'gives administrator access: 22091 of 22091 actions on any resource, all of IAM included; grant only the exact actions the agent needs, on named resources.';

describe('agent-no-admin', () => {
  testCategoryPolicy(agentNoAdmin, {
    risky: allow('*'),
    riskyName: '"Action": "*" on "*"',
    finding: FINDING,
    adminFinding: FINDING,
  });

  test.each([
    {
      case: '"iam:*" alone is privilege escalation, not administrator access',
      stack: () => withRolePolicy(allow('iam:*')),
      verdicts: [],
    },
    {
      // It grants what it lists, so a list computed at preview cannot pass silently.
      case: 'a RolePolicyAttachmentsExclusive whose policyArns are unknown at preview is an advisory',
      stack: () =>
        plus(
          resource(RESOURCE_TYPES.rolePolicyAttachmentsExclusive, 'exclusive', {
            roleName: ROLE_NAME,
            policyArns: UNKNOWN,
          }),
        ),
      verdicts: [
        mandatory(
          URN,
          unknownAtPreview(
            'ticket-triager',
            'the policy ARN attached by rolePolicyAttachmentsExclusive:exclusive',
            '.policyArns',
          ),
        ),
      ],
    },
  ])('$case', async ({ stack, verdicts }) => {
    expect(await verdictsOf(agentNoAdmin, stack())).toEqual(verdicts);
  });
});
