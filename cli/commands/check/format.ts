/** The check's result as text: the inventory table, the violations, the warnings, a summary. */
import type { CheckReport, InventoryEntry, OpaqueComponent, Violation } from '../../check-report';
import { plural } from '../../output';
import { fitWidths, paint, type Terminal, truncate } from '../../terminal';

const TABLE_COLUMNS: { title: string; cell: (e: InventoryEntry) => string }[] = [
  { title: 'AGENT', cell: (e) => (e.declaredBy === 'hand' ? `${e.name} (hand-written)` : e.name) },
  { title: 'RUNTIME', cell: (e) => e.runtime ?? '' },
  { title: 'STATUS', cell: (e) => (e.status ?? '').toUpperCase() },
  { title: 'OWNER', cell: (e) => e.owner },
  { title: 'PURPOSE', cell: (e) => e.purpose },
  { title: 'EXPIRES', cell: (e) => e.expiresOn },
  { title: 'TTL', cell: (e) => e.ttl },
  { title: 'MAX TTL', cell: (e) => e.maxTtl },
  // A hand-written agent's statements are in its policies, judged above, not declared here.
  {
    title: 'STATEMENTS',
    cell: (e) => (e.declaredBy === 'hand' ? '' : String(e.statements.length)),
  },
];

/** The PURPOSE column: the one a narrow terminal shortens. */
const SHRINKABLE = TABLE_COLUMNS.findIndex((c) => c.title === 'PURPOSE');

const STATUS_STYLE = { EXPIRED: 'red', SUSPENDED: 'yellow', ACTIVE: 'green' } as const;

/**
 * The inventory as an aligned text table, one line per agent; on a terminal, fitted to its width
 * (the purpose cut short) with the status in colour.
 */
function formatInventory(inventory: InventoryEntry[], terminal?: Terminal): string[] {
  if (inventory.length === 0)
    return ['No agents: no Agent component, and no role the pack counts as an agent.'];
  const rows = [
    TABLE_COLUMNS.map((c) => c.title),
    ...inventory.map((e) => TABLE_COLUMNS.map((c) => c.cell(e))),
  ];
  // The table is indented by two under its heading.
  const widths = terminal
    ? fitWidths(rows, terminal.columns - 2, SHRINKABLE)
    : TABLE_COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const table = rows.map((r, row) =>
    r
      .map((cell, i) => {
        const text = truncate(cell, widths[i]).padEnd(widths[i]);
        if (row === 0) return paint(terminal, 'bold', text);
        const style =
          TABLE_COLUMNS[i].title === 'STATUS'
            ? STATUS_STYLE[cell as keyof typeof STATUS_STYLE]
            : undefined;
        return style ? paint(terminal, style, cell) + text.slice(cell.length) : text;
      })
      .join('  ')
      .trimEnd(),
  );
  // What an agent reaches beyond its own policies is part of what it can do: said under the table.
  const reach = inventory
    .filter((e) => (e.reach ?? []).length > 0)
    .map(
      (e) =>
        `${e.name} also reaches: ${(e.reach ?? [])
          .map((r) =>
            r.kind === 'assumed-role'
              ? `role "${r.name}" by sts:AssumeRole (${(r.path ?? []).join(' → ')})`
              : r.name,
          )
          .join('; ')}`,
    );
  // Delegation reach: the agents each agent can call, directly or through others.
  const calls = inventory
    .filter((e) => (e.delegatesTo ?? []).length > 0)
    .map(
      (e) => `${e.name} can call: ${(e.delegatesTo ?? []).map((n) => `agent "${n}"`).join(', ')}`,
    );
  const notes = [...reach, ...calls];
  return notes.length > 0 ? [...table, '', ...notes] : table;
}

function resourceLabel(v: Violation): string {
  return v.resource ? `${v.resource.name} (${v.resource.type})` : 'stack';
}

