import type { StackValidationPolicy } from '@pulumi/policy';
import { latentGrants } from '../engine/latent-grants';
import { discoverAgents, readString } from '../lib/agents';
import { boundaryCapping } from '../lib/boundary-capping';
import { listSome } from '../lib/permission-policy';
import { gatherRolePermissions } from '../lib/permissions';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-permissions-boundary-required';

/** A managed policy ARN: customer-managed (account id) or AWS-managed (`aws`). */
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(\d{12}|aws):policy\/.+/;

/** AWS managed policies that are sometimes set as a boundary "for now", and cap nothing. */
const BROAD_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess)$/;

/**
 * A boundary counts only when the pack can read it and it caps: it must leave every action of
 * `boundary.requiredDenies` (by default the fleet's own denies: identity administration, static
 * credentials, boundary removal, federation, organization administration, audit tampering)
 * denied, by a Deny without condition or by not allowing it. Actions the agent's own documents
 * allow and the boundary caps are reported as an advisory: latent grants, live the day the
 * boundary changes.
 */
export const agentPermissionsBoundaryRequired: StackValidationPolicy = {
  name: NAME,
  description:
    'Every agent role has a permissions boundary the pack can read that denies what no agent may ever do (boundary.requiredDenies).',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    "Set the role's permissionsBoundary to the ARN of the fleet's boundary policy (the AgentFleet component does this for every Agent), declared in this stack as an aws.iam.Policy. A boundary must deny every action of boundary.requiredDenies in the policy-pack config (by default the fleet's built-in denies: identity administration, static credentials, boundary removal, federation, organization administration and audit tampering); AdministratorAccess, PowerUserAccess or an Allow * without those denies caps nothing. Remove from the agent's policies the actions reported as capped by the boundary, or they become live when the boundary changes.",
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    const required = v.config.boundary.requiredDenies;
    for (const agent of agents) {
      const subject = subjectOf(agent);
      const role = `Agent "${agent.agentName}": role "${agent.roleName ?? agent.role.name}"`;
      v.judge(subject, () => {
        const boundary = readString(agent.role, 'permissionsBoundary');
        if (boundary.known && !boundary.value) {
          return v.violation(
            subject,
            `${role} has no permissionsBoundary; set permissionsBoundary to the fleet's boundary policy ARN.`,
          );
        }
        if (boundary.known && boundary.value && !POLICY_ARN.test(boundary.value)) {
          return v.violation(
            subject,
            `${role} has permissionsBoundary "${boundary.value}", which is not a managed policy ARN; set it to the fleet's boundary policy ARN, e.g. "arn:aws:iam::123456789012:policy/agents/agent-boundary".`,
          );
        }
        const gathered = gatherRolePermissions(args.resources, agent);
        const source = gathered.permissions.boundary;
        const shown = boundary.known ? `"${boundary.value}"` : 'computed at update';
        if (!source) {
          const problem = gathered.unverifiable.find(
            (u) => u.kind === 'unknown-boundary' || u.kind === 'unresolved-boundary',
          );
          if (!boundary.known || !problem || problem.resolvesAtUpdate) {
            return v.unknown(
              subject,
              'the permissions boundary',
              boundary.known ? (problem?.path ?? 'permissionsBoundary') : boundary.path,
              agent.role,
            );
          }
          return v.violation(
            subject,
            problem.kind === 'unresolved-boundary'
              ? `${role} has permissionsBoundary ${shown}, which is neither an aws.iam.Policy of this stack nor an AWS managed policy, so the pack cannot see what it caps and it does not count as a boundary; declare the boundary policy in this stack (the AgentFleet component does).`
              : `${role} has permissionsBoundary ${shown}, which does not count as a boundary: ${problem.detail}.`,
          );
        }
        const capping = boundaryCapping(source.document, required);
        if (capping.gaps.length > 0) {
          const broad = boundary.known ? BROAD_MANAGED.exec(boundary.value ?? '') : null;
          const actions = [...new Set(capping.gaps.flatMap((g) => g.actions))];
          v.violation(
            subject,
            `${role} has permissionsBoundary ${shown}${broad ? ` (AWS's ${broad[1]})` : ''}, which does not deny ${listSome(capping.gaps.map((g) => g.pattern))} of boundary.requiredDenies: it leaves the agent ${listSome(actions)}, so it does not cap the agent; deny them in the boundary with a Deny statement without condition, as the AgentFleet's boundary does.`,
          );
        }
        const latent = latentGrants(gathered.permissions);
        if (latent.length > 0) {
          v.advisory(
            subject,
            `${role}: declared but capped by the boundary: ${listSome(latent)}; these grants do nothing today and become live the day the boundary changes; remove them from the agent's policies.`,
          );
        }
        return undefined;
      });
    }
    v.finish(agents.map(subjectOf));
  },
};
