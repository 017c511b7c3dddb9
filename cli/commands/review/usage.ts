/**
 * What each declared agent did with its grants, from its CloudTrail calls: the calls are the
 * agent's when its role's session made them (`sessionIssuer.arn` is the agent's role ARN) or,
 * when the check could not know the role ARN (a preview), when the session carries the session
 * tag `agent` naming it (set by Vault or the runtime on `AssumeRole`, which the trust policy
 * requires; the tag is read from the `AssumeRole` record that created the session).
 */
import { matchesGlob } from '../../../policy-pack/engine/glob';
import { AGENT_SESSION_TAG } from '../../../policy-pack/lib/conventions';
import type { GrantStatement, InventoryEntry } from '../../check-report';
import type { TrailCall } from './trail';

/** One granted (action, resource) of a statement, and its use. */
export interface Grant {
  /** The statement's index in the agent's declared `permissions`. */
  statement: number;
  /** The action as declared (a pattern for a hand-written policy). */
  action: string;
  /** The resource as declared. */
  resource: string;
  calls: number;
  /** The ARNs the calls named, with their counts; most used first. */
  on: { arn: string; calls: number }[];
  /** Calls whose record names no resource: counted for every resource of the statement. */
  unrecorded: number;
  /** The actions the calls were (for a declared pattern, the real actions). */
  actions: string[];
}

/** Calls with one action, resource and outcome. */
export interface CallGroup {
  action: string;
  /** The ARNs the record names, or none. */
  resources: string[];
  errorCode?: string;
  calls: number;
}

export interface AgentUsage {
  name: string;
  roleArn: string | null;
  /** How its calls were found: by role ARN, by session tag, or not at all. */
  matchedBy: 'role' | 'session-tag' | 'none';
  calls: number;
  grants: Grant[];
  denied: CallGroup[];
  /** Calls that succeeded though the declaration grants them nothing (another policy did). */
  undeclared: CallGroup[];
  notes: string[];
}

export interface Usage {
  period: { from: string; to: string } | null;
  /** Calls read, and calls no agent made. */
  calls: number;
  otherCalls: number;
  agents: AgentUsage[];
}

/** A resource pattern as a glob: policy variables (`${aws:username}`) match anything. */
function resourceGlob(pattern: string): string {
  return pattern.replace(/\$\{[^}]*\}/g, '*');
}

function actionMatches(s: GrantStatement, declared: string, action: string): boolean {
  if (s.notActions) return !s.notActions.some((n) => matchesGlob(n, action));
  return matchesGlob(declared, action);
}

function resourceMatches(s: GrantStatement, declared: string, arn: string): boolean {
  if (s.notResources?.some((n) => matchesGlob(resourceGlob(n), arn, { caseSensitive: true }))) {
    return false;
  }
  return matchesGlob(resourceGlob(declared), arn, { caseSensitive: true });
}

/** Whether the statements allow the call (on a resource it names, or on any when it names none). */
function declares(statements: readonly GrantStatement[], call: TrailCall): boolean {
  return statements.some((s) =>
    s.actions.some(
      (action) =>
        actionMatches(s, action, call.action) &&
        (call.resources.length === 0 ||
          s.resources.some((r) => call.resources.some((arn) => resourceMatches(s, r, arn)))),
    ),
  );
}

function groupKey(call: TrailCall): string {
  return JSON.stringify([call.action, call.resources, call.errorCode ?? '']);
}

function addToGroup(groups: Map<string, CallGroup>, call: TrailCall): void {
  const key = groupKey(call);
  const group = groups.get(key);
  if (group) group.calls++;
  else
    groups.set(key, {
      action: call.action,
      resources: call.resources,
      ...(call.errorCode ? { errorCode: call.errorCode } : {}),
      calls: 1,
    });
}

const byCallsThenName = (a: CallGroup, b: CallGroup) =>
  b.calls - a.calls ||
  a.action.localeCompare(b.action) ||
  a.resources.join().localeCompare(b.resources.join());

