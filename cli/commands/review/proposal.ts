/**
 * The smaller declaration: the agent's `permissions` with only the actions it used, each on only
 * the declared resources it used them on. It never widens: every kept resource is one the agent
 * declared (a pattern stays the pattern), conditions are kept as declared, and a declared action
 * pattern becomes the exact actions used under it. A statement whose actions were used on
 * different resources is split, so that no action keeps a resource only another one used.
 */
import type { GrantStatement, InventoryEntry } from '../../check-report';
import type { AgentUsage, Grant } from './usage';

/** A statement in the shape of the declaration's `permissions` (components/declaration). */
export interface ProposedStatement {
  sid?: string;
  actions: string[];
  resources: string[];
  conditions?: Record<string, unknown>;
}

export interface Proposal {
  /** What to declare instead; null when the agent used none of its grants. */
  permissions: ProposedStatement[] | null;
  /** The proposal is the declaration as it is: everything granted was used. */
  unchanged: boolean;
  notes: string[];
}

/** The actions of a statement the calls used, each with the resources it used, in order. */
function usedActions(
  s: GrantStatement,
  grants: readonly Grant[],
  notes: string[],
  index: number,
): Map<string, string[]> {
  const used = new Map<string, string[]>();
  const add = (action: string, resources: string[]) => {
    const list = used.get(action) ?? [];
    for (const r of resources) if (!list.includes(r)) list.push(r);
    used.set(action, list);
  };
  for (const declared of s.actions) {
    const rows = grants.filter((g) => g.action === declared && g.calls > 0);
    const exact = !s.notActions && !/[*?]/.test(declared);
    const actions = exact ? [declared] : [...new Set(rows.flatMap((g) => g.actions))].sort();
    for (const action of actions) {
      const mine = exact ? rows : rows.filter((g) => g.actions.includes(action));
      if (!s.notResources) {
        add(
          action,
          mine.map((g) => g.resource),
        );
        continue;
      }
      // A NotResource statement allows "all but": keeping "*" would drop the exception, so the
      // ARNs used are kept instead.
      add(
        action,
        mine.flatMap((g) => g.on.map((o) => o.arn)),
      );
      const unrecorded = mine.reduce((n, g) => n + g.unrecorded, 0);
      if (unrecorded > 0) {
        notes.push(
          `statement ${index + 1} uses NotResource and ${unrecorded} ${action} call(s) named no resource; add the resources they need by hand`,
        );
      }
    }
  }
  for (const [action, resources] of used) if (resources.length === 0) used.delete(action);
  return used;
}

function sameStatements(a: readonly ProposedStatement[], b: readonly GrantStatement[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (s, i) =>
        !b[i].notActions &&
        !b[i].notResources &&
        JSON.stringify([...s.actions].sort()) === JSON.stringify([...b[i].actions].sort()) &&
        JSON.stringify([...s.resources].sort()) === JSON.stringify([...b[i].resources].sort()),
    )
  );
}

export function proposalOf(agent: InventoryEntry, usage: AgentUsage): Proposal {
  const notes: string[] = [];
  const permissions: ProposedStatement[] = [];
  agent.statements.forEach((s, index) => {
    const grants = usage.grants.filter((g) => g.statement === index);
    const used = usedActions(s, grants, notes, index);
    // Actions used on the same resources share a statement.
    const groups = new Map<string, { actions: string[]; resources: string[] }>();
    for (const [action, resources] of used) {
      const key = JSON.stringify(resources);
      const group = groups.get(key) ?? { actions: [], resources };
      group.actions.push(action);
      groups.set(key, group);
    }
    [...groups.values()].forEach((group, n) => {
      permissions.push({
        ...(s.sid ? { sid: n === 0 ? s.sid : `${s.sid}${n + 1}` } : {}),
        actions: group.actions,
        resources: group.resources,
        ...(s.conditions ? { conditions: s.conditions } : {}),
      });
    });
  });
  if (permissions.length === 0) {
    return {
      permissions: null,
      unchanged: false,
      notes: [
        ...notes,
        usage.calls === 0
          ? 'no call in the period: nothing to propose (a declaration needs one statement); ask its owner whether the agent is still needed'
          : 'none of its grants was used in the period: nothing to propose; ask its owner whether the agent is still needed',
      ],
    };
  }
  const unrecorded = usage.grants.filter(
    (g) => g.unrecorded > 0 && !agent.statements[g.statement].notResources,
  );
  if (unrecorded.length > 0) {
    const actions = [...new Set(unrecorded.map((g) => g.action))].sort();
    notes.push(
      `CloudTrail named no resource for some calls of ${actions.join(', ')}: every resource of their statements is kept`,
    );
  }
  return { permissions, unchanged: sameStatements(permissions, agent.statements), notes };
}

/** A string as a TypeScript literal: single quotes, as Prettier writes them. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return literal(value);
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${valueText(v)}`,
    );
    return `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** The `permissions` block as TypeScript to paste into the agent's declaration. */
export function permissionsText(permissions: readonly ProposedStatement[]): string[] {
  return [
    'permissions: [',
    ...permissions.flatMap((s) => [
      '  {',
      ...(s.sid ? [`    sid: ${literal(s.sid)},`] : []),
      `    actions: ${valueText(s.actions)},`,
      `    resources: ${valueText(s.resources)},`,
      ...(s.conditions ? [`    conditions: ${valueText(s.conditions)},`] : []),
      '  },',
    ]),
    '],',
  ];
}
