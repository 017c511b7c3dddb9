/** Reading a command's JSON input (a file, or standard input for `-`) and describing what is wrong. */
import * as fs from 'fs';
import type { z } from 'zod';

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads standard input to its end; tests pass their own. */
export type StdinReader = () => string | Promise<string>;

/**
 * Reads a stream to its end. Not `fs.readFileSync(0)`: when standard input is a non-blocking pipe
 * whose writer has not written yet, `read(2)` fails with EAGAIN (as nodejs/help#2663 explains) and
 * the synchronous read throws it; the stream waits for data instead.
 */
export async function readToEnd(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const readProcessStdin: StdinReader = () => {
  // Reading a terminal would wait for typing; the user most likely forgot the file.
  if (process.stdin.isTTY) throw Object.assign(new Error('a terminal'), { code: 'TTY' });
  return readToEnd(process.stdin);
};

/** `inventory[0].owner`: an issue path as the user would write it. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the document)' : out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A short rendering of a received value for an error message. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Reads a file (or stdin for `-`) and parses it as JSON; the message names the file. */
export async function readJsonInput(
  file: string,
  readStdin: StdinReader,
): Promise<Loaded<unknown>> {
  const label = file === '-' ? 'standard input' : file;
  let text: string;
  try {
    text = file === '-' ? await readStdin() : fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'TTY'
            ? 'it is a terminal; pass FILE or pipe a file in'
            : (code ?? String(err));
    return { ok: false, message: `${label}: cannot read (${why}).` };
  }
  if (text.trim() === '') return { ok: false, message: `${label}: is empty.` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `${label}: not valid JSON (${(err as Error).message}).` };
  }
}

/** One line per schema issue (at most five): the field, what was expected, what was received. */
export function issueLines(root: unknown, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, 5).map((issue) => {
    const value = valueAt(root, issue.path);
    const expected = issue.message
      .replace(/^Invalid (input|option): /, '')
      .replace(/, received \w+$/, '');
    return value === undefined
      ? `  ${fieldPath(issue.path)}: missing (${expected})`
      : `  ${fieldPath(issue.path)}: ${expected}, received ${shown(value)}`;
  });
  if (issues.length > lines.length) lines.push(`  and ${issues.length - lines.length} more`);
  return lines;
}
