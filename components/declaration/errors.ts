/**
 * The error a wrong declaration throws, and how zod's issues become its message: every problem
 * at once, each naming the field (zod's path), the value received and the fix.
 */
import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';

/** The error a wrong declaration throws. Its message is complete; the CLI prints it without a stack. */
export class AgentDeclarationError extends Error {
  override readonly name = 'AgentDeclarationError';
  constructor(
    /** `Agent "x"` or `AgentFleet "y"`. */
    readonly subject: string,
    /** One line per problem, without the header. */
    readonly problems: string[],
    details: string,
  ) {
    super(`${subject}: invalid declaration\n${details}`);
  }
}

/** How a received value is shown in a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (pulumi.Output.isInstance(value)) return 'an Output';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** zod's message for unrecognised keys, with the list of the fields that exist. */
export function unknownKeys(fields: string) {
  return (issue: { code?: string; keys?: string[]; input?: unknown }) => {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return `${issue.keys.map((k) => JSON.stringify(k)).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'}; the fields are ${fields}`;
    }
    if (issue.input === undefined) return `is missing: set ${fields}`;
    return `${show(issue.input)} is not an object with ${fields}`;
  };
}

export type Issue = z.core.$ZodIssue;

/** zod's own rendering of the issues, one `✖ message\n  → at path` each. */
export function prettify(issues: Issue[]): string {
  return z.prettifyError(new z.ZodError(issues));
}

/** @internal One line per issue: `field.path: message`. */
export function problemLines(issues: Issue[]): string[] {
  return issues.map((i) => `${i.path.length > 0 ? `${formatPath(i.path)}: ` : ''}${i.message}`);
}

/** One `AgentDeclarationError` listing every issue. */
export function declarationError(subject: string, issues: Issue[]): AgentDeclarationError {
  return new AgentDeclarationError(subject, problemLines(issues), prettify(issues));
}

/** @internal A field path as zod's `prettifyError` writes it: `permissions[0].actions[1]`, `tags["a:b"]`. */
export function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const key = String(p);
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

/** How an agent is named in a message: `Agent "x"`. */
export function agentSubject(name: unknown): string {
  return typeof name === 'string' ? `Agent ${JSON.stringify(name)}` : 'Agent (unnamed)';
}
