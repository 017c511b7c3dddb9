/**
 * `agent-iam check` run as CI runs it: the binary in a child process, from the repo root, with
 * its exit code and both output streams.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { REPO_ROOT } from './programs';

export interface CheckRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCheckBinary(args: string[]): Promise<CheckRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'agent-iam.js'), 'check', ...args],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? -1) : 0;
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}
