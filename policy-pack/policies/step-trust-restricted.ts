/**
 * `agent-step-trust-restricted`: agent-trust-restricted at the role's own step, for a role tagged as
 * an agent. The rule reads only the role's trust policy and the pack config (vaultPrincipalArns,
 * delegations), so all of it is judged before the role is created.
 */
import { judgeTrust } from '../lib/role-rules';
import { agentStepRolePolicy } from '../lib/step-policy';
import { agentTrustRestricted } from './trust-restricted';

export const agentStepTrustRestricted = agentStepRolePolicy({
  rule: agentTrustRestricted.name,
  description:
    "At a role's own step, before it is created, only the configured Vault principals or declared delegating agents may assume a role tagged as an agent, tagging the session with the agent name.",
  severity: 'critical',
  remediationSteps: agentTrustRestricted.remediationSteps ?? '',
  judge: judgeTrust,
});
