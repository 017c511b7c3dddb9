/**
 * `agent-step-max-session-duration`: agent-max-session-duration at the role's own step, for a role
 * tagged as an agent: its `maxSessionDuration` is an input of the role itself.
 */
import { judgeMaxSession } from '../lib/role-rules';
import { agentStepRolePolicy } from '../lib/step-policy';
import { agentMaxSessionDuration } from './max-session-duration';

export const agentStepMaxSessionDuration = agentStepRolePolicy({
  rule: agentMaxSessionDuration.name,
  description:
    "At a role's own step, before it is created, a role tagged as an agent limits its sessions to at most maxSessionDurationSeconds, one hour by default.",
  severity: 'medium',
  remediationSteps: agentMaxSessionDuration.remediationSteps ?? '',
  judge: judgeMaxSession,
});
