import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, rolesMatchingArn } from '../lib/agents';
import { declaredCallees } from '../lib/delegation-graph';
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
    'Make the trust policy allow only the Vault principal (vaultPrincipalArns) to call sts:AssumeRole and sts:TagSession, with the condition StringEquals "aws:RequestTag/agent" = the agent name; let another agent in only by declaring the call with delegatesTo on the calling agent.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    // A principal is a delegating agent when it is an agent role of this stack that declares the
    // call (`agent:delegates-to`); agent-delegation-safe judges the conditions of the call.
    const callees = new Map(agents.map((a) => [a.role, declaredCallees(a.role)]));
    for (const agent of agents) {
      judgeTrust(v, agent, (principal) =>
        rolesMatchingArn(args.resources, principal).some((r) =>
          (callees.get(r) ?? []).includes(agent.agentName),
        ),
      );
    }
    v.finish(agents.map(subjectOf));
  },
};
