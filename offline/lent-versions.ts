/**
 * A program that has not run `npm install` borrows agent-iam's own `@pulumi/*` packages
 * (`program-resolution.ts`). When its `package.json` asks for another major version of one of them
 * (`@pulumi/awsx` 2 where agent-iam has 3, `@pulumi/aws` 6 where it has 7), the SDK it runs with is
 * not the one `pulumi preview` would run: classes and arguments differ between majors, so the
 * program may register other resources or fail where it would not. The check says so, naming the
 * file, the package, the range asked for and the version lent, and how to check exactly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lentPackages } from './program-resolution';

export interface LentMismatch {
  packageJson: string;
  name: string;
  range: string;
  lent: string;
}

/** The major version a dependency range asks for, or undefined when it names none (`*`, `latest`). */
export function requestedMajor(range: string): number | undefined {
  // An open or compound range (`>=2`, `<4`, `2 || 3`, `2 - 3`) is not one major.
  if (/[<>|]|\s-\s/.test(range)) return undefined;
  const match = /^\s*[\^~=]?\s*v?(\d+)(?:\.[\dxX*]+)*\s*$/.exec(range);
  return match ? Number(match[1]) : undefined;
}

/** Whether `name` is installed in `dir` or a folder above it, as Node resolves it from there. */
function installedFrom(dir: string, name: string): boolean {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'node_modules', ...name.split('/'), 'package.json'))) {
      return true;
    }
    if (path.dirname(at) === at) return false;
  }
}

function ownVersion(name: string): string | undefined {
  try {
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version as string;
  } catch {
    return undefined;
  }
}

/** The lent packages whose major differs from what the project's `package.json` asks for. */
export function lentMismatches(projectDir: string): LentMismatch[] {
  const packageJson = path.join(projectDir, 'package.json');
  let manifest: { dependencies?: unknown; devDependencies?: unknown };
  try {
    manifest = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as typeof manifest;
  } catch {
    // No package.json, or one that is not JSON: nothing is asked for (Node reports the latter).
    return [];
  }
  const asked: Record<string, unknown> = {
    ...(typeof manifest.devDependencies === 'object' ? manifest.devDependencies : {}),
    ...(typeof manifest.dependencies === 'object' ? manifest.dependencies : {}),
  };
  const mismatches: LentMismatch[] = [];
  for (const name of lentPackages()) {
    const range = asked[name];
    if (typeof range !== 'string' || installedFrom(projectDir, name)) continue;
    const lent = ownVersion(name);
    const major = requestedMajor(range);
    if (lent === undefined || major === undefined) continue;
    if (Number(lent.split('.')[0]) !== major) mismatches.push({ packageJson, name, range, lent });
  }
  return mismatches;
}

/** Said on every run that borrows another major than the program asks for. */
export function lentMismatchWarning(m: LentMismatch): string {
  return `${m.packageJson}: the program asks for ${m.name} "${m.range}", which is not installed in its folder, and ran with agent-iam's ${m.name} ${m.lent}, another major version, so what it registers may differ from \`pulumi preview\`; run \`npm install\` in ${path.dirname(m.packageJson)} to check it with its own.`;
}

/** Added to a failed run's message: the borrowed SDK may be why. */
export function lentMismatchNote(mismatches: LentMismatch[]): string {
  const list = mismatches.map((m) => `${m.name} "${m.range}" (ran with ${m.lent})`).join(', ');
  return ` (the program asks for ${list}, not installed in its folder; it may fail only with agent-iam's version: run \`npm install\` in ${path.dirname(mismatches[0].packageJson)} and check again)`;
}
