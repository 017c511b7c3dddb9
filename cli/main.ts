/**
 * `agent-iam`: thin commands over the engine and the pack. Each command module is loaded only when
 * it runs, so `lint` never pays for loading the Pulumi SDK.
 */
import { type Io, processIo } from './io';

const USAGE = `Usage: agent-iam <command> [options]

Commands:
  check [--program PATH] [--policy-config FILE] [--json]
        Run a Pulumi TypeScript program under the SDK's mock runtime and judge every
        resource with the policy pack. Exit 0: no mandatory violation; 1: a mandatory
        violation; 2: the program or the config failed.
  lint PATH... [--json]
        Judge IAM policy documents (files or folders of .json). Exit 0: none
        over-permissioned; 1: one is; 2: one could not be read or parsed.
`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return (await import('./check')).runCheck(rest, io);
    case 'lint':
      return (await import('./lint')).runLint(rest, io);
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
