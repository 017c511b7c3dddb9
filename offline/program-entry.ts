/**
 * Which file a Pulumi project runs, and with which tsconfig, found as the Node.js language host
 * does (`@pulumi/pulumi/cmd/run/run.js`, SDK 3.x): `main` in `Pulumi.yaml` (a file, or a folder
 * to load), else the package's entry point in `package.json` (`exports`, else `main`; a missing
 * file is warned about and the folder loaded instead), else the folder as Node loads it
 * (`index.js` before `index.ts`, since `.ts` is registered after Node's own extensions). The
 * tsconfig is `runtime.options.tsconfig` of `Pulumi.yaml` (which the CLI passes as
 * `PULUMI_NODEJS_TSCONFIG_PATH`), else `tsconfig.json` in the project folder when there is one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readYaml, StackConfigError } from './stack-config';

/** `--program` names nothing the check can run. */
export class ProgramEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProgramEntryError';
  }
}

export interface ProgramEntry {
  /** The project folder: `Pulumi.yaml`, the stack files, and the program's working directory. */
  projectDir: string;
  /** Absolute path of the file the program starts at. */
  programFile: string;
  /** How `programFile` was chosen, for the report (e.g. `main in package.json`). */
  chosenBy: string;
  /** The program's tsconfig, when it has one. */
  tsconfig?: string;
  /** Remarks the language host would print (a `main` that does not exist, ...). */
  warnings: string[];
}

const SCRIPT = /\.(ts|js|cjs|cts)$/;

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function readPackageJson(dir: string): Record<string, unknown> | undefined {
  const file = path.join(dir, 'package.json');
  if (!isFile(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch (err) {
    throw new ProgramEntryError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * A file as `require` resolves it: exact, then with `.js`, then `.ts`; a folder by its
 * package.json `main`, then its `index.js`, then `index.ts`. `viaMain`: the folder's `main` chose.
 */
function requireTarget(target: string): { file?: string; viaMain?: boolean } {
  if (isFile(target)) return { file: target };
  for (const ext of ['.js', '.ts']) {
    if (isFile(target + ext)) return { file: target + ext };
  }
  if (!isDir(target)) return {};
  const pkg = readPackageJson(target);
  if (typeof pkg?.main === 'string' && pkg.main !== '') {
    const inner = requireTarget(path.resolve(target, pkg.main));
    if (inner.file) return { file: inner.file, viaMain: true };
  }
  for (const index of ['index.js', 'index.ts']) {
    if (isFile(path.join(target, index))) return { file: path.join(target, index) };
  }
  return {};
}

/** The entry point `package.json` declares (`exports` first, then `main`), as the host reads it. */
function packageEntry(pkg: Record<string, unknown>): { entry?: string; field: string } {
  const exp = pkg.exports;
  if (typeof exp === 'string') return { entry: exp, field: 'exports' };
  if (exp && typeof exp === 'object') {
    const dot = (exp as Record<string, unknown>)['.'];
    if (typeof dot === 'string') return { entry: dot, field: 'exports["."]' };
    if (dot && typeof dot === 'object') {
      const d = dot as Record<string, unknown>;
      const entry = [d.default, d.require, d.import].find((v) => typeof v === 'string');
      return { entry: entry as string | undefined, field: 'exports["."]' };
    }
    return { field: 'exports' };
  }
  return typeof pkg.main === 'string' && pkg.main !== ''
    ? { entry: pkg.main, field: 'main' }
    : { field: 'main' };
}

function tsconfigOf(
  projectDir: string,
  project: Record<string, unknown> | undefined,
): string | undefined {
  const runtime = project?.runtime;
  const options =
    runtime && typeof runtime === 'object'
      ? (runtime as { options?: Record<string, unknown> }).options
      : undefined;
  const named = options?.tsconfig;
  if (typeof named === 'string' && named !== '') {
    const file = path.resolve(projectDir, named);
    if (!isFile(file)) {
      throw new StackConfigError(
        `${path.join(projectDir, 'Pulumi.yaml')}: runtime.options.tsconfig is "${named}", but ${file} does not exist; fix the path or remove the option`,
      );
    }
    return file;
  }
  const file = path.join(projectDir, 'tsconfig.json');
  return isFile(file) ? file : undefined;
}

/**
 * The program `--program` names: a project folder (resolved as above), or a program file (its
 * folder is then the project folder).
 */
export function resolveProgramEntry(program: string): ProgramEntry {
  const resolved = path.resolve(program);
  if (isFile(resolved)) {
    if (!SCRIPT.test(resolved)) {
      throw new ProgramEntryError(
        `--program ${program}: expected a TypeScript or JavaScript program (.ts, .js) or a Pulumi project folder`,
      );
    }
    const projectDir = path.dirname(resolved);
    const projectFile = path.join(projectDir, 'Pulumi.yaml');
    const project = isFile(projectFile) ? readYaml(projectFile) : undefined;
    const tsconfig = tsconfigOf(projectDir, project);
    return {
      projectDir,
      programFile: resolved,
      chosenBy: '--program',
      ...(tsconfig ? { tsconfig } : {}),
      warnings: [],
    };
  }
  if (!isDir(resolved)) throw new ProgramEntryError(`--program ${program}: no such file or folder`);
  const projectDir = resolved;
  const projectFile = path.join(projectDir, 'Pulumi.yaml');
  const project = isFile(projectFile) ? readYaml(projectFile) : undefined;
  const tsconfig = tsconfigOf(projectDir, project);
  const warnings: string[] = [];
  const done = (file: string, chosenBy: string): ProgramEntry => ({
    projectDir,
    programFile: file,
    chosenBy,
    ...(tsconfig ? { tsconfig } : {}),
    warnings,
  });

  const main = project?.main;
  if (main !== undefined) {
    if (typeof main !== 'string' || main === '') {
      throw new StackConfigError(
        `${projectFile}: "main" must be the path of the program's folder or file, received ${JSON.stringify(main)}`,
      );
    }
    const target = requireTarget(path.resolve(projectDir, main));
    if (!target.file) {
      throw new ProgramEntryError(
        `${projectFile}: main "${main}" names no program (no such file, or a folder without an index.ts or index.js); fix "main" or remove it`,
      );
    }
    return done(
      target.file,
      target.viaMain ? 'main in Pulumi.yaml, then main in its package.json' : 'main in Pulumi.yaml',
    );
  }

  const pkg = readPackageJson(projectDir);
  if (pkg) {
    const { entry, field } = packageEntry(pkg);
    if (entry !== undefined) {
      const file = path.resolve(projectDir, entry);
      // The host checks only that the path exists, then requires it.
      const target: { file?: string } = fs.existsSync(file) ? requireTarget(file) : {};
      if (target.file) return done(target.file, `${field} in package.json`);
      warnings.push(
        `${path.join(projectDir, 'package.json')}: ${field} "${entry}" is not a file; like \`pulumi preview\`, the check loads the project folder instead, as Node does`,
      );
    }
  }

  // The folder itself, as Node loads it.
  const folder = requireTarget(projectDir);
  if (folder.file) {
    const base = path.basename(folder.file);
    if (!folder.viaMain && base === 'index.js' && isFile(path.join(projectDir, 'index.ts'))) {
      warnings.push(
        `${projectDir} has both index.js and index.ts; like \`pulumi preview\`, the check runs index.js`,
      );
    }
    return done(folder.file, folder.viaMain ? 'main in package.json' : base);
  }
  throw new ProgramEntryError(
    `--program ${program}: the folder has no program: no "main" in Pulumi.yaml, no "main" in package.json, and no index.ts or index.js; add one of them, or pass the program's file`,
  );
}
