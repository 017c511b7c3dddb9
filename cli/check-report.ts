/**
 * The saved output of `agent-iam check --json`, which `report` and `diff` read. Validated with a
 * schema so a wrong or stale file is refused with the file and the field named, never half-read.
 */
import * as fs from 'fs';
import { z } from 'zod';

const StatementSchema = z.object({
  actions: z.array(z.string()),
  resources: z.array(z.string()),
  conditions: z.record(z.string(), z.unknown()).optional(),
});

const InventoryEntrySchema = z.object({
  name: z.string().min(1),
  owner: z.string(),
  purpose: z.string(),
  expiresOn: z.string(),
  ttl: z.string(),
  maxTtl: z.string(),
  statements: z.array(StatementSchema),
});

const ViolationSchema = z.object({
  policy: z.string(),
  enforcementLevel: z.enum(['mandatory', 'advisory', 'disabled', 'remediate']),
  severity: z.string().optional(),
  resource: z.object({ urn: z.string(), type: z.string(), name: z.string() }).optional(),
  message: z.string(),
});

export const CheckOutputSchema = z.object({
  program: z.string(),
  project: z.string(),
  stack: z.string(),
  mode: z.enum(['preview', 'update']),
  pack: z.object({ name: z.string(), version: z.string() }),
  inventory: z.array(InventoryEntrySchema),
  violations: z.array(ViolationSchema),
  summary: z.object({
    resources: z.number(),
    agents: z.number(),
    mandatory: z.number(),
    advisory: z.number(),
    passed: z.boolean(),
  }),
});

export type CheckOutput = z.output<typeof CheckOutputSchema>;
export type InventoryAgent = CheckOutput['inventory'][number];
export type GrantStatement = InventoryAgent['statements'][number];
export type CheckViolation = CheckOutput['violations'][number];

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads standard input; tests pass their own. */
export type StdinReader = () => string;
export const readProcessStdin: StdinReader = () => {
  // Reading a terminal would wait for typing; the user most likely forgot the file.
  if (process.stdin.isTTY) throw Object.assign(new Error('a terminal'), { code: 'TTY' });
  return fs.readFileSync(0, 'utf8');
};

const HOW_TO_MAKE = 'save it with `agent-iam check --json > check.json`';

/** `inventory[0].owner`: an issue path as the user would write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the document)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short rendering of a received value for an error message. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads a file (or stdin for `-`) and parses it as JSON; the message names the file. */
export function readJsonInput(file: string, readStdin: StdinReader): Loaded<unknown> {
  const label = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? readStdin() : fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'TTY'
            ? 'it is a terminal; pass FILE or pipe a file in'
            : (code ?? String(err));
    return { ok: false, message: `${label}: cannot read (${why}).` };
  }
  if (text.trim() === '') return { ok: false, message: `${label}: is empty.` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `${label}: not valid JSON (${(err as Error).message}).` };
  }
}

/** Loads and validates a saved `check --json`; the message names the file and each bad field. */
export function loadCheckOutput(file: string, readStdin: StdinReader): Loaded<CheckOutput> {
  const label = file === '-' ? 'standard input' : file;
  const json = readJsonInput(file, readStdin);
  if (!json.ok)
    return {
      ok: false,
      message: `${json.message} Expected the output of \`agent-iam check --json\`; ${HOW_TO_MAKE}.`,
    };
  const raw = json.value;
  if (raw && typeof raw === 'object' && 'error' in raw && !('inventory' in raw)) {
    const error = (raw as { error?: { message?: unknown } }).error;
    return {
      ok: false,
      message: `${label}: is the output of a failed \`agent-iam check\` (${shown(error?.message)}); fix the check and save its output again.`,
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('inventory' in raw)) {
    return {
      ok: false,
      message: `${label}: not the output of \`agent-iam check --json\` (no "inventory"); ${HOW_TO_MAKE}.`,
    };
  }
  const parsed = CheckOutputSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: [
      `${label}: not a valid \`agent-iam check --json\` output; ${HOW_TO_MAKE}:`,
      ...issueLines(raw, parsed.error.issues),
    ].join('\n'),
  };
}

/** One line per schema issue (at most five): the field, what was expected, what was received. */
export function issueLines(root: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, 5).map((issue) => {
    const value = valueAt(root, issue.path);
    const expected = issue.message
      .replace(/^Invalid (input|option): /, '')
      .replace(/, received \w+$/, '');
    return value === undefined
      ? `  ${fieldPath(issue.path)}: missing (${expected})`
      : `  ${fieldPath(issue.path)}: ${expected}, received ${shown(value)}`;
  });
  if (issues.length > lines.length) lines.push(`  and ${issues.length - lines.length} more`);
  return lines;
}

/** The `Agent "<name>": ` prefix every pack message for an agent starts with. */
const AGENT_PREFIX = /^Agent "([^"]+)"/;

/**
 * Which of `agentNames` a violation is about: the name its message starts with, else the agent
 * whose name prefixes the resource's (`<agent>-role`, `<agent>-vault-role`...), longest first so
 * "finance" never takes "finance-reader-role".
 */
export function agentOfViolation(
  violation: CheckViolation,
  agentNames: readonly string[],
): string | undefined {
  const named = AGENT_PREFIX.exec(violation.message);
  if (named) return named[1];
  const resource = violation.resource?.name;
  if (!resource) return undefined;
  let best: string | undefined;
  for (const name of agentNames) {
    if ((resource === name || resource.startsWith(`${name}-`)) && name.length > (best?.length ?? 0))
      best = name;
  }
  return best;
}

/** The distinct actions and resources an agent's statements grant, in first-seen order. */
export function grantedActions(statements: readonly GrantStatement[]): string[] {
  return [...new Set(statements.flatMap((s) => s.actions))];
}
export function grantedResources(statements: readonly GrantStatement[]): string[] {
  return [...new Set(statements.flatMap((s) => s.resources))];
}
