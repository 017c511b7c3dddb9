import type { StackValidationPolicy } from '@pulumi/policy';
import { judgeRequiredTag } from '../lib/agent-tags';
import { ownerTag } from '../lib/role-rules';
import { AgentVerdicts, packConfigSchema } from '../lib/verdicts';

const NAME = 'agent-owner-required';

/**
 * A stack policy: roles that are agents only because a Vault role targets them are visible only in
 * the stack view. An unknown owner fails closed: an owner computed from an output cannot be judged
 * at preview, and an agent nobody answers for must not be deployed.
 */
export const agentOwnerRequired: StackValidationPolicy = {
  name: NAME,
  description: 'Every agent role names a registered owner in its agent:owner tag.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Set the agent:owner tag on the agent role to a literal e-mail address at a registered domain or a registered team handle ("team:payments"), e.g. through the Agent component\'s `owner` argument; register new domains or teams under `owners` in the policy-pack config.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    judgeRequiredTag(v, args.resources, ownerTag(v));
  },
};
