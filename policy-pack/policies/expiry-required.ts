import type { StackValidationPolicy } from '@pulumi/policy';
import { judgeRequiredTag } from '../lib/agent-tags';
import { expiryTag } from '../lib/role-rules';
import { AgentVerdicts, packConfigSchema } from '../lib/verdicts';

const NAME = 'agent-expiry-required';

/**
 * A stack policy, like agent-owner-required, and failing closed for the same reason: an expiry
 * computed from an output could be anything at update.
 */
export const agentExpiryRequired: StackValidationPolicy = {
  name: NAME,
  description:
    'Every agent role carries an agent:expires-on date that has not passed and is at most maxLifetimeDays away.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    "Set the agent:expires-on tag to a literal date (YYYY-MM-DD) no further away than maxLifetimeDays, e.g. through the Agent component's `expiresOn` argument; retire an expired agent or, after review, move its date forward.",
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    judgeRequiredTag(v, args.resources, expiryTag(v));
  },
};
