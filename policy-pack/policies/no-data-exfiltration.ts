/**
 * `agent-no-data-exfiltration`: judged on the agent's effective permissions (engine category
 * `data-exfiltration`): s3:GetObject, ssm:GetParameter(s), ssm:GetParametersByPath,
 * secretsmanager:GetSecretValue and kms:Decrypt, unconstrained.
 */
import {
  agentPermissionsPolicy,
  categoryViolations,
  type PermissionPolicyDefinition,
} from '../lib/permission-policy';

/** The rule, which the stack policy and its step policy (`agent-step-no-data-exfiltration`) both apply. */
export const noDataExfiltrationRule: PermissionPolicyDefinition = {
  name: 'agent-no-data-exfiltration',
  description:
    "An agent's effective permissions may not read objects, parameters, secrets or decrypt with keys across a whole account.",
  severity: 'high',
  remediationSteps:
    'Scope each read to the buckets, parameter paths, secrets and keys the agent needs (e.g. "arn:aws:s3:::tickets-bucket/*", "arn:aws:ssm:eu-west-1:123456789012:parameter/ticket-triager/*").',
  violations: categoryViolations('data-exfiltration'),
};

export const agentNoDataExfiltration = agentPermissionsPolicy(noDataExfiltrationRule);
