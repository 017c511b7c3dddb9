/**
 * `agent-iam suspend NAME` and `agent-iam resume NAME`: the kill switch as a one-line, reviewable
 * change of the stack config (`agent-iam:suspended`, a list of agent names), and the exact
 * `pulumi up --target …` that applies it to that agent's resources only. The file is edited as
 * text, so its comments and layout stay; the result is read back and checked before it is written.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { agentNameProblem } from '../../policy-pack/lib/conventions';
import type { Io } from '../io';
import { parseCommandLine } from '../options';

const KEY = 'agent-iam:suspended';

const usage = (verb: 'suspend' | 'resume') =>
  `Usage: agent-iam ${verb} NAME [--program DIR] [--stack NAME]

${
  verb === 'suspend'
    ? 'Adds the agent to agent-iam:suspended in Pulumi.<stack>.yaml: on the next `pulumi up` its role\ndenies everything, its Vault AWS role is removed and its AppRole login disabled.'
    : 'Removes the agent from agent-iam:suspended in Pulumi.<stack>.yaml: the next `pulumi up`\nrestores its permissions, Vault role and AppRole login.'
}
Prints the \`pulumi up\` command that applies it to that agent's resources only.

  --program DIR   the Pulumi project folder (default: the current folder)
  --stack NAME    the stack whose Pulumi.<stack>.yaml to edit (default: dev); the file must exist

Exit codes: 0 the stack config says it (changed, or already so); 2 bad input, nothing written.`;

class SuspendError extends Error {}

/** The suspended list, and the file's text with the key's block removed and where it stood. */
function readSuspended(text: string, file: string): string[] {
  let doc: unknown;
  try {
    doc = yaml.load(text);
  } catch (err) {
    throw new SuspendError(`${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const config = (doc as { config?: Record<string, unknown> } | null)?.config ?? {};
  const value = config[KEY];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new SuspendError(
      `${file}: ${KEY} is ${JSON.stringify(value)}, not a list of agent names; make it a YAML list, e.g. "${KEY}: [ticket-triager]"`,
    );
  }
  return value as string[];
}

/** The file with `agent-iam:suspended` set to `names` (removed when empty), as text. */
function withSuspended(text: string, names: string[]): string {
  const lines = text.split('\n');
  const keyLine = lines.findIndex((l) => /^\s+["']?agent-iam:suspended["']?\s*:/.test(l));
  let at: number;
  let indent: string;
  if (keyLine >= 0) {
    indent = /^(\s+)/.exec(lines[keyLine])![1];
    let end = keyLine + 1;
    // The key's block: its list items, deeper-indented or "- " at the same indent.
    while (
      end < lines.length &&
      (lines[end].trim() === '' ||
        lines[end].startsWith(`${indent} `) ||
        lines[end].startsWith(`${indent}-`)) &&
      !(lines[end].trim() === '' && end === lines.length - 1)
    ) {
      if (lines[end].trim() === '' && !/^\s+-/.test(lines[end + 1] ?? '')) break;
      end++;
    }
    lines.splice(keyLine, end - keyLine);
    at = keyLine;
  } else {
    const config = lines.findIndex((l) => /^config:\s*(#.*)?$/.test(l));
    if (config < 0) {
      if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      lines.push('config:');
      at = lines.length;
      lines.push('');
    } else at = config + 1;
    indent = '  ';
  }
  const block =
    names.length === 0 ? [] : [`${indent}${KEY}:`, ...names.map((n) => `${indent}  - ${n}`)];
  lines.splice(at, 0, ...block);
  return lines.join('\n');
}

export function runSuspend(args: string[], io: Io): number {
  return run('suspend', args, io);
}

export function runResume(args: string[], io: Io): number {
  return run('resume', args, io);
}

function run(verb: 'suspend' | 'resume', args: string[], io: Io): number {
  const parsed = parseCommandLine(args, { program: 'value', stack: 'value' });
  if ('error' in parsed) {
    io.err(`agent-iam ${verb}: ${parsed.error}\n\n${usage(verb)}`);
    return 2;
  }
  if (parsed.help) {
    io.out(usage(verb));
    return 0;
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined || extra.length > 0) {
    io.err(`agent-iam ${verb}: give exactly one agent name\n\n${usage(verb)}`);
    return 2;
  }
  const problem = agentNameProblem(name);
  if (problem !== undefined) {
    io.err(`agent-iam ${verb}: "${name}" is not an agent name: ${problem}`);
    return 2;
  }
  const dir = path.resolve(parsed.options.program ?? '.');
  const stack = parsed.options.stack ?? 'dev';
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  try {
    if (!fs.existsSync(file)) {
      throw new SuspendError(
        `there is no ${file}; pass the project with --program and the stack with --stack (the stack's config file must exist)`,
      );
    }
    const text = fs.readFileSync(file, 'utf8');
    const before = readSuspended(text, file);
    const after =
      verb === 'suspend'
        ? before.includes(name)
          ? before
          : [...before, name]
        : before.filter((n) => n !== name);
    if (after.length === before.length) {
      io.out(
        `"${name}" is ${verb === 'suspend' ? 'already' : 'not'} in ${KEY} of ${path.basename(file)}; nothing to change.`,
      );
      return 0;
    }
    const edited = withSuspended(text, after);
    // Read back: the edit must say exactly the intended list, and keep the rest of the config.
    const check = readSuspended(edited, file);
    const rest = (t: string) => {
      const c = { ...((yaml.load(t) as { config?: object } | null)?.config ?? {}) };
      delete (c as Record<string, unknown>)[KEY];
      return JSON.stringify(c);
    };
    if (JSON.stringify(check) !== JSON.stringify(after) || rest(edited) !== rest(text)) {
      throw new SuspendError(
        `could not edit ${file} safely (an unusual layout of ${KEY}); set it by hand to ${JSON.stringify(after)}`,
      );
    }
    fs.writeFileSync(file, edited);
  } catch (err) {
    if (!(err instanceof SuspendError)) throw err;
    io.err(`agent-iam ${verb}: ${err.message}`);
    return 2;
  }
  io.out(
    `${verb === 'suspend' ? 'Suspended' : 'Resumed'} "${name}" in ${path.basename(file)} (${KEY}). Review the change, then apply it to that agent's resources only:\n` +
      `  pulumi up --stack ${stack} --target '**::${name}' --target '**::${name}-*'\n` +
      `or to the whole stack: pulumi up --stack ${stack}`,
  );
  return 0;
}
