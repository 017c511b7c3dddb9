/**
 * The check's agent inventory: every Agent component with what its `inventory` output says, then
 * every role the pack counts as an agent that no component declared, with what its tags and its
 * Vault role say.
 */
import type { AgentInventoryStatement } from '../../../components/agent';
import {
  discoverAgents,
  readNumber,
  readTag,
  vaultRolesTargeting,
} from '../../../policy-pack/lib/agents';
import { PackConfigSchema } from '../../../policy-pack/lib/config';
import { formatDuration } from '../../../policy-pack/lib/conventions';
import { COMPONENT_TYPES } from '../../../policy-pack/lib/conventions';
import { gatherRolePermissions } from '../../../policy-pack/lib/permissions';
import type { Known } from '../../../policy-pack/lib/unknowns';
import { grantedStatements } from './granted-statements';
import {
  asPolicyResources,
  type NormalizedPolicyConfig,
  plainValue,
  type RecordedResource,
} from '../../../offline';
import type { InventoryEntry } from '../../check-report';

const AGENT_COMPONENT_TYPE = COMPONENT_TYPES.agent;

const UNKNOWN_CELL = '(unknown)';

/** Agent components first, in registration order, then hand-written agents. */
export function inventoryOf(
  resources: RecordedResource[],
  config: NormalizedPolicyConfig,
): InventoryEntry[] {
  const declared = declaredAgents(resources);
  return [
    ...declared,
    ...undeclaredAgents(resources, config, new Set(declared.map((e) => e.name))),
  ];
}

/** One row per Agent component, from its `inventory` output as the program recorded it. */
function declaredAgents(resources: RecordedResource[]): InventoryEntry[] {
  const text = (v: unknown) =>
    v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return resources
    .filter((r) => r.type === AGENT_COMPONENT_TYPE)
    .map((r) => {
      const inv = plainValue(r.outputs.inventory, UNKNOWN_CELL);
      const e = (inv && typeof inv === 'object' ? inv : {}) as Record<string, unknown>;
      return {
        name: text(e.name) || r.name,
        owner: text(e.owner),
        purpose: text(e.purpose),
        expiresOn: text(e.expiresOn),
        ttl: text(e.ttl),
        maxTtl: text(e.maxTtl),
        // The component's own statements (`AgentInventoryEntry`), passed through as recorded.
        statements: Array.isArray(e.statements) ? (e.statements as AgentInventoryStatement[]) : [],
      };
    });
}

/**
 * Roles the pack counts as agents (the `agent-owner-required` section's settings decide, as for
 * that policy) that no Agent component declared: agents written by hand belong in the inventory
 * too, with what their tags and Vault role say.
 */
function undeclaredAgents(
  resources: RecordedResource[],
  config: NormalizedPolicyConfig,
  declared: ReadonlySet<string>,
): InventoryEntry[] {
  const section = config['agent-owner-required'] ?? Object.values(config)[0];
  const settings = PackConfigSchema.safeParse(section?.properties ?? {});
  const packConfig = settings.success ? settings.data : PackConfigSchema.parse({});
  const stack = asPolicyResources(resources.filter((r) => r.custom));
  const cell = (known: Known<unknown>) =>
    !known.known ? UNKNOWN_CELL : typeof known.value === 'string' ? known.value : '';
  const seconds = (known: Known<number | undefined>) =>
    !known.known ? UNKNOWN_CELL : known.value === undefined ? '' : formatDuration(known.value);
  return discoverAgents(stack, packConfig)
    .filter((agent) => !declared.has(agent.agentName))
    .map((agent) => {
      const tag = (key: string) => cell(readTag(agent.role, key));
      const vaultRole = vaultRolesTargeting(agent, stack)[0];
      const { permissions } = gatherRolePermissions(stack, agent);
      return {
        name: agent.agentName,
        owner: tag(packConfig.tagKeys.owner),
        purpose: tag(packConfig.tagKeys.purpose),
        expiresOn: tag(packConfig.tagKeys.expiresOn),
        ttl: vaultRole ? seconds(readNumber(vaultRole, 'defaultStsTtl')) : '',
        maxTtl: vaultRole ? seconds(readNumber(vaultRole, 'maxStsTtl')) : '',
        statements: grantedStatements(permissions.policies),
        declaredBy: 'hand' as const,
      };
    });
}
