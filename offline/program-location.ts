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

/**
 * agent-iam's own library code, where a component throws a declaration error: the user's line is
 * the frame that called it, also when the program lives inside this repository (its examples).
 */
const AGENT_IAM_ROOT = path.resolve(__dirname, '..');
const LIBRARY_DIRS = ['components', 'policy-pack', 'offline'].map(
  (dir) => path.join(AGENT_IAM_ROOT, dir) + path.sep,
);

/** The first frame of `err`'s stack inside `projectDir`, outside `node_modules` and agent-iam. */
export function programLocation(err: unknown, projectDir: string): ProgramLocation | undefined {
  const stack = err instanceof Error ? err.stack : undefined;
  if (!stack) return undefined;
  const root = path.resolve(projectDir) + path.sep;
  const lines = stack.split('\n');
  // Node reports a JavaScript file it cannot parse as `file:line`, then the line, above the stack.
  const unparsed = err instanceof SyntaxError ? /^(.+):(\d+)$/.exec(lines[0]) : null;
  if (
    unparsed &&
    unparsed[1].startsWith(root) &&
    !unparsed[1].includes(`${path.sep}node_modules${path.sep}`)
  ) {
    return { file: unparsed[1], line: Number(unparsed[2]) };
  }
  for (const line of lines.slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const file = match[1];
    if (!file.startsWith(root) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    if (LIBRARY_DIRS.some((dir) => file.startsWith(dir))) continue;
    return { file, line: Number(match[2]) };
  }
  return undefined;
}
