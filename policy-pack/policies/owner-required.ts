import type { StackValidationPolicy } from '@pulumi/policy';
import { judgeRequiredTag } from '../lib/agent-tags';
import { OWNER_FORMAT_HINT, parseOwner } from '../lib/conventions';
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
    const { emailDomains, teams } = v.config.owners;
    judgeRequiredTag(v, args.resources, {
      key: v.config.tagKeys.owner,
      meaning: 'owner',
      literal: 'value',
      fix: OWNER_FORMAT_HINT,
      problemWith: (value, who) => {
        const owner = typeof value === 'string' ? parseOwner(value) : undefined;
        if (!owner) {
          return `${who} is ${JSON.stringify(value)}, which is not an owner; ${OWNER_FORMAT_HINT}.`;
        }
        if (owner.kind === 'email' && emailDomains.length > 0) {
          const allowed = emailDomains.map((d) => d.toLowerCase());
          if (!allowed.includes(owner.domain)) {
            return `${who} is "${value}", whose domain "${owner.domain}" is not in the owner registry (${allowed.join(', ')}); use an address at a registered domain or add "${owner.domain}" to owners.emailDomains in the policy-pack config.`;
          }
        }
        if (owner.kind === 'team' && teams.length > 0 && !teams.includes(owner.team)) {
          return `${who} is "${value}", whose team "${owner.team}" is not in the owner registry (${teams.join(', ')}); use a registered team or add "${owner.team}" to owners.teams in the policy-pack config.`;
        }
        return undefined;
      },
    });
  },
};
