/**
 * `agent-no-privilege-escalation`: judged on the agent's effective permissions (engine category
 * `privilege-escalation`): every action of one of Cloudsplaining's privilege-escalation methods,
 * allowed unconstrained.
 */
import { agentPermissionsPolicy, categoryViolations } from '../lib/permission-policy';

export const agentNoPrivilegeEscalation = agentPermissionsPolicy({
  name: 'agent-no-privilege-escalation',
  description:
    "An agent's effective permissions may not combine actions that let it grant itself more privileges.",
  severity: 'critical',
  remediationSteps:
    'Remove one action of each method named, or scope it to named resources: e.g. limit iam:PassRole to the one role the agent passes (with iam:PassedToService), never "role/*" or "*".',
  violations: categoryViolations('privilege-escalation'),
});
