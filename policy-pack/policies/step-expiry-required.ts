/**
 * `agent-step-expiry-required`: agent-expiry-required at the role's own step, for a role tagged as
 * an agent, so that an expired or endless agent is blocked before it is created. Fails closed on
 * an unknown date, as the stack policy does.
 */
import { judgeAgentTag } from '../lib/agent-tags';
import { expiryTag } from '../lib/role-rules';
import { agentStepRolePolicy } from '../lib/step-policy';
import { agentExpiryRequired } from './expiry-required';

export const agentStepExpiryRequired = agentStepRolePolicy({
  rule: agentExpiryRequired.name,
  description:
    "At a role's own step, before it is created, a role tagged as an agent carries an agent:expires-on date that has not passed and is at most maxLifetimeDays away.",
  severity: 'high',
  remediationSteps: agentExpiryRequired.remediationSteps ?? '',
  judge: (v, agent) => judgeAgentTag(v, agent, expiryTag(v)),
});