/** One agent's grants and how its calls used them. */
function agentUsage(
  agent: InventoryEntry,
  calls: TrailCall[],
  matchedBy: AgentUsage['matchedBy'],
): AgentUsage {
  const grants: (Grant & { onMap: Map<string, number>; actionSet: Set<string> })[] = [];
  agent.statements.forEach((s, statement) => {
    for (const action of s.actions) {
      for (const resource of s.resources) {
        grants.push({
          statement,
          action,
          resource,
          calls: 0,
          on: [],
          unrecorded: 0,
          actions: [],
          onMap: new Map(),
          actionSet: new Set(),
        });
      }
    }
  });
  const denied = new Map<string, CallGroup>();
  let deniedButDeclared = 0;
  const undeclared = new Map<string, CallGroup>();
  for (const call of calls) {
    if (call.denied) {
      addToGroup(denied, call);
      if (declares(agent.statements, call)) deniedButDeclared++;
      continue;
    }
    let granted = false;
    for (const g of grants) {
      const s = agent.statements[g.statement];
      if (!actionMatches(s, g.action, call.action)) continue;
      if (call.resources.length === 0) {
        g.unrecorded++;
      } else {
        const hits = call.resources.filter((arn) => resourceMatches(s, g.resource, arn));
        if (hits.length === 0) continue;
        for (const arn of hits) g.onMap.set(arn, (g.onMap.get(arn) ?? 0) + 1);
      }
      g.calls++;
      g.actionSet.add(call.action);
      granted = true;
    }
    if (!granted) addToGroup(undeclared, call);
  }
  const notes: string[] = [];
  if (deniedButDeclared > 0) {
    notes.push(
      `${deniedButDeclared === 1 ? '1 denied call is' : `${deniedButDeclared} denied calls are`} granted by its declaration: something else denied ${deniedButDeclared === 1 ? 'it' : 'them'} (the kill switch, a permissions boundary, an SCP or a resource policy)`,
    );
  }
  if (agent.knownAfterApply?.includes('statements')) {
    notes.push(
      'its statements are known only after apply in this check; review a check run with --update (agent-iam review --program runs one)',
    );
  }
  if (matchedBy === 'none') {
    notes.push(
      agent.roleArn
        ? `no call by its role ${agent.roleArn} in the events`
        : `the check does not know its role ARN (a preview of a new role) and no session in the events is tagged ${AGENT_SESSION_TAG}=${agent.name}; review a check run with --update`,
    );
  }
  return {
    name: agent.name,
    roleArn: agent.roleArn ?? null,
    matchedBy,
    calls: calls.length,
    grants: grants.map(({ onMap, actionSet, ...g }) => ({
      ...g,
      on: [...onMap]
        .map(([arn, n]) => ({ arn, calls: n }))
        .sort((a, b) => b.calls - a.calls || a.arn.localeCompare(b.arn)),
      actions: [...actionSet].sort(),
    })),
    denied: [...denied.values()].sort(byCallsThenName),
    undeclared: [...undeclared.values()].sort(byCallsThenName),
    notes,
  };
}

/** The agents' names by the sessions tagged `agent` (credentials key and session ARN). */
function taggedSessions(calls: readonly TrailCall[]): Map<string, string> {
  const sessions = new Map<string, string>();
  for (const call of calls) {
    const agent = call.issued?.tags[AGENT_SESSION_TAG];
    if (!agent || call.errorCode) continue;
    if (call.issued?.accessKeyId) sessions.set(call.issued.accessKeyId, agent);
    if (call.issued?.sessionArn) sessions.set(call.issued.sessionArn, agent);
  }
  return sessions;
}

/** Each agent's usage, in the inventory's order. */
export function usageOf(inventory: readonly InventoryEntry[], calls: readonly TrailCall[]): Usage {
  const byRole = new Map<string, InventoryEntry>();
  const byName = new Map<string, InventoryEntry>();
  for (const agent of inventory) {
    if (agent.roleArn) byRole.set(agent.roleArn, agent);
    byName.set(agent.name, agent);
  }
  const sessions = taggedSessions(calls);
  const callsOf = new Map<string, { calls: TrailCall[]; by: Set<'role' | 'session-tag'> }>();
  let other = 0;
  for (const call of calls) {
    let agent = call.issuerArn ? byRole.get(call.issuerArn) : undefined;
    let by: 'role' | 'session-tag' = 'role';
    if (!agent) {
      const tagged =
        (call.accessKeyId && sessions.get(call.accessKeyId)) ||
        (call.sessionArn && sessions.get(call.sessionArn)) ||
        undefined;
      const candidate = tagged ? byName.get(tagged) : undefined;
      // A tag vouches only for an agent whose role the check could not name: a known role that
      // is not the caller's means the session is some other role's, whatever its tag says.
      if (candidate && !candidate.roleArn) {
        agent = candidate;
        by = 'session-tag';
      }
    }
    if (!agent) {
      other++;
      continue;
    }
    const entry = callsOf.get(agent.name) ?? { calls: [], by: new Set() };
    entry.calls.push(call);
    entry.by.add(by);
    callsOf.set(agent.name, entry);
  }
  const times = calls.map((c) => c.time).sort((a, b) => Date.parse(a) - Date.parse(b));
  return {
    period: times.length > 0 ? { from: times[0], to: times[times.length - 1] } : null,
    calls: calls.length,
    otherCalls: other,
    agents: inventory.map((agent) => {
      const found = callsOf.get(agent.name);
      const matchedBy = !found ? 'none' : found.by.has('role') ? 'role' : 'session-tag';
      return agentUsage(agent, found?.calls ?? [], matchedBy);
    }),
  };
}
