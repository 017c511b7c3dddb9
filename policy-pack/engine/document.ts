/**
 * Parsing an identity-policy document into statements the judge can use, collecting every
 * problem (statement, Sid, field, value, fix) instead of throwing.
 */
import { actionNameProblem } from './action-names';
import { expandPattern, isWildcardPattern } from './catalogue';
import type { DocumentProblem, PolicySource } from './types';

export type ConditionBlock = Record<string, Record<string, unknown>>;

export interface ParsedStatement {
  index: number;
  sid?: string;
  source?: string;
  effect: 'Allow' | 'Deny';
  /** Action or NotAction patterns, as written (valid strings only). */
  actions: string[];
  notAction: boolean;
  resources: string[];
  notResource: boolean;
  condition?: ConditionBlock;
}

export interface ParsedDocument {
  statements: ParsedStatement[];
  problems: DocumentProblem[];
}

const SID_PATTERN = /^[A-Za-z0-9]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or a non-empty array of strings; bad elements are reported and dropped. */
function stringList(
  value: unknown,
  field: string,
  at: { statement: number; sid?: string },
  problems: DocumentProblem[],
): string[] | undefined {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list) {
    problems.push({
      ...at,
      field,
      value,
      severity: 'error',
      message: `${field} must be a string or an array of strings, got ${describe(value)}`,
    });
    return undefined;
  }
  if (list.length === 0) {
    problems.push({
      ...at,
      field,
      value,
      severity: 'error',
      message: `${field} is an empty array; list at least one value`,
    });
    return undefined;
  }
  const strings: string[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') strings.push(item.trim());
    else
      problems.push({
        ...at,
        field: `${field}[${i}]`,
        value: item,
        severity: 'error',
        message: `${field}[${i}] must be a non-empty string, got ${describe(item)}`,
      });
  });
  return strings;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function where(at: { statement: number; sid?: string }): string {
  return `Statement[${at.statement}]${at.sid ? ` (Sid "${at.sid}")` : ''}`;
}

/** Reports action names that are not real IAM actions, with the closest real name. */
function checkActionNames(
  patterns: string[],
  field: string,
  at: { statement: number; sid?: string },
  problems: DocumentProblem[],
): void {
  patterns.forEach((pattern, i) => {
    const fieldName = `${field}[${i}]`;
    if (pattern === '*') return;
    if (isWildcardPattern(pattern)) {
      const problem = actionNameProblem(pattern);
      // A wildcard is legal in a document: only an unknown service or a pattern that matches
      // nothing is a mistake here (the judge reports what wildcards grant).
      if (problem && !problem.includes(' is a wildcard;')) {
        problems.push({
          ...at,
          field: fieldName,
          value: pattern,
          severity: 'warning',
          message: problem,
        });
      } else if (expandPattern(pattern).length === 0) {
        problems.push({
          ...at,
          field: fieldName,
          value: pattern,
          severity: 'warning',
          message: `${JSON.stringify(pattern)} matches no IAM action; check the spelling`,
        });
      }
      return;
    }
    const problem = actionNameProblem(pattern);
    if (problem) {
      problems.push({
        ...at,
        field: fieldName,
        value: pattern,
        severity: 'warning',
        message: problem,
      });
    }
  });
}

const DOCUMENT_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

/**
 * The object with its policy element names in their documented casing. AWS's names are
 * case-sensitive, but a security gate must not lose `"effect": "Allow"` to a typo: the element is
 * judged as meant and reported as a warning with the fix.
 */
function canonicalElements(
  value: Record<string, unknown>,
  elements: readonly string[],
  at: { statement?: number; sid?: string },
  problems: DocumentProblem[],
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (elements.includes(key)) continue;
    const canonical = elements.find((e) => e.toLowerCase() === key.toLowerCase());
    if (!canonical || Object.prototype.hasOwnProperty.call(value, canonical)) continue;
    out ??= { ...value };
    out[canonical] = value[key];
    delete out[key];
    const prefix =
      at.statement !== undefined ? `${where({ ...at, statement: at.statement })}: ` : '';
    problems.push({
      ...at,
      field: key,
      value: value[key],
      severity: 'warning',
      message: `${prefix}policy element names are case-sensitive; write "${canonical}", not "${key}" (judged as "${canonical}")`,
    });
  }
  return out ?? value;
}

