import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, type AgentRole } from '../lib/agents';
import { indexStackPermissions } from '../lib/permissions';
import { canonicalDocument } from '../lib/same-document';
import { readKnown, readPlain } from '../lib/unknowns';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-inline-policy-names-unique';

interface InlineDeclaration {
  where: string;
  /** The document's content, or undefined when unknown at preview. */
  content?: string;
  fromRolePolicy: boolean;
}

/**
 * An inline policy is named within its role: `aws.iam.RolePolicy` and the role's own
 * `inlinePolicies` both write it (IAM PutRolePolicy replaces a policy of the same name), so two
 * declarations of one name with different documents leave the role with whichever was applied
 * last. The permission policies judge both; this one refuses the ambiguity. Names are compared
 * without case, as the pack links them. The role's `inlinePolicies` read back from AWS list each
 * RolePolicy with its document: an entry identical to a RolePolicy of its name is that policy.
 */
export const agentInlinePolicyNamesUnique: StackValidationPolicy = {
  name: NAME,
  description:
    "An agent role's inline policies each have one declaration: no RolePolicy and inlinePolicies entry, and no two RolePolicy resources, share a name with different documents.",
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    "Give each inline policy of the role its own name, and declare it once: either as an aws.iam.RolePolicy or in the role's inlinePolicies, not both.",
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    const index = indexStackPermissions(args.resources);
    for (const agent of agents) {
      const subject = subjectOf(agent);
      v.judge(subject, () => {
        const byName = new Map<string, InlineDeclaration[]>();
        const add = (name: string, declaration: InlineDeclaration) => {
          const key = name.toLowerCase();
          byName.set(key, [...(byName.get(key) ?? []), declaration]);
        };
        for (const rolePolicy of rolePoliciesOf(agent, index)) {
          const name = readKnown(() => rolePolicy.props.name as unknown);
          if (!name.known || typeof name.value !== 'string' || name.value === '') continue;
          const document = readPlain(() => rolePolicy.props.policy);
          add(name.value, {
            where: `aws.iam.RolePolicy "${rolePolicy.name}"`,
            ...(document.known ? { content: canonicalDocument(document.value) } : {}),
            fromRolePolicy: true,
          });
        }
        const inline = readPlain(() => agent.role.props.inlinePolicies);
        if (inline.known && Array.isArray(inline.value)) {
          inline.value.forEach((entry: unknown, i: number) => {
            const { name, policy } = (entry ?? {}) as { name?: unknown; policy?: unknown };
            if (typeof name !== 'string' || name === '') return;
            if (policy === undefined || policy === '') return;
            add(name, {
              where: `inlinePolicies[${i}] of the role`,
              content: canonicalDocument(policy),
              fromRolePolicy: false,
            });
          });
        }
        for (const [name, declarations] of byName) {
          const conflicting = collisions(declarations);
          if (conflicting.length < 2) continue;
          v.violation(
            subject,
            `Agent "${agent.agentName}": role "${agent.roleName ?? agent.role.name}" has ${conflicting.length} inline policies named "${name}" with different documents (${conflicting.map((d) => d.where).join(', ')}); AWS keeps whichever is applied last, so what the role may do depends on the order of deployment (the pack judges all of them); give each its own name, or declare it once.`,
          );
        }
      });
    }
    v.finish(agents.map(subjectOf));
  },
};

/**
 * The declarations of one name that conflict: every RolePolicy (two RolePolicy resources of
 * one name always conflict), and each inlinePolicies entry whose document no RolePolicy has.
 */
function collisions(declarations: InlineDeclaration[]): InlineDeclaration[] {
  const rolePolicies = declarations.filter((d) => d.fromRolePolicy);
  const contents = new Set(rolePolicies.map((d) => d.content));
  const entries = declarations.filter((d) => !d.fromRolePolicy);
  const distinctEntries = entries.filter(
    (d) => rolePolicies.length === 0 || !contents.has(d.content),
  );
  return [...rolePolicies, ...distinctEntries];
}

/** The RolePolicy resources that name the agent's role, by its name or by dependency. */
function rolePoliciesOf(
  agent: AgentRole,
  index: ReturnType<typeof indexStackPermissions>,
): PolicyResource[] {
  const names = new Set<string>();
  if (agent.roleName) names.add(agent.roleName.toLowerCase());
  const found = new Set<PolicyResource>();
  const grants = [
    ...[...names].flatMap((n) => index.grantsByRoleName.get(n) ?? []),
    ...(index.grantsByDependency.get(agent.role.urn) ?? []),
  ].sort((a, b) => a.order - b.order);
  for (const grant of grants) if (grant.kind === 'inline') found.add(grant.resource);
  return [...found];
}
