/**
 * Whether an agent is suspended: its role carries a policy that denies every action on every
 * resource (`identity/suspension.ts`, which the components write). Read from the role's own
 * `inlinePolicies`, which a resource policy sees at the role's step, and in the stack view also
 * from every document the role is granted (a `RolePolicy`, an attachment).
 */
import type { PolicyResource } from '@pulumi/policy';
import type { AgentRole } from './agents';
import { deniesEverything } from './identity/suspension';
import { gatherRolePermissions } from './permissions';
import { readKnown, readPlain } from './unknowns';

export function isSuspended(agent: AgentRole, resources?: readonly PolicyResource[]): boolean {
  const inline = readKnown(() => agent.role.props.inlinePolicies as unknown);
  if (inline.known && Array.isArray(inline.value)) {
    for (let i = 0; i < inline.value.length; i++) {
      const policy = readPlain(() => (inline.value as { policy?: unknown }[])[i]?.policy);
      if (policy.known && deniesEverything(policy.value)) return true;
    }
  }
  if (!resources) return false;
  return gatherRolePermissions(resources, agent).permissions.policies.some((p) =>
    deniesEverything(p.document),
  );
}
