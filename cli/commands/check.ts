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
  ACCOUNT_ID,
  checkProgram,
  DEFAULT_REGION,
  MOCK_ACCOUNT,
  PolicyConfigFileError,
  ProgramEntryError,
  REGION_NAME,
  DEFAULT_TIMEOUT_SECONDS,
  stackExportOf,
  ProgramFailure,
  type ProgramCheck,
  ProgramRunError,
  StackConfigError,
} from '../../offline';
import type { CheckReport } from '../check-report';
import type { Io } from '../io';
import { parseCommandLine } from '../options';
import { formatJson, formatText } from './check/format';
import { checkResult } from './check/result';
import { formatJsonl } from './check/siem';

const USAGE = `Usage: agent-iam check [--program PATH] [--policy-config FILE] [--stack NAME] [--json] [--update]
                       [--format text|json|jsonl] [--account ID] [--region NAME] [--timeout SECONDS]
                       [--export-state FILE]

  --program PATH        a Pulumi project folder (its entry point found as \`pulumi preview\` finds it:
                        main in Pulumi.yaml, else in package.json, else index.js or index.ts),
                        or a .ts/.js program file (default: the repo's index.ts)
  --policy-config FILE  the pack's config: an agent-iam.config.json, or a per-policy file as
                        \`pulumi preview --policy-pack-config\` takes (default: agent-iam.config.json
                        in the program's folder; without one the pack's defaults, and a warning)
  --stack NAME          stack whose Pulumi.<stack>.yaml config to load; the file must exist
                        (default: dev, whose file may be missing: an empty stack config)
  --account ID          the 12-digit AWS account the mocks answer for (default: the first of the
                        stack's aws:allowedAccountIds, else ${MOCK_ACCOUNT})
  --region NAME         the AWS region the mocks answer for, e.g. eu-west-1 (default: aws:region,
                        else ${DEFAULT_REGION}); both flags override the stack config
  --json                print the result as one JSON document (the same as --format json)
  --format FORMAT       text (default), json, or jsonl: one line per agent and per violation for a
                        SIEM, schema agent-iam/siem/v1 (docs/siem-v1.schema.json)
  --update              judge as \`pulumi up\` would: every computed output known
                        (default: as \`pulumi preview\`, where new resources' ARNs and ids are unknown)
  --timeout SECONDS     stop a program that has not finished after this long (default: ${DEFAULT_TIMEOUT_SECONDS})
  --export-state FILE   also write what the program registered as \`pulumi stack export --show-secrets\`
                        would after \`pulumi up\` (with --update), for \`agent-iam audit\`

Exit codes: 0 a complete verdict with no mandatory violation; 1 a complete verdict with one, or
with a remote component not judged offline that the policy config does not acknowledge; 2 no
verdict: the program did not finish (error, early exit, unsettled promise, timeout), or the
config or the command line is wrong.`;

const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface CheckOptions {
  program: string;
  policyConfig?: string;
  stack: string;
  /** `--stack` was given: its file must exist. */
  stackGiven: boolean;
  account?: string;
  region?: string;
  format: CheckFormat;
  update: boolean;
  timeoutSeconds: number;
  exportState?: string;
}

class UsageError extends Error {}

const FORMATS = ['text', 'json', 'jsonl'] as const;
type CheckFormat = (typeof FORMATS)[number];

