/**
 * `agent-step-owner-required`: agent-owner-required at the role's own step, for a role tagged as an
 * agent, so that an agent nobody answers for is blocked before it is created. Fails closed on an
 * unknown owner, as the stack policy does.
 */
import { judgeAgentTag } from '../lib/agent-tags';
import { ownerTag } from '../lib/role-rules';
import { agentStepRolePolicy } from '../lib/step-policy';
import { agentOwnerRequired } from './owner-required';

export const agentStepOwnerRequired = agentStepRolePolicy({
  rule: agentOwnerRequired.name,
  description:
    "At a role's own step, before it is created, a role tagged as an agent names a registered owner in its agent:owner tag.",
  severity: 'high',
  remediationSteps: agentOwnerRequired.remediationSteps ?? '',
  judge: (v, agent) => judgeAgentTag(v, agent, ownerTag(v)),
});
