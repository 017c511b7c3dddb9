/**
 * `agent-no-admin`: judged on the agent's effective permissions (engine category `admin`):
 * (nearly) every action on "*", whether from AdministratorAccess, "Action": "*" or an equivalent
 * customer policy.
 */
import {
  agentPermissionsPolicy,
  categoryViolations,
  type PermissionPolicyDefinition,
} from '../lib/permission-policy';

/** The rule, which the stack policy and its step policy (`agent-step-no-admin`) both apply. */
export const noAdminRule: PermissionPolicyDefinition = {
  name: 'agent-no-admin',
  description: "An agent's effective permissions may not amount to administrator access.",
  severity: 'critical',
  remediationSteps:
    'Detach AdministratorAccess (or the equivalent policy) and grant the agent only the exact actions on the named resources it needs.',
  violations: categoryViolations('admin'),
};

export const agentNoAdmin = agentPermissionsPolicy(noAdminRule);
