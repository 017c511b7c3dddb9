/**
 * `agent-iam review --cloudtrail EVENTS (--check FILE | --program PATH)`: a privilege review from
 * real use. Reads CloudTrail events and the declared agents (a saved `check --json`, or the
 * program, checked as `check --update` does), and says per agent which grants it used, which it
 * never used in the period and which calls were denied, then proposes the smaller `permissions`
 * block. It changes nothing.
 *
 * Exit codes: 0 printed; 2 bad input (EVENTS or the check unreadable or in no known format, the
 * program failed, or the command line is wrong).
 */
import { loadCheckReport, type CheckReport } from '../check-report';
import { readProcessStdin, type StdinReader } from '../input';
import type { Io } from '../io';
import { parseCommandLine } from '../options';
import { formatReviewText, reviewOf } from './review/format';
import { proposalOf, type Proposal } from './review/proposal';
import { loadTrail } from './review/trail';
import { usageOf } from './review/usage';

const USAGE = `Usage: agent-iam review --cloudtrail EVENTS (--check FILE | --program PATH) [--json]
                        [--stack NAME] [--policy-config FILE] [--account ID] [--region NAME]

  --cloudtrail EVENTS   the calls: the output of \`aws cloudtrail lookup-events --output json\`, a
                        trail's log file ({"Records": [...]}, .json or .json.gz), a folder of log
                        files (e.g. a synced AWSLogs/ prefix), or "-": standard input (uncompressed)
  --check FILE          the declared agents: a saved \`agent-iam check --json\` ("-": standard input);
                        save it with --update, so that it knows each agent's role ARN
  --program PATH        or: check this Pulumi program as \`agent-iam check --update\` does and review
                        its agents (--stack, --policy-config, --account and --region as for check;
                        give the account and region the events come from)
  --json                print the review as one JSON document

An agent's calls are those of its role's sessions (sessionIssuer.arn is its role ARN) or, when the
check could not know the role ARN, of sessions whose AssumeRole passed the session tag agent=NAME.
Per agent: the grants used (with call counts), those never used between the first and the last
event, the denied calls, the calls its declaration does not grant, and the proposed permissions
block: only the used actions, each on the declared resources it was used on. Nothing is changed.

Exit codes: 0 printed; 2 bad input: EVENTS or the check unreadable or not in a known format, the
program failed, or the command line is wrong.`;

const OPTIONS = {
  cloudtrail: 'value',
  check: 'value',
  program: 'value',
  stack: 'value',
  'policy-config': 'value',
  account: 'value',
  region: 'value',
  json: 'flag',
} as const;

/** Runs the program as `check --update` does; the error is a user-facing message. */
async function checkOfProgram(options: {
  program: string;
  stack?: string;
  policyConfig?: string;
  account?: string;
  region?: string;
}): Promise<{ ok: true; value: CheckReport } | { ok: false; message: string }> {
  const { DEFAULT_TIMEOUT_SECONDS } = await import('../../offline');
  const { checkedProgram } = await import('./check');
  try {
    const { report } = await checkedProgram(
      {
        program: options.program,
        stack: options.stack ?? 'dev',
        stackGiven: options.stack !== undefined,
        timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
        ...(options.policyConfig === undefined ? {} : { policyConfig: options.policyConfig }),
        ...(options.account === undefined ? {} : { account: options.account }),
        ...(options.region === undefined ? {} : { region: options.region }),
      },
      false,
    );
    return { ok: true, value: report };
  } catch (err) {
    const why = (err as Error).message ?? String(err);
    return {
      ok: false,
      message: `the program ${options.program} could not be checked: ${why}${/[.!?]$/.test(why) ? '' : '.'}`,
    };
  }
}

export async function runReview(
  args: string[],
  io: Io,
  readStdin: StdinReader = readProcessStdin,
): Promise<number> {
  const usageError = (message: string) => {
    io.err(`agent-iam review: ${message}.\n\n${USAGE}`);
    return 2;
  };
  const line = parseCommandLine(args, OPTIONS);
  if ('error' in line) return usageError(line.error);
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  const { options } = line;
  if (line.positionals.length > 0) {
    return usageError(
      `unexpected argument "${line.positionals[0]}"; name the events with --cloudtrail`,
    );
  }
  if (options.cloudtrail === undefined) {
    return usageError('--cloudtrail EVENTS is missing: name the CloudTrail events to review');
  }
  if ((options.check === undefined) === (options.program === undefined)) {
    return usageError(
      options.check === undefined
        ? 'name the declared agents with --check FILE (a saved `agent-iam check --json`) or --program PATH'
        : '--check and --program both name the declared agents; give one',
    );
  }
  const programOnly = ['stack', 'policy-config', 'account', 'region'] as const;
  const stray = programOnly.find((o) => options[o] !== undefined);
  if (options.check !== undefined && stray) {
    return usageError(`--${stray} applies to --program; a saved check already holds its result`);
  }
  if (options.check === '-' && options.cloudtrail === '-') {
    return usageError(
      '--cloudtrail and --check cannot both read standard input; save one to a file',
    );
  }
  const trail = await loadTrail(options.cloudtrail, readStdin);
  if (!trail.ok) {
    io.err(`agent-iam review: ${trail.message}`);
    return 2;
  }
  const check =
    options.check !== undefined
      ? await loadCheckReport(options.check, readStdin)
      : await checkOfProgram({
          program: options.program as string,
          ...(options.stack === undefined ? {} : { stack: options.stack }),
          ...(options['policy-config'] === undefined
            ? {}
            : { policyConfig: options['policy-config'] }),
          ...(options.account === undefined ? {} : { account: options.account }),
          ...(options.region === undefined ? {} : { region: options.region }),
        });
  if (!check.ok) {
    io.err(`agent-iam review: ${check.message}`);
    return 2;
  }
  const inventory = check.value.inventory;
  const usage = usageOf(inventory, trail.value.calls);
  const proposals = new Map<string, Proposal>(
    inventory.map((agent, i) => [agent.name, proposalOf(agent, usage.agents[i])]),
  );
  const review = reviewOf(usage, proposals, trail.value.files);
  const lines = options.json
    ? [JSON.stringify(review, null, 2)]
    : formatReviewText(review, io.terminal);
  for (const text of lines) io.out(text);
  return 0;
}
