/**
 * One document's verdict as `agent-iam lint` reports it, from a file's text: shared by the
 * command's own thread and the helper thread that judges the tail of a large run (`helper.ts`), so
 * both build the same record from the same text.
 */
import * as fs from 'fs';
import { judgePolicy } from '../../../policy-pack/engine';
import type { DocumentProblem, Finding, PolicyVerdict } from '../../../policy-pack/engine';
import {
  WILDCARD_ACTIONS_POLICY,
  wildcardActionViolations,
} from '../../../policy-pack/engine/rules/wildcard-actions';

export interface Target {
  file: string;
  /** Found by walking a folder: a JSON file that is not a policy document is skipped, not an error. */
  discovered: boolean;
}

export interface LintRecord {
  file: string;
  overPermissioned: boolean;
  findings: Pick<
    Finding,
    | 'category'
    | 'severity'
    | 'statement'
    | 'actions'
    | 'resources'
    | 'message'
    | 'privescMethod'
    | 'escalationPath'
  >[];
  /** Rules of the policy pack the document breaks as an agent's policy, beyond the findings. */
  agentRules: AgentRuleViolation[];
  problems: DocumentProblem[];
  error?: string;
}

interface AgentRuleViolation {
  policy: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON file in a folder is a policy document when it has a Statement or a Version. */
function looksLikePolicy(value: unknown): boolean {
  return isRecord(value) && ('Statement' in value || 'Version' in value);
}

function toRecord(file: string, document: unknown, verdict: PolicyVerdict): LintRecord {
  return {
    file,
    overPermissioned: verdict.overPermissioned,
    findings: verdict.findings.map((f) => ({
      category: f.category,
      severity: f.severity,
      statement: f.statement,
      actions: f.actions,
      resources: f.resources,
      message: f.message,
      ...(f.privescMethod ? { privescMethod: f.privescMethod } : {}),
      ...(f.escalationPath ? { escalationPath: f.escalationPath } : {}),
    })),
    agentRules: wildcardActionViolations(document).map((message) => ({
      policy: WILDCARD_ACTIONS_POLICY,
      message,
    })),
    problems: verdict.problems,
  };
}

export function unreadable(file: string, error: string): LintRecord {
  return {
    file,
    overPermissioned: false,
    findings: [],
    agentRules: [],
    problems: [{ field: 'document', value: null, severity: 'error', message: error }],
    error,
  };
}

/** The record of a document's text; undefined for a discovered JSON file that is no policy. */
export function judgeText(target: Target, text: string): LintRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return unreadable(target.file, `not valid JSON (${(err as Error).message}); fix the syntax`);
  }
  if (target.discovered && !looksLikePolicy(parsed)) return undefined;
  return toRecord(target.file, parsed, judgePolicy(parsed));
}

/** `judgeText` of a file on disk, or the record that says why it cannot be read. */
export function judgeFile(target: Target): LintRecord | undefined {
  let text: string;
  try {
    text = fs.readFileSync(target.file, 'utf8');
  } catch (err) {
    return unreadableFile(target.file, err);
  }
  return judgeText(target, text);
}

export function unreadableFile(file: string, err: unknown): LintRecord {
  const code = (err as NodeJS.ErrnoException).code;
  return unreadable(
    file,
    code === 'TTY'
      ? 'standard input is a terminal; pipe a policy document in, or pass a file'
      : `cannot read the file (${code ?? (err as Error).message})`,
  );
}
