import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, nearMissTagKey, readTag } from '../lib/agents';
import { daysUntil, isExpired, parseIsoDate } from '../lib/conventions';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

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
    const key = v.config.tagKeys.expiresOn;
    const maxDays = v.config.maxLifetimeDays;
    const latest = isoDay(
      new Date(
        Date.UTC(v.now.getUTCFullYear(), v.now.getUTCMonth(), v.now.getUTCDate()) +
          maxDays * DAY_MS,
      ),
    );
    const fix = `use a date as YYYY-MM-DD, at most ${maxDays} days away (on or before ${latest})`;
    const unknownMessage = (agentName: string) =>
      `Agent "${agentName}": tag "${key}" is unknown at preview (computed from another resource's output), so its expiry cannot be verified; set it to a literal date (${fix}).`;
    const agents = discoverAgents(args.resources, v.config);
    for (const agent of agents) {
      const subject = subjectOf(agent);
      const who = `Agent "${agent.agentName}": tag "${key}"`;
      v.judge(
        subject,
        () => {
          const tag = readTag(agent.role, key);
          if (!tag.known) return v.violation(subject, unknownMessage(agent.agentName));
          const value = tag.value;
          if (value === undefined || value === '') {
            const nearMiss = value === undefined ? nearMissTagKey(agent.role, key) : undefined;
            const fixKey = nearMiss
              ? `: the role has ${JSON.stringify(nearMiss)} instead, a different key because of its spaces; rename it to "${key}" and`
              : '; add it and';
            return v.violation(subject, `${who} is missing${fixKey} ${fix}.`);
          }
          const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
          if (!date) {
            return v.violation(
              subject,
              `${who} is ${JSON.stringify(value)}, which is not a date; ${fix}.`,
            );
          }
          if (isExpired(date, v.now)) {
            return v.violation(
              subject,
              `${who} is "${value}": the agent expired on ${value}; retire it, or after review ${fix}.`,
            );
          }
          const days = daysUntil(date, v.now);
          if (days > maxDays) {
            return v.violation(
              subject,
              `${who} is "${value}", ${days} days away, beyond the maximum lifetime of ${maxDays} days (maxLifetimeDays); ${fix}.`,
            );
          }
          return undefined;
        },
        () => unknownMessage(agent.agentName),
      );
    }
    v.finish(agents.map(subjectOf));
  },
};