export function formatViolations(violations: Violation[], terminal?: Terminal): string[] {
  if (violations.length === 0) return ['No policy violations.'];
  // Several policies can say the same thing of one resource (a document none of them can see at
  // preview): print it once, naming every policy, in the place of its first report.
  const groups = new Map<string, { first: Violation; policies: string[] }>();
  for (const v of violations) {
    const key = JSON.stringify([v.enforcementLevel, v.resource?.urn ?? '', v.message]);
    const group = groups.get(key);
    if (group) group.policies.push(v.policy);
    else groups.set(key, { first: v, policies: [v.policy] });
  }
  const lines: string[] = [];
  for (const { first: v, policies } of groups.values()) {
    const level = paint(
      terminal,
      v.enforcementLevel === 'mandatory' ? 'red' : 'yellow',
      v.enforcementLevel,
    );
    lines.push(`${level}  ${policies.join(', ')}  ${resourceLabel(v)}`);
    for (const line of v.message.split('\n')) lines.push(`    ${line}`);
  }
  return lines;
}

/** Remote components, each with its acknowledgement or what to do; nothing when there are none. */
function formatOpaque(components: OpaqueComponent[]): string[] {
  if (components.length === 0) return [];
  return [
    `Not judged offline (${components.length}): remote components, whose children only their provider plugin creates`,
    ...components.flatMap((c) => [
      `  ${c.name} (${c.type})  ${c.urn}`,
      c.acknowledged === undefined
        ? '      not acknowledged: judge it with `pulumi preview --policy-pack`, or acknowledge it in the policy config\'s "opaqueComponents" with its type, name and a reason'
        : `      acknowledged: ${c.acknowledged}`,
    ]),
    '',
  ];
}

function formatMockedAws(result: CheckReport): string[] {
  const m = result.mockedAws;
  if (!m) return [];
  return [
    `Mocked AWS: account ${m.account} (${m.accountFrom}), region ${m.region} (${m.regionFrom}).`,
  ];
}

function opaqueSummary(components: OpaqueComponent[]): string {
  const open = components.filter((c) => c.acknowledged === undefined).length;
  const acknowledged = components.length - open;
  const parts = [
    ...(open > 0
      ? [`${plural(open, 'remote component')} not judged offline and not acknowledged (above)`]
      : []),
    ...(acknowledged > 0
      ? [`${plural(acknowledged, 'remote component')} not judged offline, acknowledged`]
      : []),
  ];
  return parts.map((p) => `; ${p}`).join('');
}

function formatSummary(result: CheckReport, terminal?: Terminal): string {
  const { summary: s } = result;
  return (
    `${s.passed ? paint(terminal, 'green', 'PASS') : paint(terminal, 'red', 'FAIL')}: ${plural(s.mandatory, 'mandatory violation')}, ` +
    `${s.advisory} ${s.advisory === 1 ? 'advisory' : 'advisories'}; ${plural(s.agents, 'agent')}, ` +
    `${plural(s.resources, 'resource')} checked at ${result.mode} (${result.pack.name}@${result.pack.version})` +
    opaqueSummary(result.opaqueComponents) +
    (result.weakened.length > 0
      ? `; the gate is weakened by the policy-pack config (${result.weakened.length}, above).`
      : '.')
  );
}

/** Every line of the text output; plain unless `terminal` says it is one. */
export function formatText(result: CheckReport, terminal?: Terminal): string[] {
  return [
    `Agents (${result.inventory.length}):`,
    ...formatInventory(result.inventory, terminal).map((line) => (line ? `  ${line}` : '')),
    '',
    `Violations (${result.violations.length}):`,
    ...formatViolations(result.violations, terminal).map((line) => `  ${line}`),
    '',
    ...formatOpaque(result.opaqueComponents),
    ...result.warnings.map((warning) => `Warning: ${warning}`),
    ...result.weakened.map((line) => `Gate weakened: ${line}`),
    ...formatMockedAws(result),
    formatSummary(result, terminal),
  ];
}

/** The `--json` output: the result as one document, in the shape `CheckReportSchema` reads. */
export function formatJson(result: CheckReport): string {
  return JSON.stringify(result, null, 2);
}
