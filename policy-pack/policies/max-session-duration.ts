import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents } from '../lib/agents';
import { judgeMaxSession } from '../lib/role-rules';
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
    const agents = discoverAgents(args.resources, v.config);
    for (const agent of agents) judgeMaxSession(v, agent);
    v.finish(agents.map(subjectOf));
  },
};