function isCondition(value: unknown): value is ConditionBlock {
  return isRecord(value) && Object.values(value).every(isRecord);
}

export function parseDocument(document: unknown, source?: string): ParsedDocument {
  const problems: DocumentProblem[] = [];
  const statements: ParsedStatement[] = [];
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (err) {
      problems.push({
        field: 'document',
        value: document,
        severity: 'error',
        message: `the document is not valid JSON (${(err as Error).message})`,
      });
      return { statements, problems };
    }
  }
  if (!isRecord(doc)) {
    problems.push({
      field: 'document',
      value: doc,
      severity: 'error',
      message: `a policy document must be a JSON object with a Statement, got ${describe(doc)}`,
    });
    return { statements, problems };
  }
  const root = canonicalElements(doc, DOCUMENT_ELEMENTS, {}, problems);
  if (
    root.Version !== undefined &&
    root.Version !== '2012-10-17' &&
    root.Version !== '2008-10-17'
  ) {
    problems.push({
      field: 'Version',
      value: root.Version,
      severity: 'error',
      message: `Version must be "2012-10-17", got ${describe(root.Version)}`,
    });
  }
  const raw = root.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? undefined : [raw];
  if (!list) {
    problems.push({
      field: 'Statement',
      value: raw,
      severity: 'error',
      message: 'the document has no Statement; add a Statement object or array',
    });
    return { statements, problems };
  }
  const sids = new Map<string, number>();
  list.forEach((entry, index) => {
    const statement = parseStatement(entry, index, problems, source);
    if (!statement) return;
    if (statement.sid !== undefined && statement.sid !== '') {
      const first = sids.get(statement.sid);
      if (first !== undefined) {
        problems.push({
          statement: index,
          sid: statement.sid,
          field: 'Sid',
          value: statement.sid,
          severity: 'warning',
          message: `${where({ statement: index, sid: statement.sid })}: Sid "${statement.sid}" is also used by Statement[${first}]; give each statement a unique Sid`,
        });
      } else sids.set(statement.sid, index);
    }
    statements.push(statement);
  });
  return { statements, problems };
}

/** A role's document: its statements, its problems added to `problems` with their source. */
export function parsePolicySource(
  policy: PolicySource,
  problems: DocumentProblem[],
): ParsedStatement[] {
  const parsed = parseDocument(policy.document, policy.source);
  for (const problem of parsed.problems) problems.push({ ...problem, source: policy.source });
  return parsed.statements;
}

