import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readString } from '../lib/agents';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-permissions-boundary-required';

/** A managed policy ARN: customer-managed (account id) or AWS-managed (`aws`). */
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+/;

export const agentPermissionsBoundaryRequired: StackValidationPolicy = {
  name: NAME,
  description: 'Every agent role has a permissions boundary that caps what the agent can ever do.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    "Set the role's permissionsBoundary to the ARN of the fleet's boundary policy (the AgentFleet component does this for every Agent).",
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    for (const agent of agents) {
      const subject = subjectOf(agent);
      const role = `Agent "${agent.agentName}": role "${agent.roleName ?? agent.role.name}"`;
      v.judge(subject, () => {
        const boundary = readString(agent.role, 'permissionsBoundary');
        if (!boundary.known)
          return v.unknown(subject, 'the permissions boundary', boundary.path, agent.role);
        if (!boundary.value) {
          return v.violation(
            subject,
            `${role} has no permissionsBoundary; set permissionsBoundary to the fleet's boundary policy ARN.`,
          );
        }
        if (!POLICY_ARN.test(boundary.value)) {
          return v.violation(
            subject,
            `${role} has permissionsBoundary "${boundary.value}", which is not a managed policy ARN; set it to the fleet's boundary policy ARN, e.g. "arn:aws:iam::123456789012:policy/agents/agent-boundary".`,
          );
        }
        return undefined;
      });
    }
    v.finish(agents.map(subjectOf));
  },
};
