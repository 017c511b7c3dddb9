import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents } from '../lib/agents';
import { judgeTrust } from '../lib/role-rules';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-trust-restricted';

export const agentTrustRestricted: StackValidationPolicy = {
  name: NAME,
  description:
    'Only the configured Vault principals or declared delegating agents may assume an agent role, tagging the session with the agent name.',
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Make the trust policy allow only the Vault principal (vaultPrincipalArns) to call sts:AssumeRole and sts:TagSession, with the condition StringEquals "aws:RequestTag/agent" = the agent name; list any agent that must assume another under `delegations` in the policy-pack config.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    for (const agent of agents) judgeTrust(v, agent);
    v.finish(agents.map(subjectOf));
  },
};
