/**
 * Throw-away Pulumi programs for the check's tests. Each lives in a fresh temp folder whose
 * `node_modules` links to the repo's, so it resolves `@pulumi/*` exactly as a program in the repo
 * does, and a fresh path means a fresh module: runs in one process never share program state.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const made: string[] = [];

/**
 * Writes `files` (relative path → content) into a new program folder and returns its path. With
 * `nodeModules: false` the folder has none, as a project nobody ran `npm install` in.
 */
export function writeProgram(
  files: Record<string, string>,
  { nodeModules = true }: { nodeModules?: boolean } = {},
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-iam-check-'));
  made.push(dir);
  if (nodeModules) {
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  }
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

export function removePrograms(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
