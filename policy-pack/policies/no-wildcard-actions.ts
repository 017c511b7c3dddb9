/**
 * `agent-no-wildcard-actions`: every action an agent is allowed is named exactly, in every document
 * that grants its role permissions, as written. Unlike the other permission policies it does not
 * ask what the wildcard really grants after Denies and the boundary: a wildcard grows silently when
 * AWS adds actions, so it is refused even where a Deny or the permissions boundary caps it today.
 */
import type { PolicySource } from '../engine';
import {
  WILDCARD_ACTIONS_POLICY,
  wildcardActionViolations,
} from '../engine/rules/wildcard-actions';
import { agentPermissionsPolicy, type PermissionPolicyDefinition } from '../lib/permission-policy';

/** The rule, which the stack policy and its step policy (`agent-step-no-wildcard-actions`) both apply. */
export const noWildcardActionsRule: PermissionPolicyDefinition = {
  name: WILDCARD_ACTIONS_POLICY,
  description:
    'An agent\'s role may not allow wildcard actions (such as "*", "s3:*" or "s3:Get*") or NotAction in any of its policies.',
  severity: 'high',
  remediationSteps:
    'List the exact actions the agent needs, e.g. "s3:GetObject" instead of "s3:*" or "s3:Get*", in every inline, attached and AWS managed policy of its role. Replace an Allow with NotAction by an Allow of the exact actions. Replace an AWS managed policy that uses wildcards by a customer policy with exact actions.',
  violations: (context) => [
    ...context.permissions.permissions.policies.flatMap(wildcardViolations),
    // A statement the engine cannot read is one it cannot judge, in any policy: say so once, here.
    ...context
      .verdict()
      .problems.filter((p) => p.severity === 'error')
      .map((p) => `${p.source ?? 'a policy document'} cannot be judged: ${p.message}`),
  ],
};

export const agentNoWildcardActions = agentPermissionsPolicy(noWildcardActionsRule);

/** The Allow statements of one document that use wildcard actions or NotAction. */
function wildcardViolations(policy: PolicySource): string[] {
  return wildcardActionViolations(policy.document, policy.source);
}
