import { PRIVILEGE_ESCALATION_METHODS } from '../../../policy-pack/engine';
import { agentNoPrivilegeEscalation } from '../../../policy-pack/policies/no-privilege-escalation';
import { mandatory, verdictsOf } from '../../support/harness';
import { testCategoryPolicy } from './category-policy-cases';
import {
  agentStack,
  allow,
  BOUNDARY_NOTE,
  documentOf,
  roleOf,
  withRolePolicy,
} from './permission-fixtures';

const URN = roleOf(agentStack()).urn;
const METHODS = Object.keys(PRIVILEGE_ESCALATION_METHODS);
const agent = (message: string) => `Agent "ticket-triager": ${message}${BOUNDARY_NOTE}`;

/** The engine's finding on the PassRole + Lambda combination, after `<source> Statement[0] `. */
const FINDING =
  'allows privilege escalation (PassExistingRoleToNewLambdaThenInvoke): "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction" on any resource; limit iam:PassRole to the named roles the agent must pass, and scope these actions to named resources, or drop one of them.';

describe('agent-no-privilege-escalation', () => {
  testCategoryPolicy(agentNoPrivilegeEscalation, {
    risky: allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']),
    riskyName: 'PassRole + CreateFunction + InvokeFunction on "*"',
    finding: FINDING,
    adminCaseName: '$case enables every escalation method: one violation names them all',
    adminFinding: `allows privilege escalation by 59 methods (${METHODS.slice(0, 5).join(', ')} and 54 more) through "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup", "iam:CreatePolicyVersion" and 62 more (67) on any resource; limit iam:PassRole to the named roles the agent must pass, and scope these actions to named resources, or drop them.`,
  });

  test('the catalogue the AdministratorAccess finding counts has 59 escalation methods', () => {
    expect(METHODS).toHaveLength(59);
  });

  test.each([
    {
      case: 'methods enabled by different statements are reported per statement',
      stack: () =>
        withRolePolicy(
          allow(['iam:CreateAccessKey', 'iam:CreateLoginProfile']),
          allow('iam:PutRolePolicy'),
        ),
      verdicts: [
        mandatory(
          URN,
          agent(
            'rolePolicy:ticket-triager-policy Statement[0] allows privilege escalation by 2 methods (CreateAccessKey, CreateLoginProfile) through "iam:CreateAccessKey", "iam:CreateLoginProfile" on any resource; scope these actions to named resources, or drop them.',
          ),
        ),
        mandatory(
          URN,
          agent(
            'rolePolicy:ticket-triager-policy Statement[1] allows privilege escalation (PutRolePolicy): "iam:PutRolePolicy" on any resource; scope these actions to named resources, or drop one of them.',
          ),
        ),
      ],
    },
    {
      case: 'iam:PassRole limited to one named role is not an escalation',
      stack: () =>
        withRolePolicy(
          allow('iam:PassRole', 'arn:aws:iam::123456789012:role/ticket-lambda'),
          allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
        ),
      verdicts: [],
    },
    {
      case: 'the combination split across two documents is still found',
      stack: () => {
        const resources = withRolePolicy(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']));
        roleOf(resources).props.inlinePolicies = [
          { name: 'pass', policy: documentOf(allow('iam:PassRole')) },
        ];
        return resources;
      },
      verdicts: [mandatory(URN, agent(`inline:pass Statement[0] ${FINDING}`))],
    },
  ])('$case', async ({ stack, verdicts }) => {
    expect(await verdictsOf(agentNoPrivilegeEscalation, stack())).toEqual(verdicts);
  });
});
