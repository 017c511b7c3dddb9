/**
 * `agent-iam diff BEFORE AFTER [--json]`: what a change does to the fleet, for a pull-request
 * comment, from two saved `agent-iam check --json` outputs (e.g. of the base and the head branch).
 *
 * Exit codes: 0 no new mandatory violation; 1 AFTER has a mandatory violation BEFORE did not;
 * 2 an input is unreadable or not a check output, or the command line is wrong.
 */
import {
  loadCheckReport,
  type CheckReport,
  type InventoryEntry,
  type Violation,
} from '../check-report';
import { readProcessStdin, type StdinReader } from '../input';
import type { Io } from '../io';
import { parseCommandLine } from '../options';
import { plural } from '../output';

const USAGE = `Usage: agent-iam diff BEFORE AFTER [--json]

  BEFORE, AFTER  saved \`agent-iam check --json\` outputs, e.g. of the base and the head branch
                 (one of them may be "-": standard input)
  --json         print the differences as one JSON document

Shows agents added and removed; per agent, changes of owner, purpose, expiry, TTL and max TTL,
and every action on a resource granted or revoked; violations new and resolved.
Exit codes: 0 no new mandatory violation; 1 AFTER has a mandatory violation BEFORE did not;
2 an input is unreadable or not a check output.`;

/** One action allowed on one resource (under the statement's conditions, if any). */
export interface Grant {
  action: string;
  resource: string;
  conditions?: Record<string, unknown>;
}

export interface FieldChange {
  field: 'owner' | 'purpose' | 'expiresOn' | 'ttl' | 'maxTtl' | 'declaredBy';
  before: string;
  after: string;
}

export interface AgentChange {
  name: string;
  fields: FieldChange[];
  granted: Grant[];
  revoked: Grant[];
}

export interface FleetDiff {
  before: { project: string; stack: string };
  after: { project: string; stack: string };
  added: (InventoryEntry & { granted: Grant[] })[];
  removed: (InventoryEntry & { revoked: Grant[] })[];
  changed: AgentChange[];
  unchanged: string[];
  violations: { new: Violation[]; resolved: Violation[] };
  /** AFTER has a mandatory violation BEFORE did not. */
  blocking: boolean;
}

const COMPARED_FIELDS: FieldChange['field'][] = [
  'owner',
  'purpose',
  'expiresOn',
  'ttl',
  'maxTtl',
  'declaredBy',
];

/** A compared field as text: who declared the agent, `component` or `hand`. */
function fieldText(agent: InventoryEntry, field: FieldChange['field']): string {
  return field === 'declaredBy' ? (agent.declaredBy ?? 'component') : agent[field];
}

/** JSON with sorted keys, so equal conditions written in another order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** IAM action names are case-insensitive; resources and condition values are not. */
function grantKey(g: Grant): string {
  return `${g.action.toLowerCase()}\u0000${g.resource}\u0000${g.conditions ? canonical(g.conditions) : ''}`;
}

/** Every action × resource pair an agent's statements allow, deduplicated. */
export function grantsOf(agent: InventoryEntry): Grant[] {
  const grants = new Map<string, Grant>();
  for (const s of agent.statements) {
    for (const action of s.actions) {
      for (const resource of s.resources) {
        const grant: Grant = {
          action,
          resource,
          ...(s.conditions ? { conditions: s.conditions } : {}),
        };
        const key = grantKey(grant);
        if (!grants.has(key)) grants.set(key, grant);
      }
    }
  }
  return [...grants.values()];
}

function difference(a: Grant[], b: Grant[]): Grant[] {
  const keys = new Set(b.map(grantKey));
  return a.filter((g) => !keys.has(grantKey(g)));
}

const violationKey = (v: Violation): string =>
  `${v.policy}\u0000${v.resource?.urn ?? ''}\u0000${v.message}`;

export function diffFleets(before: CheckReport, after: CheckReport): FleetDiff {
  const beforeByName = new Map(before.inventory.map((a) => [a.name, a]));
  const afterByName = new Map(after.inventory.map((a) => [a.name, a]));
  const added = after.inventory
    .filter((a) => !beforeByName.has(a.name))
    .map((a) => ({ ...a, granted: grantsOf(a) }));
  const removed = before.inventory
    .filter((a) => !afterByName.has(a.name))
    .map((a) => ({ ...a, revoked: grantsOf(a) }));
  const changed: AgentChange[] = [];
  const unchanged: string[] = [];
  for (const now of after.inventory) {
    const was = beforeByName.get(now.name);
    if (!was) continue;
    const fields = COMPARED_FIELDS.filter((f) => fieldText(was, f) !== fieldText(now, f)).map(
      (field) => ({ field, before: fieldText(was, field), after: fieldText(now, field) }),
    );
    const [oldGrants, newGrants] = [grantsOf(was), grantsOf(now)];
    const change = {
      name: now.name,
      fields,
      granted: difference(newGrants, oldGrants),
      revoked: difference(oldGrants, newGrants),
    };
    if (fields.length + change.granted.length + change.revoked.length > 0) changed.push(change);
    else unchanged.push(now.name);
  }
  const beforeKeys = new Set(before.violations.map(violationKey));
  const afterKeys = new Set(after.violations.map(violationKey));
  const newViolations = after.violations.filter((v) => !beforeKeys.has(violationKey(v)));
  const resolved = before.violations.filter((v) => !afterKeys.has(violationKey(v)));
  return {
    before: { project: before.project, stack: before.stack },
    after: { project: after.project, stack: after.stack },
    added,
    removed,
    changed,
    unchanged,
    violations: { new: newViolations, resolved },
    blocking: newViolations.some((v) => v.enforcementLevel === 'mandatory'),
  };
}

