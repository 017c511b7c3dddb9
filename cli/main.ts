/**
 * `agent-iam`: thin commands over the engine and the pack. Each command module is loaded only when
 * it runs, so `lint` never pays for loading the Pulumi SDK.
 */
import { type Io, processIo } from './io';

const USAGE = `Usage: agent-iam <command> [options]

Commands:
  check [--program PATH] [--policy-config FILE] [--stack NAME] [--json] [--update]
        Run a Pulumi TypeScript program under the SDK's mock runtime, as a preview
        (or as an update), and judge every resource with the policy pack. The config is the
        program folder's agent-iam.config.json unless --policy-config names one (a warning
        when there is none). Exit 0: no mandatory violation; 1: a mandatory
        violation; 2: the program or the config failed.
  config render [--config FILE] [--out FILE|-]
        Write the per-policy file \`pulumi preview --policy-pack-config\` takes from
        agent-iam.config.json. Exit 0: written; 2: the config is wrong.
  lint PATH... [--json]
        Judge IAM policy documents (files or folders of .json, or - for stdin). Exit 0: none
        over-permissioned; 1: one is; 2: one could not be read or parsed.
  report [FILE|-] [--format markdown|csv|json] [--now YYYY-MM-DD]
        The agent inventory for an access review, from a saved \`check --json\`: owner,
        expiry and days left, TTLs, exact actions and resources, violations per agent.
        Exit 0: printed; 2: the input is not a check output.
  diff BEFORE AFTER [--json]
        What a change does to the fleet, from two saved \`check --json\` outputs, for a
        pull-request comment. Exit 0: no new mandatory violation; 1: one; 2: bad input.
  suspend NAME [--program DIR] [--stack NAME]
  resume NAME [--program DIR] [--stack NAME]
        The kill switch: add the agent to (or remove it from) agent-iam:suspended in
        Pulumi.<stack>.yaml, and print the \`pulumi up --target\` that applies it.
        Exit 0: the stack config says it; 2: bad input, nothing written.
  audit FILE|- [--policy-config FILE] [--json]
        Judge what is deployed with the complete pack and check's config: a \`pulumi stack
        export\` (as \`pulumi policy analyze\`) or \`aws iam get-account-authorization-details\`.
        Exit 0: no mandatory violation; 1: a mandatory violation; 2: bad input or no
        complete verdict.
  review --cloudtrail EVENTS (--check FILE | --program PATH) [--json]
        A privilege review from real use: per agent, the grants its CloudTrail calls used,
        those never used in the period and the denied calls, and the smaller permissions
        block to paste (nothing is changed). Exit 0: printed; 2: bad input.

Exit codes of every command: agent-iam <command> --help.
`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return (await import('./commands/check')).runCheck(rest, io);
    case 'config':
      return (await import('./commands/config')).runConfig(rest, io);
    case 'lint':
      return (await import('./commands/lint')).runLint(rest, io);
    case 'report':
      return (await import('./commands/report')).runReport(rest, io);
    case 'diff':
      return (await import('./commands/diff')).runDiff(rest, io);
    case 'suspend':
      return (await import('./commands/suspend')).runSuspend(rest, io);
    case 'resume':
      return (await import('./commands/suspend')).runResume(rest, io);
    case 'audit':
      return (await import('./commands/audit')).runAudit(rest, io);
    case 'review':
      return (await import('./commands/review')).runReview(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.err(`agent-iam: unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}
