import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import {
  discoverAgents,
  isVaultAwsRole,
  readString,
  readTrust,
  vaultTargetedRoles,
} from '../lib/agents';
import type { PackConfig } from '../lib/config';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { computedFrom, describeResource, sourcesOf } from '../lib/unknown-sources';
import { readKnown } from '../lib/unknowns';
import { AgentVerdicts, KNOWN_AT_PREVIEW_HINT, packConfigSchema } from '../lib/verdicts';

const NAME = 'agent-known-at-preview';

/**
 * Whether a trust policy computed from `sources` could name a configured Vault principal. A value
 * computed from resources of the stack is their ARN or name: it can be a Vault principal only when
 * one of them is a role that could be that principal (same name, or a name not known yet). A
 * value the engine traces to nothing could be anything.
 */
function mayBeVault(sources: readonly PolicyResource[], config: PackConfig): boolean {
  if (sources.length === 0) return true;
  const principalNames = new Set(
    config.vaultPrincipalArns.map((arn) => (arn.split('/').pop() ?? arn).toLowerCase()),
  );
  return sources.some((source) => {
    if (source.type !== RESOURCE_TYPES.role) return false;
    const name = readString(source, 'name');
    return !name.known || !name.value || principalNames.has(name.value.toLowerCase());
  });
}

/**
 * Which roles are agents is decided from values the engine knows at preview: a role's tags, its
 * trust policy, and the roles Vault AWS roles target. When one of them is computed from a new
 * resource, the pack cannot tell at preview whether the role is an agent, and Pulumi runs stack
 * policies on `pulumi up` only after every resource exists: a shadow agent would be judged after
 * it is live. So the unknown itself blocks (or, with `unknownAtPreview: "advisory"`, is reported).
 */
export const agentKnownAtPreview: StackValidationPolicy = {
  name: NAME,
  description:
    'Whether a role is an agent is known at preview: its tags, its trust policy (when Vault principals are configured) and the targets of Vault AWS roles are not computed from new resources.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Write role tags, trust policies and Vault roleArns from values known at preview: literal tags, a trust policy built from literal principal ARNs, and roleArns built from the role name (arn:aws:iam::<account>:role/<path><name>) rather than role.arn.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = new Set(discoverAgents(args.resources, v.config).map((a) => a.role));
    const unknown = (resource: PolicyResource, what: string, path: string): void => {
      const sources = sourcesOf(resource, path);
      const name = readString(resource, 'name');
      v.unknownAtPreview(
        { agentName: name.known && name.value ? name.value : resource.name, urn: resource.urn },
        `${describeResource(resource)}: ${what} is unknown at preview (.${path}${computedFrom(sources)}), so the pack cannot tell before it exists whether it is an agent, and Pulumi runs stack policies on \`pulumi up\` only after every resource is created; ${KNOWN_AT_PREVIEW_HINT}.`,
      );
    };
    for (const role of args.resources.filter((r) => r.type === RESOURCE_TYPES.role)) {
      if (agents.has(role)) continue;
      const tags = readKnown(() => role.props.tags as unknown);
      if (!tags.known) {
        unknown(role, 'its tag map', tags.path);
        continue;
      }
      if (v.config.vaultPrincipalArns.length > 0) {
        const trust = readTrust(role);
        if (!trust.known && mayBeVault(sourcesOf(role, 'assumeRolePolicy'), v.config)) {
          unknown(role, 'its trust policy (assumeRolePolicy)', trust.path);
        }
      }
    }
    for (const vaultRole of args.resources.filter(isVaultAwsRole)) {
      const { untraced } = vaultTargetedRoles(vaultRole, args.resources);
      if (untraced !== undefined) {
        unknown(
          vaultRole,
          'the role it targets (roleArns), traced to no role of this stack,',
          untraced,
        );
      }
    }
  },
};