function describeGrant(sign: '+' | '-', g: Grant): string {
  const when = g.conditions ? ` when ${canonical(g.conditions)}` : '';
  return `${sign} ${g.action} on ${g.resource}${when}`;
}

const FIELD_LABELS: Record<FieldChange['field'], string> = {
  owner: 'owner',
  purpose: 'purpose',
  expiresOn: 'expires on',
  ttl: 'ttl',
  maxTtl: 'max ttl',
  declaredBy: 'declared by',
};

function describeViolation(v: Violation): string {
  const where = v.resource ? ` (${v.resource.name})` : '';
  return `- **${v.enforcementLevel}** \`${v.policy}\`${where}: ${v.message}`;
}

/** Markdown for a pull-request comment; grants in ```diff blocks so they render green and red. */
export function formatDiff(d: FleetDiff): string[] {
  const stack =
    d.before.project === d.after.project && d.before.stack === d.after.stack
      ? `${d.after.project}/${d.after.stack}`
      : `${d.before.project}/${d.before.stack} → ${d.after.project}/${d.after.stack}`;
  const newMandatory = d.violations.new.filter((v) => v.enforcementLevel === 'mandatory').length;
  const lines = [
    `## agent-iam diff: ${stack}`,
    '',
    `Agents: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged.length} unchanged.`,
    `Violations: ${d.violations.new.length} new (${newMandatory} mandatory), ${d.violations.resolved.length} resolved.`,
  ];
  const grantBlock = (grants: string[]): void => {
    if (grants.length > 0) lines.push('```diff', ...grants, '```');
  };
  for (const a of d.added) {
    lines.push(
      '',
      `### Added \`${a.name}\`${a.declaredBy === 'hand' ? ' (hand-written)' : ''}`,
      `owner ${a.owner}; purpose ${JSON.stringify(a.purpose)}; expires on ${a.expiresOn}; ttl ${a.ttl}; max ttl ${a.maxTtl}`,
    );
    grantBlock(a.granted.map((g) => describeGrant('+', g)));
  }
  for (const a of d.removed) {
    const by = a.declaredBy === 'hand' ? ' (hand-written)' : '';
    lines.push('', `### Removed \`${a.name}\`${by}`, `owner ${a.owner}; expires on ${a.expiresOn}`);
    grantBlock(a.revoked.map((g) => describeGrant('-', g)));
  }
  for (const c of d.changed) {
    lines.push('', `### Changed \`${c.name}\``);
    for (const f of c.fields) lines.push(`- ${FIELD_LABELS[f.field]}: ${f.before} → ${f.after}`);
    grantBlock([
      ...c.granted.map((g) => describeGrant('+', g)),
      ...c.revoked.map((g) => describeGrant('-', g)),
    ]);
  }
  if (d.violations.new.length > 0) {
    lines.push('', '### New violations', ...d.violations.new.map(describeViolation));
  }
  if (d.violations.resolved.length > 0) {
    lines.push('', '### Resolved violations', ...d.violations.resolved.map(describeViolation));
  }
  lines.push(
    '',
    d.blocking
      ? `**Blocked:** this change adds ${plural(newMandatory, 'mandatory violation')}.`
      : 'No new mandatory violation.',
  );
  return lines;
}

export async function runDiff(
  args: string[],
  io: Io,
  readStdin: StdinReader = readProcessStdin,
): Promise<number> {
  const line = parseCommandLine(args, { json: 'flag' });
  if ('error' in line) {
    io.err(`agent-iam diff: ${line.error}.\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  if (line.positionals.length !== 2) {
    io.err(
      `agent-iam diff: expected BEFORE and AFTER, got ${plural(line.positionals.length, 'file')}.\n\n${USAGE}`,
    );
    return 2;
  }
  const [beforeFile, afterFile] = line.positionals;
  if (beforeFile === '-' && afterFile === '-') {
    io.err('agent-iam diff: only one of BEFORE and AFTER can be "-" (standard input).');
    return 2;
  }
  const before = await loadCheckReport(beforeFile, readStdin);
  const after = await loadCheckReport(afterFile, readStdin);
  for (const loaded of [before, after]) if (!loaded.ok) io.err(`agent-iam diff: ${loaded.message}`);
  if (!before.ok || !after.ok) return 2;
  const diff = diffFleets(before.value, after.value);
  if (line.options.json) io.out(JSON.stringify(diff, null, 2));
  else for (const text of formatDiff(diff)) io.out(text);
  return diff.blocking ? 1 : 0;
}
