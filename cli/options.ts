/** The command line of every command, parsed one way (`node:util` `parseArgs`). */
import { parseArgs } from 'node:util';
import { parseIsoDate } from '../policy-pack/lib/conventions';

/** A command's options by name (without `--`): a `flag`, or an option that takes a `value`. */
export type OptionSpec = Readonly<Record<string, 'flag' | 'value'>>;

export type OptionValues<S extends OptionSpec> = {
  [K in keyof S]?: S[K] extends 'value' ? string : true;
};

export interface CommandLine<S extends OptionSpec> {
  positionals: string[];
  options: OptionValues<S>;
  /** `-h` or `--help` was given (before any mistake). */
  help: boolean;
}

/**
 * Splits `args` into positionals and the options of `spec` (`--x v` or `--x=v` for a value). The
 * first mistake wins: an unknown option, a flag given a value, `--`, or a missing or empty value.
 * `-` is a positional (standard input).
 */
export function parseCommandLine<S extends OptionSpec>(
  args: readonly string[],
  spec: S,
): CommandLine<S> | { error: string } {
  const { tokens } = parseArgs({
    args: [...args],
    options: {
      ...Object.fromEntries(
        Object.entries(spec).map(([name, kind]) => [
          name,
          { type: kind === 'value' ? ('string' as const) : ('boolean' as const) },
        ]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    const raw = args[token.index];
    if (token.kind === 'option-terminator') return { error: `unknown option "${raw}"` };
    if (token.name === 'help' && !token.inlineValue)
      return { positionals, options: {}, help: true };
    const kind = Object.hasOwn(spec, token.name) ? spec[token.name] : undefined;
    if (kind === undefined || (kind === 'flag' && token.inlineValue)) {
      return { error: `unknown option "${raw}"` };
    }
    if (kind === 'flag') options[token.name] = true;
    else if (token.value === undefined || token.value === '') {
      return { error: `${token.rawName} needs a value` };
    } else options[token.name] = token.value;
  }
  return { positionals, options: options as OptionValues<S>, help: false };
}

/** The day to judge expiry against: `--now YYYY-MM-DD`, else today (UTC). */
export function parseNow(value: string | undefined): Date | { error: string } {
  if (value === undefined) return parseIsoDate(new Date().toISOString().slice(0, 10)) as Date;
  const date = parseIsoDate(value);
  if (!date) return { error: `--now "${value}" is not a date; use YYYY-MM-DD, e.g. 2026-12-01` };
  return date;
}
