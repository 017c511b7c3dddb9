import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, isVaultAwsRole, readString } from '../lib/agents';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from '../lib/verdicts';

const NAME = 'agent-unique-identity';

/**
 * One agent, one identity. IAM role names are unique per account, case-insensitively (IAM User
 * Guide, "IAM object quotas and names": "names must be unique within the account ... not
 * distinguished by case"), and a Vault role is addressed by its mount and name, so two
 * declarations of one name (two fleets declaring the same agent, a copy-pasted raw role) would
 * fight over one role, and one of them would silently hold the other's permissions.
 */
export const agentUniqueIdentity: StackValidationPolicy = {
  name: NAME,
  description:
    'No two agent roles share an IAM role name, and no two Vault roles share a mount and name, in one program.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Declare each agent once: remove the duplicate declaration, or give the second agent its own name (the Agent component derives the role name agent-<name> and the Vault role name from it).',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    const agentByRole = new Map(agents.map((a) => [a.role, a]));

    const duplicates = (
      resources: PolicyResource[],
      keyOf: (r: PolicyResource) => string | undefined,
      what: (r: PolicyResource, key: string) => string,
      subjectFor: (r: PolicyResource) => AgentSubject | undefined,
    ): void => {
      const byKey = new Map<string, PolicyResource[]>();
      for (const r of resources) {
        const key = keyOf(r);
        if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), r]);
      }
      for (const [key, group] of byKey) {
        if (group.length < 2) continue;
        for (const r of group) {
          const subject = subjectFor(r);
          if (!subject) continue;
          const others = group.filter((o) => o !== r).map((o) => o.urn);
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what(r, key)} is also declared by ${others.join(', ')}; each agent is one identity: declare it once, or give the other agent its own name.`,
          );
        }
      }
    };

    // Roles: an agent role sharing its name (case-insensitively) with any role of the program.
    const roles = args.resources.filter((r) => r.type === RESOURCE_TYPES.role);
    const roleName = (r: PolicyResource): string | undefined => {
      const name = readString(r, 'name');
      return name.known && name.value ? name.value.toLowerCase() : undefined;
    };
    const namesOfAgents = new Set(agents.flatMap((a) => roleName(a.role) ?? []));
    duplicates(
      roles.filter((r) => namesOfAgents.has(roleName(r) ?? '')),
      roleName,
      (_r, key) => `IAM role name "${key}"`,
      (r) => {
        const agent = agentByRole.get(r);
        return agent ? subjectOf(agent) : { agentName: roleName(r) ?? r.name, urn: r.urn };
      },
    );

    // Vault roles: one mount and name, one role.
    const vaultKey = (type: string, mountKey: string, nameKey: string) => (r: PolicyResource) => {
      if (r.type !== type) return undefined;
      const mount = readString(r, mountKey);
      const name = readString(r, nameKey);
      if (!mount.known || !name.known || !name.value) return undefined;
      return `${(mount.value ?? '').replace(/^\/+|\/+$/g, '')}/${name.value}`;
    };
    const vaultSubject = (r: PolicyResource): AgentSubject => {
      const name = readString(r, 'name');
      const roleName = readString(r, 'roleName');
      const label = (name.known && name.value) || (roleName.known && roleName.value) || r.name;
      return { agentName: String(label), urn: r.urn };
    };
    duplicates(
      args.resources.filter(isVaultAwsRole),
      vaultKey(RESOURCE_TYPES.vaultAwsRole, 'backend', 'name'),
      (_r, key) => `Vault AWS role "${key}"`,
      vaultSubject,
    );
    duplicates(
      args.resources.filter((r) => r.type === RESOURCE_TYPES.appRole),
      vaultKey(RESOURCE_TYPES.appRole, 'backend', 'roleName'),
      (_r, key) => `Vault AppRole role "${key}"`,
      vaultSubject,
    );
  },
};