function parseStatement(
  rawEntry: unknown,
  index: number,
  problems: DocumentProblem[],
  source?: string,
): ParsedStatement | undefined {
  if (!isRecord(rawEntry)) {
    problems.push({
      statement: index,
      field: 'Statement',
      value: rawEntry,
      severity: 'error',
      message: `Statement[${index}] must be an object, got ${describe(rawEntry)}`,
    });
    return undefined;
  }
  const rawSid = rawEntry.Sid ?? rawEntry.sid ?? rawEntry.SID;
  const sid = typeof rawSid === 'string' ? rawSid : undefined;
  const entry = canonicalElements(
    rawEntry,
    STATEMENT_ELEMENTS,
    { statement: index, ...(sid !== undefined ? { sid } : {}) },
    problems,
  );
  const at = { statement: index, ...(sid !== undefined ? { sid } : {}) };
  const before = problems.length;
  if (entry.Sid !== undefined && typeof entry.Sid !== 'string') {
    problems.push({
      ...at,
      field: 'Sid',
      value: entry.Sid,
      severity: 'error',
      message: `${where(at)}: Sid must be a string, got ${describe(entry.Sid)}`,
    });
  } else if (sid !== undefined && !SID_PATTERN.test(sid)) {
    problems.push({
      ...at,
      field: 'Sid',
      value: sid,
      severity: 'warning',
      message: `${where(at)}: Sid may contain only letters and digits; e.g. "${sid.replace(/[^A-Za-z0-9]/g, '') || 'Statement1'}"`,
    });
  }

  let effect: 'Allow' | 'Deny' | undefined;
  if (entry.Effect === 'Allow' || entry.Effect === 'Deny') effect = entry.Effect;
  else {
    problems.push({
      ...at,
      field: 'Effect',
      value: entry.Effect,
      severity: 'error',
      message: `${where(at)}: Effect must be "Allow" or "Deny", got ${describe(entry.Effect)}`,
    });
    // A security gate must not lose a grant to a typo: "allow" is still judged as an Allow.
    // A misspelt Deny is never trusted to take anything away.
    if (typeof entry.Effect === 'string' && entry.Effect.toLowerCase() === 'allow')
      effect = 'Allow';
    else if (entry.Effect === undefined || typeof entry.Effect !== 'string') effect = undefined;
  }

  const hasAction = entry.Action !== undefined;
  const hasNotAction = entry.NotAction !== undefined;
  if (hasAction === hasNotAction) {
    problems.push({
      ...at,
      field: hasAction ? 'Action' : 'Action',
      value: hasAction ? { Action: entry.Action, NotAction: entry.NotAction } : undefined,
      severity: 'error',
      message: hasAction
        ? `${where(at)}: use either Action or NotAction, not both`
        : `${where(at)}: has no Action; list the exact actions, e.g. "s3:GetObject"`,
    });
  }
  const actionField = hasNotAction && !hasAction ? 'NotAction' : 'Action';
  const actions =
    hasAction !== hasNotAction
      ? stringList(hasAction ? entry.Action : entry.NotAction, actionField, at, problems)
      : undefined;
  if (actions) checkActionNames(actions, actionField, at, problems);

  const hasResource = entry.Resource !== undefined;
  const hasNotResource = entry.NotResource !== undefined;
  if (hasResource === hasNotResource) {
    problems.push({
      ...at,
      field: 'Resource',
      value: hasResource ? { Resource: entry.Resource, NotResource: entry.NotResource } : undefined,
      severity: 'error',
      message: hasResource
        ? `${where(at)}: use either Resource or NotResource, not both`
        : `${where(at)}: has no Resource; name the resources, e.g. "arn:aws:s3:::my-bucket/*"`,
    });
  }
  const resourceField = hasNotResource && !hasResource ? 'NotResource' : 'Resource';
  const resources =
    hasResource !== hasNotResource
      ? stringList(hasResource ? entry.Resource : entry.NotResource, resourceField, at, problems)
      : undefined;

  let condition: ConditionBlock | undefined;
  if (entry.Condition !== undefined) {
    if (isCondition(entry.Condition)) {
      if (Object.keys(entry.Condition).length > 0) condition = entry.Condition;
    } else {
      problems.push({
        ...at,
        field: 'Condition',
        value: entry.Condition,
        severity: 'error',
        message: `${where(at)}: Condition must map operators to objects of keys, e.g. {"StringEquals": {"aws:ResourceTag/team": "ml"}}`,
      });
    }
  }

  // Problems found above already carry the message prefix; normalise the earlier generic ones.
  for (let i = before; i < problems.length; i++) {
    const p = problems[i];
    if (!p.message.startsWith('Statement[')) p.message = `${where(at)}: ${p.message}`;
  }

  if (!effect || !actions || !resources || actions.length === 0 || resources.length === 0) {
    return undefined;
  }
  if (condition === undefined && entry.Condition !== undefined && !isCondition(entry.Condition)) {
    // An unreadable condition on an Allow cannot be trusted to scope it; on a Deny, to cancel.
    if (effect === 'Deny') return undefined;
  }
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    ...(source !== undefined ? { source } : {}),
    effect,
    actions,
    notAction: actionField === 'NotAction',
    resources,
    notResource: resourceField === 'NotResource',
    ...(condition ? { condition } : {}),
  };
}
