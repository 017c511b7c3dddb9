/**
 * `agent-no-credentials-exposure`: judged on the agent's effective permissions (engine category
 * `credentials-exposure`): actions that return credentials, unconstrained (the caller-scoped
 * ecr:GetAuthorizationToken and sts:GetSessionToken are not flagged).
 */
import {
  agentPermissionsPolicy,
  categoryViolations,
  type PermissionPolicyDefinition,
} from '../lib/permission-policy';

/** The rule, which the stack policy and its step policy (`agent-step-no-credentials-exposure`) both apply. */
export const noCredentialsExposureRule: PermissionPolicyDefinition = {
  name: 'agent-no-credentials-exposure',
  description:
    "An agent's effective permissions may not allow actions that return credentials for resources it does not name.",
  severity: 'high',
  remediationSteps:
    'Remove the credential-returning actions, or scope them to the named resources the agent needs; agents get their own AWS credentials from Vault, never by minting more.',
  violations: categoryViolations('credentials-exposure'),
};

export const agentNoCredentialsExposure = agentPermissionsPolicy(noCredentialsExposureRule);
