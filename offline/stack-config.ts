/**
 * Reads a Pulumi project's `Pulumi.yaml` and `Pulumi.<stack>.yaml` the way the Pulumi CLI does
 * before it runs a program: the project name, and every config value (project defaults, then the
 * stack's) as a fully qualified key (`aws:region`, `<project>:<key>`) mapped to a string.
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
  /** Files read, for messages. */
  sources: string[];
}

function readYaml(file: string): Record<string, unknown> {
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
  return !!value && typeof value === 'object' && 'secure' in value;
}

export function loadProgramProject(programFile: string, stack: string): ProgramProject {
  const programDir = path.dirname(programFile);
  const projectFile = path.join(programDir, 'Pulumi.yaml');
  const hasProject = fs.existsSync(projectFile);
  const sources: string[] = [];
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  let project = path.basename(programDir);
  if (hasProject) {
    sources.push(projectFile);
    const doc = readYaml(projectFile);
    if (typeof doc.name !== 'string' || doc.name === '') {
      throw new StackConfigError(
        `${projectFile}: "name" must be the project's name, received ${JSON.stringify(doc.name)}`,
      );
    }
    project = doc.name;
    // Project-level config: `key: value`, or `key: { default: value, ... }` declarations.
    const declared = (doc.config ?? {}) as Record<string, unknown>;
    for (const [key, decl] of Object.entries(declared)) {
      const value =
        decl && typeof decl === 'object' && !Array.isArray(decl)
          ? ((decl as { value?: unknown; default?: unknown }).value ??
            (decl as { default?: unknown }).default)
          : decl;
      if (value !== undefined) config[qualify(key, project)] = asConfigString(value);
    }
  }
  const stackFile = path.join(programDir, `Pulumi.${stack}.yaml`);
  if (fs.existsSync(stackFile)) {
    sources.push(stackFile);
    const doc = readYaml(stackFile);
    const values = doc.config ?? {};
    if (typeof values !== 'object' || Array.isArray(values)) {
      throw new StackConfigError(`${stackFile}: "config" must be a mapping of keys to values`);
    }
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      const qualified = qualify(key, project);
      if (isSecure(value)) {
        config[qualified] = SECRET_PLACEHOLDER;
        secretKeys.push(qualified);
      } else if (value !== null && value !== undefined) {
        config[qualified] = asConfigString(value);
      }
    }
  }
  return { project, projectDir: programDir, config, secretKeys, sources };
}
