/**
 * `agent-iam check`: runs a Pulumi program on the SDK's mock engine and judges every resource with
 * the complete policy pack, the way `pulumi preview --policy-pack ./policy-pack` does on a pull
 * request, with no cloud account. Prints the agent inventory, every violation and a summary.
 *
 * Exit codes: 0 no mandatory violation; 1 a mandatory violation; 2 the program, the config or the
 * command line failed.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import {
  checkProgram,
  PolicyConfigFileError,
  DEFAULT_TIMEOUT_SECONDS,
  ProgramFailure,
  ProgramRunError,
  StackConfigError,
} from '../../offline';
import type { CheckReport } from '../check-report';
import type { Io } from '../io';
import { parseCommandLine } from '../options';
import { formatJson, formatText } from './check/format';
import { checkResult } from './check/result';

const USAGE = `Usage: agent-iam check [--program PATH] [--policy-config FILE] [--stack NAME] [--json] [--update]
                       [--timeout SECONDS]

  --program PATH        a folder with an index.ts, or a .ts file (default: the repo's index.ts)
  --policy-config FILE  policy-pack config, as for \`pulumi preview --policy-pack-config\`
  --stack NAME          stack whose Pulumi.<stack>.yaml config to load (default: dev)
  --json                print the result as one JSON document
  --update              judge as \`pulumi up\` would: every computed output known
                        (default: as \`pulumi preview\`, where new resources' ARNs and ids are unknown)
  --timeout SECONDS     stop a program that has not finished after this long (default: ${DEFAULT_TIMEOUT_SECONDS})

Exit codes: 0 a complete verdict with no mandatory violation; 1 a complete verdict with one;
2 no verdict: the program did not finish (error, early exit, unsettled promise, timeout), or the
config or the command line is wrong.`;

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface CheckOptions {
  program: string;
  policyConfig?: string;
  stack: string;
  json: boolean;
  update: boolean;
  timeoutSeconds: number;
}

class UsageError extends Error {}

const OPTIONS = {
  program: 'value',
  'policy-config': 'value',
  stack: 'value',
  json: 'flag',
  update: 'flag',
  timeout: 'value',
} as const;

function parseCheckArgs(args: string[]): CheckOptions | 'help' {
  const line = parseCommandLine(args, OPTIONS);
  if ('error' in line) throw new UsageError(line.error);
  if (line.help) return 'help';
  // The check takes no positionals; an argument that is not an option is not one it knows.
  if (line.positionals.length > 0) throw new UsageError(`unknown option "${line.positionals[0]}"`);
  const { options } = line;
  const timeoutSeconds =
    options.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    throw new UsageError(
      `--timeout "${options.timeout}": expected a number of seconds above 0, e.g. 300`,
    );
  }
  return {
    timeoutSeconds,
    program: options.program ?? path.join(REPO_ROOT, 'index.ts'),
    ...(options['policy-config'] === undefined ? {} : { policyConfig: options['policy-config'] }),
    stack: options.stack ?? 'dev',
    json: options.json === true,
    update: options.update === true,
  };
}

/** `--program` takes a folder with an `index.ts`, or a `.ts` file. */
function resolveProgramFile(program: string): string {
  const resolved = path.resolve(program);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new UsageError(`--program ${program}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    const index = path.join(resolved, 'index.ts');
    if (!fs.existsSync(index)) {
      throw new UsageError(
        `--program ${program}: the folder has no index.ts; pass the program's .ts file instead`,
      );
    }
    return index;
  }
  if (!resolved.endsWith('.ts')) {
    throw new UsageError(
      `--program ${program}: expected a TypeScript program (.ts) or a folder with an index.ts`,
    );
  }
  return resolved;
}

/** Runs the program and the pack; throws `ProgramFailure`, config and usage errors. */
async function check(
  options: CheckOptions,
): Promise<{ report: CheckReport; programOutput: string }> {
  const programFile = resolveProgramFile(options.program);
  const preview = !options.update;
  const run = await checkProgram({
    programFile,
    stack: options.stack,
    preview,
    timeoutSeconds: options.timeoutSeconds,
    ...(options.policyConfig === undefined ? {} : { policyConfigFile: options.policyConfig }),
  });
  return {
    report: checkResult(run, programFile, options.stack, preview),
    programOutput: run.programOutput,
  };
}

/**
 * What the program printed, shown on standard error and marked as the program's: it can never pass
 * for the check's own report, which alone is on standard output.
 */
function programOutput(text: string): string {
  const lines = text.trimEnd().split('\n');
  return ['program output:', ...lines.map((l) => `  | ${l}`)].join('\n');
}

/** A user's mistake is printed as a message; anything else is a crash and keeps its stack. */
function isUserMistake(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const declaration = /DeclarationError$/;
  return (
    declaration.test(err.name) ||
    declaration.test(err.constructor.name) ||
    pulumi.RunError.isInstance(err) ||
    (pulumi.ResourceError.isInstance(err) && (err as { hideStack?: boolean }).hideStack === true)
  );
}

function describeFailure(
  err: ProgramFailure,
  program: string,
): { message: string; stack?: string } {
  const first = err.causes[0];
  const message = `the program ${program} failed: ${err.message}`;
  if (isUserMistake(first) || !(first instanceof Error) || !first.stack) return { message };
  return { message, stack: first.stack };
}

export async function runCheck(args: string[], io: Io): Promise<number> {
  let options: CheckOptions | 'help';
  try {
    options = parseCheckArgs(args);
  } catch (err) {
    io.err(`agent-iam check: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  const opts = options;
  const fail = (kind: string, message: string, stack?: string): number => {
    if (opts.json) io.out(JSON.stringify({ error: { kind, message } }, null, 2));
    io.err(`agent-iam check: ${message}`);
    // A stack's first line repeats the message.
    if (stack) io.err(stack.split('\n').slice(1).join('\n'));
    return 2;
  };
  let result: CheckReport;
  try {
    const checked = await check(opts);
    if (checked.programOutput) io.err(programOutput(checked.programOutput));
    result = checked.report;
  } catch (err) {
    if (err instanceof UsageError) return fail('usage', err.message);
    if (err instanceof PolicyConfigFileError) return fail('policy-config', err.message);
    if (err instanceof StackConfigError) return fail('stack-config', err.message);
    if (err instanceof ProgramRunError) {
      if (err.output) io.err(programOutput(err.output));
      return fail(err.kind, `the program ${opts.program} failed: ${err.message}`);
    }
    if (err instanceof ProgramFailure) {
      const { message, stack } = describeFailure(err, opts.program);
      return fail('program', message, stack);
    }
    const e = err as Error;
    return fail('internal', e?.message ?? String(err), e?.stack);
  }
  if (opts.json) io.out(formatJson(result));
  else for (const line of formatText(result)) io.out(line);
  return result.summary.passed ? 0 : 1;
}
