import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { recordingIo } from '../../../cli/io';
import { runResume, runSuspend } from '../../../cli/commands/suspend';

const STACK = `# Production stack settings.
config:
  aws:region: eu-west-1
  # The IAM role Vault's AWS secrets engine runs as.
  demo:vaultPrincipalArn: arn:aws:iam::123456789012:role/vault-secrets-engine
`;

let dir = '';
const file = () => path.join(dir, 'Pulumi.prod.yaml');
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-suspend-'));
  fs.writeFileSync(file(), STACK);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(verb: 'suspend' | 'resume', ...args: string[]) {
  const io = recordingIo();
  const code = (verb === 'suspend' ? runSuspend : runResume)(
    [...args, '--program', dir, '--stack', 'prod'],
    io,
  );
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('agent-iam suspend / resume', () => {
  test('suspend adds the name under config, keeps every comment, and prints the targeted up', () => {
    const { code, out } = run('suspend', 'ticket-triager');
    expect(code).toBe(0);
    expect(fs.readFileSync(file(), 'utf8')).toBe(`# Production stack settings.
config:
  agent-iam:suspended:
    - ticket-triager
  aws:region: eu-west-1
  # The IAM role Vault's AWS secrets engine runs as.
  demo:vaultPrincipalArn: arn:aws:iam::123456789012:role/vault-secrets-engine
`);
    expect(out).toBe(
      [
        'Suspended "ticket-triager" in Pulumi.prod.yaml (agent-iam:suspended). Review the change, then apply it to that agent\'s resources only:',
        "  pulumi up --stack prod --target '**::ticket-triager' --target '**::ticket-triager-*'",
        'or to the whole stack: pulumi up --stack prod',
      ].join('\n'),
    );
  });

  test('a second agent joins the list; resume takes each out; the round trip restores the file', () => {
    expect(run('suspend', 'ticket-triager').code).toBe(0);
    expect(run('suspend', 'digest-writer').code).toBe(0);
    expect(fs.readFileSync(file(), 'utf8')).toContain(
      '  agent-iam:suspended:\n    - ticket-triager\n    - digest-writer\n',
    );
    expect(run('resume', 'ticket-triager').code).toBe(0);
    expect(fs.readFileSync(file(), 'utf8')).toContain(
      '  agent-iam:suspended:\n    - digest-writer\n  aws:region',
    );
    expect(run('resume', 'digest-writer').code).toBe(0);
    expect(fs.readFileSync(file(), 'utf8')).toBe(STACK);
  });

  test('suspending twice, or resuming an agent that is not suspended, changes nothing', () => {
    run('suspend', 'ticket-triager');
    const before = fs.readFileSync(file(), 'utf8');
    expect(run('suspend', 'ticket-triager')).toEqual({
      code: 0,
      out: '"ticket-triager" is already in agent-iam:suspended of Pulumi.prod.yaml; nothing to change.',
      err: '',
    });
    expect(run('resume', 'other-agent').out).toBe(
      '"other-agent" is not in agent-iam:suspended of Pulumi.prod.yaml; nothing to change.',
    );
    expect(fs.readFileSync(file(), 'utf8')).toBe(before);
  });

  test('a stack file without the key and without config gets both', () => {
    fs.writeFileSync(file(), '# empty stack\n');
    expect(run('suspend', 'ticket-triager').code).toBe(0);
    expect(fs.readFileSync(file(), 'utf8')).toBe(
      '# empty stack\nconfig:\n  agent-iam:suspended:\n    - ticket-triager\n',
    );
  });

  test.each([
    {
      case: 'a name that is not an agent name',
      args: ['Ticket_Triager'],
      err: /^agent-iam suspend: "Ticket_Triager" is not an agent name: /,
    },
    { case: 'no name', args: [], err: /^agent-iam suspend: give exactly one agent name/ },
  ])('$case: exit 2, nothing written', ({ args, err }) => {
    const result = run('suspend', ...args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(err);
    expect(fs.readFileSync(file(), 'utf8')).toBe(STACK);
  });

  test('a missing stack file is named, and not created', () => {
    fs.rmSync(file());
    const result = run('suspend', 'ticket-triager');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `agent-iam suspend: there is no ${file()}; pass the project with --program and the stack with --stack (the stack's config file must exist)`,
    );
    expect(fs.existsSync(file())).toBe(false);
  });

  test('a key that is not a list is refused, and the file left as it was', () => {
    const odd = STACK.replace('config:\n', 'config:\n  agent-iam:suspended: ticket-triager\n');
    fs.writeFileSync(file(), odd);
    const result = run('suspend', 'digest-writer');
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `agent-iam suspend: ${file()}: agent-iam:suspended is "ticket-triager", not a list of agent names; make it a YAML list, e.g. "agent-iam:suspended: [ticket-triager]"`,
    );
    expect(fs.readFileSync(file(), 'utf8')).toBe(odd);
  });
});
