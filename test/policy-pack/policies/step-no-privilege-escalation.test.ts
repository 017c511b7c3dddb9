import { agentNoPrivilegeEscalation } from '../../../policy-pack/policies/no-privilege-escalation';
import { agentStepNoPrivilegeEscalation } from '../../../policy-pack/policies/step-no-privilege-escalation';
import { allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';

describe('agent-step-no-privilege-escalation', () => {
  testStepPermissionPolicy(agentStepNoPrivilegeEscalation, agentNoPrivilegeEscalation, {
    risky: allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']),
    finding:
      'allows privilege escalation (PassExistingRoleToNewLambdaThenInvoke): "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction" on any resource; limit iam:PassRole to the named roles the agent must pass, and scope these actions to named resources, or drop one of them.',
    scope: 'effective',
  });
});
