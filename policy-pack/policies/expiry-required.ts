import type { StackValidationPolicy } from '@pulumi/policy';
import { judgeRequiredTag } from '../lib/agent-tags';
import { dayAfter, expiryProblem } from '../lib/identity/expiry';
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
    const maxDays = v.config.maxLifetimeDays;
    const latest = dayAfter(v.now, maxDays);
    const fix = `use a date as YYYY-MM-DD, at most ${maxDays} days away (on or before ${latest})`;
    judgeRequiredTag(v, args.resources, {
      key: v.config.tagKeys.expiresOn,
      meaning: 'expiry',
      literal: 'date',
      fix,
      problemWith: (value, who) => {
        const problem = expiryProblem(value, v.now, maxDays);
        switch (problem?.kind) {
          case undefined:
            return undefined;
          case 'malformed':
            return `${who} is ${JSON.stringify(value)}, which is not a date; ${fix}.`;
          case 'expired':
            return `${who} is "${value}": the agent expired on ${value}; retire it, or after review ${fix}.`;
          case 'too-far':
            return `${who} is "${value}", ${problem.daysLeft} days away, beyond the maximum lifetime of ${maxDays} days (maxLifetimeDays); ${fix}.`;
        }
      },
    });
  },
};
