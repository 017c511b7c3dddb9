import { type Terminal, terminalOf } from './terminal';

/** Where a command writes. Tests pass a recorder; the binary passes the process streams. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /**
   * Standard output as a stream of text, newlines included, when there is one (the binary's):
   * a command that prints many lines writes them in blocks through it (`BlockOutput`).
   */
  write?(text: string): void;
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
  write: (text) => process.stdout.write(text),
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

/** Text is written once a block holds this much. */
const BLOCK_CHARS = 64 * 1024;
/** ... or once this many milliseconds passed since the last write, so output still streams. */
const BLOCK_MS = 50;

/**
 * Lines to `io`, written in blocks when it takes text: `lint --json` of 1,594 documents makes one
 * 3 KB line each, and one `write` per line (a system call each, to a pipe) cost about 40 ms of
 * its 1.3 s. A line waits for at most the next line or `BLOCK_MS`, whichever comes later, and
 * never for `flush()`; lines to `err` first write what `out` holds, so the two streams keep their
 * order. Without `write` (a recorder), each line goes to `out` as it comes.
 */
export class BlockOutput implements Io {
  readonly #io: Io;
  #pending = '';
  #lastWrite = performance.now();

  constructor(io: Io) {
    this.#io = io;
  }

  get terminal(): Terminal | undefined {
    return this.#io.terminal;
  }

  progress(text: string): void {
    this.flush();
    this.#io.progress?.(text);
  }

  out(line: string): void {
    if (!this.#io.write) {
      this.#io.out(line);
      return;
    }
    this.#pending += `${line}\n`;
    if (this.#pending.length >= BLOCK_CHARS || performance.now() - this.#lastWrite >= BLOCK_MS) {
      this.flush();
    }
  }

  err(line: string): void {
    this.flush();
    this.#io.err(line);
  }

  /** Writes what is held. */
  flush(): void {
    if (this.#pending !== '' && this.#io.write) this.#io.write(this.#pending);
    this.#pending = '';
    this.#lastWrite = performance.now();
  }
}
