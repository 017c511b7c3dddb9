import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readNumber } from '../lib/agents';
import { formatDuration } from '../lib/conventions';
import { effectiveMaxSession } from '../lib/identity/session';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-max-session-duration';

/**
 * An unset `maxSessionDuration` is AWS's default of one hour, judged as such: the configured limit
 * is at least one hour, so an unset value passes.
 */
export const agentMaxSessionDuration: StackValidationPolicy = {
  name: NAME,
  description:
    'Every agent role limits its sessions to at most maxSessionDurationSeconds, one hour by default.',
  severity: 'medium',
  enforcementLevel: 'mandatory',
  remediationSteps:
    "Set the role's maxSessionDuration to the agent's credential max TTL, at most maxSessionDurationSeconds (3600 by default); agents get fresh credentials from Vault instead of long sessions.",
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const limit = v.config.maxSessionDurationSeconds;
    const agents = discoverAgents(args.resources, v.config);
    for (const agent of agents) {
      const subject = subjectOf(agent);
      v.judge(subject, () => {
        const duration = readNumber(agent.role, 'maxSessionDuration');
        if (!duration.known)
          return v.unknown(subject, 'maxSessionDuration', duration.path, agent.role);
        const seconds = effectiveMaxSession(duration.value);
        if (seconds > limit) {
          return v.violation(
            subject,
            `Agent "${agent.agentName}": role "${agent.roleName ?? agent.role.name}" has maxSessionDuration ${seconds} (${formatDuration(seconds)}), above the limit of ${limit} (${formatDuration(limit)}, maxSessionDurationSeconds); set maxSessionDuration to at most ${limit}.`,
          );
        }
        return undefined;
      });
    }
    v.finish(agents.map(subjectOf));
  },
};
