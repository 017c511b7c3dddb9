/**
 * The delegation graph of a stack: which agent can become which other agent. An edge A → B exists
 * when B's trust lets A's role in and A can use it: A's permissions allow `sts:AssumeRole` on B's
 * role, or B's trust names A's role itself (in one account, a trust policy that names the
 * principal grants the call on its own: IAM User Guide, "Policy evaluation logic", same-account
 * requests and resource-based policies). Doubts resolve towards an edge, as in
 * `permissions/assumed-roles.ts`; a suspended agent calls no one.
 */
import type { PolicyResource } from '@pulumi/policy';
import { allowsActionOn } from '../engine';
import { type AgentRole, readTag, readTrust } from './agents';
import { DELEGATES_TO_TAG, parseDelegatesTo } from './identity/delegation';
import { type AgentPermissions, gatherRolePermissions } from './permissions/gather';
import {
  factsOf,
  principalAdmits,
  roleMatcher,
  trustLetsIn,
  type RoleFacts,
} from './permissions/assumed-roles';
import { isSuspended } from './suspended';
import { allowsAction, type TrustStatement } from './trust';

export interface DelegationNode {
  agent: AgentRole;
  facts: RoleFacts;
  permissions: AgentPermissions;
  /** The agents its role's `agent:delegates-to` tag lists. */
  declared: string[];
  suspended: boolean;
}

export interface DelegationEdge {
  from: DelegationNode;
  to: DelegationNode;
  /** Whether the caller's declaration lists the callee. */
  declared: boolean;
  /** The callee's trust statements that let the caller in (empty when the trust is unknown). */
  admitting: TrustStatement[];
}

export interface DelegationGraph {
  nodes: DelegationNode[];
  edges: DelegationEdge[];
}

/** The agents a role's `agent:delegates-to` tag lists. */
export function declaredCallees(role: PolicyResource): string[] {
  const tag = readTag(role, DELEGATES_TO_TAG);
  return tag.known ? parseDelegatesTo(tag.value) : [];
}

/** The callee's Allow statements of `sts:AssumeRole` that let the caller in. */
function admittingStatements(
  callee: DelegationNode,
  caller: DelegationNode,
  resources: readonly PolicyResource[],
): TrustStatement[] {
  const trust = readTrust(callee.agent.role);
  if (!trust.known || !trust.value.ok) return [];
  return trust.value.statements.filter(
    (s) =>
      s.effect === 'Allow' &&
      allowsAction(s, 'sts:AssumeRole') &&
      (s.notPrincipal ||
        s.principals.some((p) => principalAdmits(p, caller.facts, resources) !== undefined)),
  );
}

/** Whether one of the statements names the caller's role itself (not its account, not anyone). */
function namesCaller(
  statements: TrustStatement[],
  caller: DelegationNode,
  resources: readonly PolicyResource[],
): boolean {
  return statements.some(
    (s) =>
      !s.notPrincipal &&
      s.principals.some((p) => principalAdmits(p, caller.facts, resources) === 'named'),
  );
}

export function delegationGraph(
  resources: readonly PolicyResource[],
  agents: readonly AgentRole[],
): DelegationGraph {
  const nodes: DelegationNode[] = agents.map((agent) => ({
    agent,
    facts: factsOf(agent.role),
    permissions: gatherRolePermissions(resources, agent),
    declared: declaredCallees(agent.role),
    suspended: isSuspended(agent, resources),
  }));
  // Most agents may assume no role, and most trusts name only Vault or a service: only those
  // pairs where one side allows it are read, so a large fleet costs a pass, not a square.
  const callers = new Set(
    nodes.filter((n) => allowsActionOn(n.permissions.permissions, 'sts:AssumeRole', () => true)),
  );
  const namingCallees = nodes.filter((n) => trustNamesAnAgent(n));
  const edges: DelegationEdge[] = [];
  for (const from of nodes) {
    if (from.suspended) continue;
    for (const to of callers.has(from) ? nodes : namingCallees) {
      if (to === from || to.agent.role === from.agent.role) continue;
      if (!trustLetsIn(to.facts, from.facts, resources)) continue;
      const admitting = admittingStatements(to, from, resources);
      const allowed =
        callers.has(from) &&
        allowsActionOn(from.permissions.permissions, 'sts:AssumeRole', roleMatcher(to.facts));
      if (!allowed && !namesCaller(admitting, from, resources)) continue;
      edges.push({
        from,
        to,
        declared: from.declared.includes(to.agent.agentName),
        admitting,
      });
    }
  }
  return { nodes, edges };
}

/** Whether the trust names some IAM role or user (which may be an agent's), or is unknown. */
function trustNamesAnAgent(n: DelegationNode): boolean {
  const trust = readTrust(n.agent.role);
  if (!trust.known) return true;
  if (!trust.value.ok) return false;
  return trust.value.statements.some((s) =>
    s.principals.some((p) => p.kind === 'aws' && /:(role|user)\//.test(p.value)),
  );
}

/** The cycles of the graph, each as the agent names around it (first name not repeated). */
export function delegationCycles(graph: DelegationGraph): string[][] {
  const out = new Map<string, DelegationNode[]>();
  const next = (n: DelegationNode) => graph.edges.filter((e) => e.from === n).map((e) => e.to);
  const state = new Map<DelegationNode, 'open' | 'done'>();
  const stack: DelegationNode[] = [];
  const visit = (n: DelegationNode): void => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next(n)) {
      if (state.get(m) === 'open') {
        const cycle = stack.slice(stack.indexOf(m));
        // One report per cycle, whichever agent the walk entered it by.
        const key = cycle
          .map((c) => c.agent.agentName)
          .sort()
          .join(' ');
        if (!out.has(key)) out.set(key, cycle);
      } else if (!state.has(m)) {
        visit(m);
      }
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.nodes) if (!state.has(n)) visit(n);
  return [...out.values()].map((cycle) => cycle.map((c) => c.agent.agentName));
}

/**
 * The longest chain of calls that starts at each agent that calls another, as agent names (the
 * agent first), without passing an agent twice.
 */
export function longestChains(
  graph: DelegationGraph,
  /** Chains are followed to this many hops at most: enough to tell one longer than the limit. */
  maxHops: number,
): Map<DelegationNode, string[]> {
  const longest = new Map<DelegationNode, string[]>();
  const walk = (n: DelegationNode, seen: Set<DelegationNode>): string[] => {
    let best: string[] = [];
    if (seen.size - 1 >= maxHops) return [n.agent.agentName];
    for (const e of graph.edges) {
      if (e.from !== n || seen.has(e.to)) continue;
      const rest = walk(e.to, new Set([...seen, e.to]));
      if (rest.length > best.length) best = rest;
    }
    return [n.agent.agentName, ...best];
  };
  for (const n of graph.nodes) {
    if (graph.edges.some((e) => e.from === n)) longest.set(n, walk(n, new Set([n])));
  }
  return longest;
}

/** The agents each agent can reach by delegation, directly or through others, in reach order. */
export function delegationReach(graph: DelegationGraph, from: DelegationNode): string[] {
  const reached: string[] = [];
  const seen = new Set<DelegationNode>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const e of graph.edges) {
      if (e.from !== n || seen.has(e.to)) continue;
      seen.add(e.to);
      reached.push(e.to.agent.agentName);
      queue.push(e.to);
    }
  }
  return reached;
}
