/**
 * The check's agent inventory: every Agent component with what its `inventory` output says, then
 * every role the pack counts as an agent that no component declared, with what its tags and its
 * Vault role say.
 */
import type { AgentInventoryStatement } from '../../../components/agent';
import {
  type AgentRole,
  discoverAgents,
  parseRoleArn,
  readString,
} from '../../../policy-pack/lib/agents';
import { PackConfigSchema } from '../../../policy-pack/lib/config';
import { expiryProblem } from '../../../policy-pack/lib/identity/expiry';
import { isSuspended } from '../../../policy-pack/lib/suspended';
import { COMPONENT_TYPES } from '../../../policy-pack/lib/conventions';
import {
  assumedRoles,
  gatherRolePermissions,
  resourcePolicyGrants,
} from '../../../policy-pack/lib/permissions';
import { delegationGraph, delegationReach } from '../../../policy-pack/lib/delegation-graph';
import { documentStatements } from '../../../policy-pack/engine/element-names';
import { grantedStatements } from './granted-statements';
import {
  asPolicyResources,
  type NormalizedPolicyConfig,
  plainValue,
  type RecordedResource,
} from '../../../offline';
import { UNKNOWN_CELL, type InventoryEntry, type InventoryReach } from '../../check-report';
import { identityFromRole, withIdentityFields } from './identity-fields';
import type { PolicyResource } from '@pulumi/policy';

const AGENT_COMPONENT_TYPE = COMPONENT_TYPES.agent;

/** Agent components first, in registration order, then hand-written agents. */
export function inventoryOf(
  resources: RecordedResource[],
  config: NormalizedPolicyConfig,
): InventoryEntry[] {
  const packConfig = packConfigOf(config);
  const stack = asPolicyResources(resources.filter((r) => r.custom));
  const agents = discoverAgents(stack, packConfig);
  const byName = new Map(agents.map((a) => [a.agentName, a]));
  const graph = delegationGraph(stack, agents);
  const delegation = (agent: AgentRole | undefined) => {
    const node = graph.nodes.find((n) => n.agent === agent);
    return node ? delegationReach(graph, node) : [];
  };
  const declared = declaredAgents(resources).map(({ entry, inventoryUnknown }) => {
    const agent = byName.get(entry.name);
    const identified = agent
      ? withIdentityFields(entry, agent, stack, packConfig, inventoryUnknown)
      : entry;
    return withReach(identified, agent, stack, delegation(agent));
  });
  return [
    ...declared,
    ...undeclaredAgents(stack, agents, packConfig, new Set(declared.map((e) => e.name))).map(
      ({ entry, agent }) =>
        withReach(
          withIdentityFields(entry, agent, stack, packConfig, false),
          agent,
          stack,
          delegation(agent),
        ),
    ),
  ];
}

/** The policy-pack settings the inventory reads (the `agent-owner-required` section's). */
function packConfigOf(config: NormalizedPolicyConfig) {
  const section = config['agent-owner-required'] ?? Object.values(config)[0];
  const settings = PackConfigSchema.safeParse(section?.properties ?? {});
  return settings.success ? settings.data : PackConfigSchema.parse({});
}

function allowsAnything(document: unknown): boolean {
  return documentStatements(document).some((st) => st.Effect === 'Allow');
}

/** The roles the agent can assume and the resource policies that grant it, as the pack sees them. */
function withReach(
  entry: InventoryEntry,
  agent: AgentRole | undefined,
  stack: PolicyResource[],
  delegatesTo: string[],
): InventoryEntry {
  if (!agent) return entry;
  const own = gatherRolePermissions(stack, agent);
  const reach: InventoryReach[] = assumedRoles(stack, agent, own).map((r) => ({
    kind: 'assumed-role',
    name: r.label,
    path: r.path,
  }));
  const arn = readString(agent.role, 'arn');
  const roleArn = arn.known ? arn.value : undefined;
  const account = roleArn ? parseRoleArn(roleArn)?.accountId : undefined;
  for (const grant of resourcePolicyGrants(stack, {
    role: agent.role,
    ...(roleArn ? { arn: roleArn } : {}),
    ...(account ? { account } : {}),
  })) {
    // A policy that only denies the agent (a bucket's deny of plain HTTP to everyone) reaches
    // nothing; one that cannot be read is listed, as it may.
    if (grant.document.known && !allowsAnything(grant.document.value)) continue;
    reach.push({ kind: 'resource-policy', name: grant.source });
  }
  const expired = expiryProblem(entry.expiresOn, new Date())?.kind === 'expired';
  // Past its date is `expired` whether or not it was suspended (the violations say which).
  const status = expired ? 'expired' : isSuspended(agent, stack) ? 'suspended' : 'active';
  return {
    ...entry,
    ...(entry.runtime === undefined ? { runtime: agent.runtime } : {}),
    ...(entry.status === undefined ? { status } : {}),
    ...(reach.length > 0 ? { reach } : {}),
    ...(delegatesTo.length > 0 ? { delegatesTo } : {}),
  };
}

/**
 * One row per Agent component, from its `inventory` output as the program recorded it; that
 * output is wholly unknown at preview when a statement names an ARN computed on create.
 */
function declaredAgents(
  resources: RecordedResource[],
): { entry: InventoryEntry; inventoryUnknown: boolean }[] {
  const text = (v: unknown) =>
    v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return resources
    .filter((r) => r.type === AGENT_COMPONENT_TYPE)
    .map((r) => {
      const inv = plainValue(r.outputs.inventory, UNKNOWN_CELL);
      const e = (inv && typeof inv === 'object' ? inv : {}) as Record<string, unknown>;
      const entry: InventoryEntry = {
        name: text(e.name) || r.name,
        owner: text(e.owner),
        purpose: text(e.purpose),
        expiresOn: text(e.expiresOn),
        ttl: text(e.ttl),
        maxTtl: text(e.maxTtl),
        ...(typeof e.runtime === 'string' ? { runtime: e.runtime } : {}),
        ...(e.status === 'active' || e.status === 'suspended' || e.status === 'expired'
          ? { status: e.status }
          : {}),
        // The component's own statements (`AgentInventoryEntry`), passed through as recorded.
        statements: Array.isArray(e.statements) ? (e.statements as AgentInventoryStatement[]) : [],
        ...(typeof e.credentialsPath === 'string' ? { vaultPath: e.credentialsPath } : {}),
      };
      return { entry, inventoryUnknown: inv === UNKNOWN_CELL };
    });
}

/**
 * Roles the pack counts as agents (the `agent-owner-required` section's settings decide, as for
 * that policy) that no Agent component declared: agents written by hand belong in the inventory
 * too, with what their tags and Vault role say.
 */
function undeclaredAgents(
  stack: PolicyResource[],
  agents: AgentRole[],
  packConfig: ReturnType<typeof packConfigOf>,
  declared: ReadonlySet<string>,
): { entry: InventoryEntry; agent: AgentRole }[] {
  return agents
    .filter((agent) => !declared.has(agent.agentName))
    .map((agent) => {
      const { permissions } = gatherRolePermissions(stack, agent);
      return {
        agent,
        entry: {
          name: agent.agentName,
          ...identityFromRole(agent, stack, packConfig),
          statements: grantedStatements(permissions.policies),
          declaredBy: 'hand' as const,
        },
      };
    });
}
