/**
 * `agent-no-resource-exposure`: judged on the agent's effective permissions (engine category
 * `resource-exposure`): Permissions-management actions such as s3:PutBucketPolicy or
 * kms:PutKeyPolicy, unconstrained.
 */
import {
  agentPermissionsPolicy,
  categoryViolations,
  type PermissionPolicyDefinition,
} from '../lib/permission-policy';

/** The rule, which the stack policy and its step policy (`agent-step-no-resource-exposure`) both apply. */
export const noResourceExposureRule: PermissionPolicyDefinition = {
  name: 'agent-no-resource-exposure',
  description:
    "An agent's effective permissions may not change the resource policies or permissions of every resource of a kind.",
  severity: 'high',
  remediationSteps:
    "Remove the permissions-management actions, or scope them to the one named resource the agent manages; resource policies belong in the infrastructure program, not in an agent's hands.",
  violations: categoryViolations('resource-exposure'),
};

export const agentNoResourceExposure = agentPermissionsPolicy(noResourceExposureRule);
