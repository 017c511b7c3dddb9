/**
 * Reads a Pulumi project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI does
 * before it runs a program: the project name, and every config value (project defaults, then the
 * stack's) as a fully qualified key (`aws:region`, `<project>:<key>`) mapped to a string.
 *
 * A `secure:` value, at the top of a key or anywhere inside a structured (object or array) value,
 * becomes `SECRET_PLACEHOLDER` and its key a secret, as the CLI marks a key holding any secure leaf
 * (`pulumi config --show-secrets`; `secretKeys` of the language host's `RunRequest`).
 */
import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

/** Stands in for a `secure:` value, which only the stack's secrets provider can decrypt. */
export const SECRET_PLACEHOLDER = '[secret: not decrypted by the offline check]';

export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
  }
}

export interface ProgramProject {
  /** From `Pulumi.yaml` `name`, else the folder's name. */
  project: string;
  /** Folder holding `Pulumi.yaml` (else the program's folder). */
  projectDir: string;
  config: Record<string, string>;
  secretKeys: string[];
  /** The file each config key was last set in (`Pulumi.yaml` or the stack's file). */
  keySources: Record<string, string>;
  /** Files read, for messages. */
  sources: string[];
  /** The stack's config file, read or (when it does not exist) where it would be. */
  stackFile: string;
  /** Whether `stackFile` exists; Pulumi reads a missing one as an empty config. */
  stackFileFound: boolean;
}

export interface ProgramProjectOptions {
  /** The folder holding `Pulumi.yaml`; by default the program file's folder. */
  projectDir?: string;
  /**
   * The stack was named on the command line: a missing `Pulumi.<stack>.yaml` is then a mistake
   * (a typo in `--stack`, a file not committed), never an empty config.
   */
  stackFileRequired?: boolean;
}

/** @internal Shared with `program-entry.ts`, which reads `main` and `runtime` from `Pulumi.yaml`. */
export function readYaml(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = yaml.load(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new StackConfigError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  if (doc === undefined || doc === null) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new StackConfigError(`${file}: expected a YAML mapping at the top level`);
  }
  return doc as Record<string, unknown>;
}

function qualify(key: string, project: string): string {
  return key.includes(':') ? key : `${project}:${key}`;
}

/** The CLI passes every value as a string; structured values as JSON. */
function asConfigString(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isSecure(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && 'secure' in value;
}

/**
 * `value` with every `secure:` leaf, at any depth, replaced by `SECRET_PLACEHOLDER`, and whether
 * there was one. The offline check has no secrets provider: the program reads the placeholder.
 */
function withoutSecureLeaves(value: unknown): { value: unknown; secret: boolean } {
  if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secret: true };
  if (Array.isArray(value)) {
    const items = value.map(withoutSecureLeaves);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value && typeof value === 'object') {
    let secret = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const leaf = withoutSecureLeaves(item);
      out[key] = leaf.value;
      secret ||= leaf.secret;
    }
    return { value: out, secret };
  }
  return { value, secret: false };
}

/** The stack files (`Pulumi.<stack>.yaml`) in `dir`, by stack name. */
function stackNamesIn(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((n) => /^Pulumi\.(.+)\.ya?ml$/.exec(n)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

export function loadProgramProject(
  programFile: string,
  stack: string,
  options: ProgramProjectOptions = {},
): ProgramProject {
  const programDir = options.projectDir ?? path.dirname(programFile);
  const projectFile = path.join(programDir, 'Pulumi.yaml');
  const hasProject = fs.existsSync(projectFile);
  const sources: string[] = [];
  const config: Record<string, string> = {};
  const keySources: Record<string, string> = {};
  const secretKeys = new Set<string>();
  const set = (key: string, raw: unknown, file: string): void => {
    const { value, secret } = withoutSecureLeaves(raw);
    config[key] = asConfigString(value);
    keySources[key] = file;
    if (secret) secretKeys.add(key);
    else secretKeys.delete(key);
  };
  let project = path.basename(programDir);
  let stackConfigDir = programDir;
  if (hasProject) {
    sources.push(projectFile);
    const doc = readYaml(projectFile);
    if (typeof doc.name !== 'string' || doc.name === '') {
      throw new StackConfigError(
        `${projectFile}: "name" must be the project's name, received ${JSON.stringify(doc.name)}`,
      );
    }
    project = doc.name;
    // Pulumi reads the stack files from `stackConfigDir` when the project sets it.
    if (typeof doc.stackConfigDir === 'string' && doc.stackConfigDir !== '') {
      stackConfigDir = path.resolve(programDir, doc.stackConfigDir);
    }
    // Project-level config: `key: value`, or `key: { default: value, ... }` declarations.
    const declared = (doc.config ?? {}) as Record<string, unknown>;
    for (const [key, decl] of Object.entries(declared)) {
      const value =
        decl && typeof decl === 'object' && !Array.isArray(decl) && !isSecure(decl)
          ? ((decl as { value?: unknown; default?: unknown }).value ??
            (decl as { default?: unknown }).default)
          : decl;
      if (value !== undefined) set(qualify(key, project), value, projectFile);
    }
  }
  const stackFile = path.join(stackConfigDir, `Pulumi.${stack}.yaml`);
  const stackFileFound = fs.existsSync(stackFile);
  if (!stackFileFound && options.stackFileRequired) {
    const others = stackNamesIn(stackConfigDir);
    throw new StackConfigError(
      `--stack ${stack}: ${stackFile} does not exist; ` +
        (others.length > 0
          ? `the stacks with a config file here are ${others.join(', ')}: pass one of them as --stack, or create ${path.basename(stackFile)}`
          : `there is no stack config file here: create ${path.basename(stackFile)} (e.g. \`pulumi config set aws:region us-east-1 --stack ${stack}\`), or leave out --stack`),
    );
  }
  if (stackFileFound) {
    sources.push(stackFile);
    const doc = readYaml(stackFile);
    const values = doc.config ?? {};
    if (typeof values !== 'object' || Array.isArray(values)) {
      throw new StackConfigError(`${stackFile}: "config" must be a mapping of keys to values`);
    }
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (value !== null && value !== undefined) set(qualify(key, project), value, stackFile);
    }
  }
  return {
    project,
    projectDir: programDir,
    config,
    secretKeys: [...secretKeys],
    keySources,
    sources,
    stackFile,
    stackFileFound,
  };
}

/** @internal The stacks that have a config file beside `stackFile`, for messages. */
export function otherStacks(stackFile: string): string[] {
  return stackNamesIn(path.dirname(stackFile));
}