const OPTIONS = {
  program: 'value',
  'policy-config': 'value',
  stack: 'value',
  account: 'value',
  region: 'value',
  json: 'flag',
  format: 'value',
  update: 'flag',
  timeout: 'value',
  'export-state': 'value',
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
  if (options.account !== undefined && !ACCOUNT_ID.test(options.account)) {
    throw new UsageError(
      `--account "${options.account}": an AWS account id is 12 digits, e.g. 123456789012`,
    );
  }
  if (options.region !== undefined && !REGION_NAME.test(options.region)) {
    throw new UsageError(
      `--region "${options.region}": not an AWS region name; use one such as us-east-1 or eu-west-1`,
    );
  }
  const format = options.format ?? (options.json ? 'json' : 'text');
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format "${format}": expected one of ${FORMATS.join(', ')}`);
  }
  if (options.json && format !== 'json') {
    throw new UsageError(`--json is --format json; it cannot go with --format ${format}`);
  }
  if (options['export-state'] !== undefined && options.update !== true) {
    throw new UsageError(
      `--export-state ${options['export-state']}: a deployed state has every value known; add --update`,
    );
  }
  return {
    timeoutSeconds,
    ...(options['export-state'] === undefined ? {} : { exportState: options['export-state'] }),
    ...(options.account === undefined ? {} : { account: options.account }),
    ...(options.region === undefined ? {} : { region: options.region }),
    stackGiven: options.stack !== undefined,
    program: options.program ?? path.join(REPO_ROOT, 'index.ts'),
    ...(options['policy-config'] === undefined ? {} : { policyConfig: options['policy-config'] }),
    stack: options.stack ?? 'dev',
    format: format as CheckFormat,
    update: options.update === true,
  };
}

/** What running a program and the pack takes: `check`'s options, and `review --program`'s. */
export type ProgramRunOptions = Pick<
  CheckOptions,
  'program' | 'stack' | 'stackGiven' | 'timeoutSeconds' | 'policyConfig' | 'account' | 'region'
>;

/** Runs the program and the pack, and reports as `check` does; throws as `checkProgram` does. */
export async function checkedProgram(
  options: ProgramRunOptions,
  preview: boolean,
): Promise<{ run: ProgramCheck; report: CheckReport }> {
  const run = await checkProgram({
    program: options.program,
    stack: options.stack,
    stackGiven: options.stackGiven,
    preview,
    timeoutSeconds: options.timeoutSeconds,
    ...(options.policyConfig === undefined ? {} : { policyConfigFile: options.policyConfig }),
    ...(options.account === undefined ? {} : { account: options.account }),
    ...(options.region === undefined ? {} : { region: options.region }),
  });
  return { run, report: checkResult(run, options.stack, preview) };
}

/** Runs the program and the pack; throws `ProgramFailure`, config and usage errors. */
async function check(
  options: CheckOptions,
): Promise<{ report: CheckReport; programOutput: string }> {
  const preview = !options.update;
  const { run, report } = await checkedProgram(options, preview);
  if (options.exportState !== undefined) {
    const state = stackExportOf(run.resources, { stack: options.stack, project: run.project });
    try {
      fs.writeFileSync(options.exportState, `${JSON.stringify(state, null, 2)}\n`);
    } catch (err) {
      throw new UsageError(
        `--export-state ${options.exportState}: cannot write it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  }
  return { report, programOutput: run.programOutput };
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

/** A check still running after this long says so on a terminal's standard error. */
export const PROGRESS_AFTER_MS = 3000;

/**
 * After `PROGRESS_AFTER_MS`, one line on standard error that counts the seconds, when it is a
 * terminal (`io.progress`); the returned function stops and erases it.
 * @internal exported for tests
 */
export function showProgress(io: Io, program: string, afterMs = PROGRESS_AFTER_MS): () => void {
  const progress = io.progress;
  if (!progress) return () => undefined;
  const started = Date.now();
  let shown = false;
  let ticker: NodeJS.Timeout | undefined;
  const tick = () => {
    shown = true;
    progress(`checking ${program}... ${Math.round((Date.now() - started) / 1000)}s`);
  };
  const first = setTimeout(() => {
    tick();
    ticker = setInterval(tick, 1000);
    ticker.unref();
  }, afterMs);
  first.unref();
  return () => {
    clearTimeout(first);
    if (ticker) clearInterval(ticker);
    if (shown) progress('');
  };
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
    if (opts.format === 'json') io.out(JSON.stringify({ error: { kind, message } }, null, 2));
    io.err(`agent-iam check: ${message}`);
    // A stack's first line repeats the message.
    if (stack) io.err(stack.split('\n').slice(1).join('\n'));
    return 2;
  };
  let result: CheckReport;
  const stopProgress = showProgress(io, opts.program);
  try {
    const checked = await check(opts);
    stopProgress();
    if (checked.programOutput) io.err(programOutput(checked.programOutput));
    result = checked.report;
  } catch (err) {
    stopProgress();
    if (err instanceof UsageError) return fail('usage', err.message);
    if (err instanceof PolicyConfigFileError) return fail('policy-config', err.message);
    if (err instanceof ProgramEntryError) return fail('usage', err.message);
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
  const lines =
    opts.format === 'json'
      ? [formatJson(result)]
      : opts.format === 'jsonl'
        ? formatJsonl(result, new Date())
        : formatText(result, io.terminal);
  for (const line of lines) io.out(line);
  return result.summary.passed ? 0 : 1;
}
