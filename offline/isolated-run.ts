/**
 * Runs a user's program in its own process (`program-host.ts`) and collects what it registered,
 * read from the host's channel with the schema of `host-protocol.ts`. The judge that calls this
 * never loads user code. The run is complete only when the host says `done` with the nonce and
 * the count of the resources it sent; anything else (a crash, an early exit, a drained event
 * loop, a timeout, a malformed line) is a `ProgramRunError`, which the check reports as exit 2.
 *
 * The program's own standard output and error are the program's, not the check's: they are
 * returned as `output` for the check to show on its standard error, so a program that prints a
 * fake report cannot reach the check's standard output.
 */
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as path from 'path';
import {
  HOST_CHANNEL_FD,
  type HostMessage,
  HostMessageSchema,
  type HostRequest,
} from './host-protocol';
import type { RecordedResource } from './mock-runtime';

export const DEFAULT_TIMEOUT_SECONDS = 180;
const OUTPUT_LIMIT = 64 * 1024;
const HOST_ENTRY = path.join(__dirname, 'program-host.ts');
const REGISTER_TS = path.join(__dirname, '..', 'bin', 'register-ts.js');
/**
 * A program registering thousands of resources keeps most of what it allocates (the SDK's outputs
 * and promises) alive to the end, so the young generation's default size made the collector copy
 * the same objects again and again: with `--max-semi-space-size=64` (MB; the default tops out at
 * 16) the host of a 1,000-agent fleet ran a third of its 170 scavenges, and used about 1.5 s less
 * CPU (`--trace-gc`, measured on a loaded machine). A small program never grows the young generation that far.
 */
const HOST_NODE_ARGS = ['--max-semi-space-size=64'];

/**
 * Node's permission model around the program: it may read any file, but write none, start no
 * process or worker thread, and load no native addon. A program runs as the same user as the judge,
 * so without this it could rewrite what the judge reads after it starts (the engine's data indexes,
 * the pack's transpile cache in `node_modules/.cache`, a config file) and turn its own violations
 * into a pass; a process it started could outlive the host. The flag is `--permission` from Node
 * 22.13 and `--experimental-permission` before (https://nodejs.org/api/permissions.html).
 */
export const HOST_SANDBOX_ARGS = [
  process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission',
  '--allow-fs-read=*',
];
/** Node's own notice that the permission model is experimental, which is not the program's output. */
const PERMISSION_NOTICE =
  /\(node:\d+\) ExperimentalWarning: Permission is an experimental feature[^\n]*\n(?:\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n)?/;

export type ProgramRunErrorKind =
  'program-error' | 'unsettled' | 'early-exit' | 'timeout' | 'protocol';

/** The program did not finish, so there is no verdict. */
export class ProgramRunError extends Error {
  constructor(
    readonly kind: ProgramRunErrorKind,
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'ProgramRunError';
  }
}

export interface IsolatedRun {
  resources: RecordedResource[];
  /** What the program printed, for the check's standard error. */
  output: string;
  /** Config keys the program required and the stack does not set: read as unknown. */
  unsetConfig: string[];
}

export interface IsolatedRunOptions {
  /** The project folder: the program runs there, as `pulumi preview` runs it. */
  cwd: string;
  timeoutSeconds: number;
  /** Told of each resource as the host sends it, while the program still runs. */
  onResource?: (resource: RecordedResource) => void;
}

function listNames(names: string[], limit = 5): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/**
 * Node options of the program host: `HOST_NODE_ARGS`, and whatever `AGENT_IAM_HOST_NODE_ARGS`
 * adds (space-separated), e.g. `--cpu-prof --cpu-prof-dir /tmp/prof` to profile the program run.
 */
function hostNodeArgs(): string[] {
  const extra = process.env.AGENT_IAM_HOST_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? [];
  return [...HOST_NODE_ARGS, ...HOST_SANDBOX_ARGS, ...extra];
}

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const registerTs = require(REGISTER_TS) as { warmOwnFiles(dirs: string[]): void };
/** What agent-iam lends a program: transpiled here, since the sandboxed host cannot cache them. */
const LENT_SOURCES = ['index.ts', 'components', 'policy-pack/lib', 'policy-pack/engine'];
let warmed = false;

