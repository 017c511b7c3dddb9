/**
 * Where a user's program failed, as its own file and line, so the check reports one message and
 * never the checker's stack. Stacks are source-mapped to the TypeScript lines
 * (`bin/register-ts.js` emits inline source maps and the host enables them).
 */
import * as path from 'path';

export interface ProgramLocation {
  file: string;
  line: number;
}

const FRAME = /\(?((?:[A-Za-z]:)?[^\s():]+):(\d+):\d+\)?\s*$/;

/** The first frame of `err`'s stack inside `projectDir`, outside any `node_modules`. */
export function programLocation(err: unknown, projectDir: string): ProgramLocation | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  const root = path.resolve(projectDir) + path.sep;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1];
    if (!file.startsWith(root) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file, line: Number(match[2]) };
  }
  return undefined;
}
