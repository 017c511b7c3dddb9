/**
 * `agent-no-unscoped-write`: judged on the agent's effective permissions (engine category
 * `wildcard-resource-write`): Write and Permissions-management actions whose resource is
 * unconstrained (`*`, `NotResource`, `role/*`).
 */
import {
  agentPermissionsPolicy,
  categoryViolations,
  type PermissionPolicyDefinition,
} from '../lib/permission-policy';

/** The rule, which the stack policy and its step policy (`agent-step-no-unscoped-write`) both apply. */
export const noUnscopedWriteRule: PermissionPolicyDefinition = {
  name: 'agent-no-unscoped-write',
  description:
    "An agent's effective permissions may not allow write or permissions-management actions on every resource of a kind.",
  severity: 'high',
  remediationSteps:
    'Scope every write to the named resources the agent works on (e.g. "arn:aws:s3:::tickets-bucket/*" instead of "*"), or constrain it with a resource-tag condition. Actions that only support "*" (cloudwatch:PutMetricData) are not flagged.',
  violations: categoryViolations('wildcard-resource-write'),
};

export const agentNoUnscopedWrite = agentPermissionsPolicy(noUnscopedWriteRule);
