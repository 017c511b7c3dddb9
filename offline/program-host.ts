/**
 * The program host: the entry of the child process in which a user's Pulumi program runs under the
 * SDK's mock runtime. It only records what the program registers and invokes, and streams it to the
 * judge as data (`host-protocol.ts`); it never loads the policy pack. Whatever the program does here
 * (exit, patch modules, print, throw from a timer, never finish) it can at worst make the run fail,
 * which the judge reports as exit 2: it cannot produce a verdict.
 *
 * Run as `node -r bin/register-ts.js offline/program-host.ts`, with the project folder as working
 * directory, the request on standard input and the channel on file descriptor 3.
 */
import * as fs from 'fs';
import * as path from 'path';
import { HOST_CHANNEL_FD, type HostMessage, HostRequestSchema } from './host-protocol';
import { deferUnusedSdkModules } from './lazy-sdk';
import { installProgramResolution, lentPackages } from './program-resolution';
import { programLocation } from './program-location';
import { pristineJson, pristineUtf8 } from './pristine-json';

// Captured before the program loads: later patches of `fs`, `JSON`, `Buffer` or `process` cannot
// reach them, and each message is encoded with the built-ins as they were (`pristine-json.ts`).
const writeSync = fs.writeSync;
const exit = process.exit.bind(process);
const byteLength = Buffer.byteLength;

const request = HostRequestSchema.parse(JSON.parse(fs.readFileSync(0, 'utf8')));
const nonce = request.nonce;

type Unsent<M> = M extends HostMessage ? Omit<M, 'nonce'> : never;

function send(message: Unsent<HostMessage>): void {
  const line = `${pristineJson({ ...message, nonce })}\n`;
  let offset = 0;
  const buffer = pristineUtf8(line);
  const total = byteLength(line, 'utf8');
  while (offset < total) {
    try {
      offset += writeSync(HOST_CHANNEL_FD, buffer, offset);
    } catch (err) {
      // The pipe is full: the judge reads it; try again.
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    }
  }
}

process.setSourceMapsEnabled(true);
const projectDir = process.cwd();
installProgramResolution(projectDir);
deferUnusedSdkModules();

/* eslint-disable @typescript-eslint/no-require-imports */
// Loaded after the resolution hook, so the program's own `@pulumi/pulumi` is the one mocked.
const { trackPending } = require('./pending') as typeof import('./pending');
const { runProgram, ProgramFailure, registrationFailures } =
  require('./mock-runtime') as typeof import('./mock-runtime');
const { unsetConfigKeys } = require('./unset-config') as typeof import('./unset-config');
type RecordedResource = import('./mock-runtime').RecordedResource;
// The program's TypeScript is transpiled with its own tsconfig over Pulumi's defaults, as ts-node
// does under Pulumi (with none, with Pulumi's defaults alone).
{
  const registerTs = require(path.join(__dirname, '..', 'bin', 'register-ts.js')) as {
    useProgramTsconfig(projectDir: string, tsconfig: string | undefined): void;
  };
  registerTs.useProgramTsconfig(projectDir, request.tsconfig || undefined);
}
/* eslint-enable @typescript-eslint/no-require-imports */

const pending = trackPending();
let finished = false;

// The event loop drained while the program still waited on something: a promise that never
// settles, an input that never resolves. Node would exit 0 here; the judge must hear about it.
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  const refused = registrationFailures[0];
  if (refused) {
    const location = programLocation(refused, projectDir);
    send({
      t: 'failed',
      message: refused.message,
      ...(location
        ? { location: { file: path.relative(projectDir, location.file), line: location.line } }
        : {}),
      unsetConfig: unsetConfigKeys(),
    });
  } else send({ t: 'unsettled', resources: pending.resources(), invokes: pending.invokes() });
  exit(3);
});

// Each registration is sent as it is recorded, so the judge reads (and starts judging) while the
// program still runs, on the machine's other core; `done` then says how many were sent.
let sent = 0;
const stream = {
  registered(resource: RecordedResource): void {
    if (finished) return;
    sent++;
    send({ t: 'resource', resource });
  },
  outputs(resource: RecordedResource): void {
    if (!finished) send({ t: 'outputs', urn: resource.urn, outputs: resource.outputs });
  },
};

void (async () => {
  try {
    await runProgram(
      {
        programFile: request.programFile,
        project: request.project,
        stack: request.stack,
        organization: request.organization,
        preview: request.preview,
        companion: request.companion,
        config: request.config,
        secretKeys: request.secretKeys,
        provider: request.provider,
      },
      stream,
    );
    if (finished) return;
    finished = true;
    send({
      t: 'done',
      count: sent,
      unsetConfig: unsetConfigKeys(),
    });
  } catch (err) {
    if (finished) return;
    finished = true;
    const first = err instanceof ProgramFailure ? err.causes[0] : err;
    const location = programLocation(first, projectDir);
    const invoke = (first as { invokeToken?: unknown } | undefined)?.invokeToken;
    send({
      t: 'failed',
      message:
        missingModuleMessage(first) ??
        sandboxMessage(first) ??
        (err instanceof Error ? err.message : String(err)),
      ...(location
        ? { location: { file: path.relative(projectDir, location.file), line: location.line } }
        : {}),
      ...(typeof invoke === 'string' ? { invoke } : {}),
      unsetConfig: unsetConfigKeys(),
    });
  }

  exit(0);
})();

/**
 * A package the program imports but nobody installed: Node's message lists a require stack of
 * agent-iam's own files, which helps nobody; say which package and what to run instead.
 */
function missingModuleMessage(err: unknown): string | undefined {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (e?.code !== 'MODULE_NOT_FOUND' || typeof e.message !== 'string') return undefined;
  const name = /^Cannot find module '([^']+)'/.exec(e.message)?.[1];
  if (name === undefined || name.startsWith('.') || path.isAbsolute(name)) return undefined;
  return `Cannot find module '${name}': it is not installed in the program's folder (${projectDir}) or above it; run \`npm install\` there (agent-iam lends a program only ${lentPackages().join(', ')} and agent-iam)`;
}

/**
 * The host runs the program under Node's permission model (`HOST_SANDBOX_ARGS` of
 * `isolated-run.ts`): say what was refused and why, not only Node's "Access to this API has been
 * restricted".
 */
function sandboxMessage(err: unknown): string | undefined {
  const e = err as { code?: unknown; permission?: unknown; resource?: unknown } | undefined;
  if (e?.code !== 'ERR_ACCESS_DENIED') return undefined;
  const what = typeof e.permission === 'string' ? e.permission : 'an operation';
  const on = typeof e.resource === 'string' && e.resource !== '' ? ` on ${e.resource}` : '';
  return `the program asked for ${what}${on}, which the offline check does not allow: a program it judges may read files but not write them, start processes or worker threads, or load native addons, so that it cannot change what the judge reads; nothing was judged`;
}