export function runIsolated(
  request: Omit<HostRequest, 'nonce'>,
  options: IsolatedRunOptions,
): Promise<IsolatedRun> {
  if (!warmed) {
    warmed = true;
    registerTs.warmOwnFiles(LENT_SOURCES);
  }
  const nonce = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, [...hostNodeArgs(), '-r', REGISTER_TS, HOST_ENTRY], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let output = '';
  const shown = (): string => output.replace(PERMISSION_NOTICE, '');
  const keep = (chunk: Buffer): void => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8').slice(0, OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(JSON.stringify({ ...request, nonce }));

  const resources: RecordedResource[] = [];
  const byUrn = new Map<string, RecordedResource>();
  let verdict: HostMessage | undefined;
  let protocolError: string | undefined;
  let buffered = '';

  const onMessage = (line: string): void => {
    if (protocolError || line === '') return;
    let message: HostMessage;
    try {
      const parsed = HostMessageSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'malformed');
      message = parsed.data;
    } catch (err) {
      protocolError = `the program host sent a malformed message (${(err as Error).message})`;
      return;
    }
    if (message.nonce !== nonce) {
      protocolError = 'a message on the program host channel did not come from the host';
      return;
    }
    if (verdict) {
      protocolError = `the program host sent "${message.t}" after "${verdict.t}"`;
      return;
    }
    switch (message.t) {
      case 'resource':
        if (byUrn.has(message.resource.urn)) {
          protocolError = `the program host sent ${message.resource.urn} twice`;
          return;
        }
        resources.push(message.resource);
        byUrn.set(message.resource.urn, message.resource);
        options.onResource?.(message.resource);
        return;
      case 'outputs': {
        const record = byUrn.get(message.urn);
        if (!record) protocolError = `outputs for an unregistered resource ${message.urn}`;
        else record.outputs = message.outputs;
        return;
      }
      default:
        verdict = message;
    }
  };

  const channel = child.stdio[HOST_CHANNEL_FD] as NodeJS.ReadableStream | null;
  channel?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      onMessage(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
  channel?.on('error', () => undefined);

  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutSeconds * 1000);
    const closed = new Promise<void>((done) => channel?.on('end', () => done()) ?? done());
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(
        new ProgramRunError(
          'early-exit',
          `the program host could not start: ${err.message}`,
          shown(),
        ),
      );
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // A grandchild that inherited the channel could hold it open: wait briefly, not forever.
      let grace: NodeJS.Timeout | undefined;
      const settled = Promise.race([
        closed,
        new Promise<void>((done) => {
          grace = setTimeout(done, 2000);
        }),
      ]).finally(() => clearTimeout(grace));
      void settled.then(() => {
        if (buffered !== '') onMessage(buffered);
        const fail = (kind: ProgramRunErrorKind, message: string): void =>
          reject(new ProgramRunError(kind, message, shown()));
        if (protocolError) return fail('protocol', protocolError);
        if (timedOut) {
          return fail(
            'timeout',
            `the program did not finish within ${options.timeoutSeconds} s (--timeout); it was stopped`,
          );
        }
        if (!verdict) {
          const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
          return fail(
            'early-exit',
            `the program ${how} before it finished (did it call process.exit?); nothing was judged`,
          );
        }
        switch (verdict.t) {
          case 'done':
            if (verdict.count !== resources.length) {
              return fail(
                'protocol',
                `the program host announced ${verdict.count} resources but sent ${resources.length}`,
              );
            }
            return resolve({
              resources,
              output: shown(),
              unsetConfig: verdict.unsetConfig,
            });
          case 'failed': {
            const where = verdict.location
              ? `${verdict.location.file}:${verdict.location.line}: `
              : '';
            return fail(
              'program-error',
              `${where}${verdict.message}${unsetNote(verdict.unsetConfig)}`,
            );
          }
          case 'unsettled': {
            const waits = [
              ...(verdict.resources.length ? [`resources ${listNames(verdict.resources)}`] : []),
              ...(verdict.invokes.length ? [`invokes ${listNames(verdict.invokes)}`] : []),
            ];
            return fail(
              'unsettled',
              `the program never finished: it was still waiting for ${
                waits.length ? waits.join(' and ') : 'a promise that never settles'
              } when nothing was left to run`,
            );
          }
        }
      });
    });
  });
}

/**
 * A program that fails after reading unset config as unknown (`unset-config.ts`) may have failed
 * on the stand-in itself (a length check, a parse): say so, and how to give the real values.
 */
function unsetNote(keys: string[]): string {
  if (keys.length === 0) return '';
  const list = keys.map((k) => `"${k}"`).join(', ');
  return ` (the program had read config the stack does not set, ${list}, as an unknown stand-in, which it may have failed on: set ${keys.length === 1 ? 'it' : 'them'} with \`pulumi config set\` and check again)`;
}
