import type { StackValidationPolicy } from '@pulumi/policy';
import { judgeRequiredTag } from '../lib/agent-tags';
import { daysUntil, isExpired, parseIsoDate } from '../lib/conventions';
import { AgentVerdicts, packConfigSchema } from '../lib/verdicts';

const NAME = 'agent-expiry-required';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

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
    const latest = isoDay(
      new Date(
        Date.UTC(v.now.getUTCFullYear(), v.now.getUTCMonth(), v.now.getUTCDate()) +
          maxDays * DAY_MS,
      ),
    );
    const fix = `use a date as YYYY-MM-DD, at most ${maxDays} days away (on or before ${latest})`;
    judgeRequiredTag(v, args.resources, {
      key: v.config.tagKeys.expiresOn,
      meaning: 'expiry',
      literal: 'date',
      fix,
      problemWith: (value, who) => {
        const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
        if (!date) return `${who} is ${JSON.stringify(value)}, which is not a date; ${fix}.`;
        if (isExpired(date, v.now)) {
          return `${who} is "${value}": the agent expired on ${value}; retire it, or after review ${fix}.`;
        }
        const days = daysUntil(date, v.now);
        if (days > maxDays) {
          return `${who} is "${value}", ${days} days away, beyond the maximum lifetime of ${maxDays} days (maxLifetimeDays); ${fix}.`;
        }
        return undefined;
      },
    });
  },
};
