/** Command-line parsing shared by `report`, `diff` and `audit`. */
import { parseIsoDate } from '../policy-pack/lib/conventions';

export interface CommandLine {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  help: boolean;
}

/**
 * Splits `args` into positionals, boolean `flags` and `valued` options (`--x v` or `--x=v`).
 * Returns an error message for an unknown option or a missing value. `-` is a positional (stdin).
 */
export function parseCommandLine(
  args: readonly string[],
  flags: readonly string[],
  valued: readonly string[],
): CommandLine | { error: string } {
  const line: CommandLine = { positionals: [], flags: new Set(), values: new Map(), help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') line.help = true;
    else if (arg === '-' || !arg.startsWith('-')) line.positionals.push(arg);
    else if (flags.includes(arg)) line.flags.add(arg);
    else {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      if (!valued.includes(name)) return { error: `unknown option "${arg}"` };
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') return { error: `${name} needs a value` };
      line.values.set(name, value);
    }
  }
  return line;
}

/** The day to judge expiry against: `--now YYYY-MM-DD`, else today (UTC). */
export function parseNow(value: string | undefined): Date | { error: string } {
  if (value === undefined) return parseIsoDate(new Date().toISOString().slice(0, 10)) as Date;
  const date = parseIsoDate(value);
  if (!date) return { error: `--now "${value}" is not a date; use YYYY-MM-DD, e.g. 2026-12-01` };
  return date;
}

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
