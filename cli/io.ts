import { type Terminal, terminalOf } from './terminal';

/** Where a command writes. Tests pass a recorder; the binary passes the process streams. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Set when standard output is a terminal: colour and width; absent when piped. */
  terminal?: Terminal;
  /**
   * Rewrites one status line on standard error, when it is a terminal ('' erases it); absent
   * otherwise, so a log never fills with progress.
   */
  progress?(text: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  get terminal() {
    return terminalOf(process.stdout, process.env);
  },
  ...(process.stderr.isTTY
    ? { progress: (text: string) => process.stderr.write(`\r\u001b[2K${text}`) }
    : {}),
};

/** Collects what a command prints, for tests. */
export function recordingIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}
