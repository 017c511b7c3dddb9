/**
 * Parsing one statement of a policy document: its Effect, Action or NotAction, Resource or
 * NotResource and Condition, collecting every problem (statement, Sid, field, value, fix).
 */
import { actionNameProblem, wildcardSpellingProblem } from './action-names';
import { patternSet } from './action-set';
import { isWildcardPattern } from './catalogue';
import { canonicalElements, isRecord } from './element-names';
import { describe, where } from './problem-text';
import type { DocumentProblem } from './types';

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

const SID_PATTERN = /^[A-Za-z0-9]*$/;

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
      const problem = wildcardSpellingProblem(pattern);
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
      } else if (patternSet(pattern).isEmpty()) {
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

function isCondition(value: unknown): value is ConditionBlock {
  return isRecord(value) && Object.values(value).every(isRecord);
}

/** The statement at `index`, or undefined when it cannot be judged (its problems say why). */
export function parseStatement(
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

  // IAM refuses an identity policy that names principals ("MalformedPolicyDocument: Policy
  // document should not specify a principal"). A warning, not an error: a resource policy (a
  // bucket's, a key's) names them, and its grants are still judged here as written.
  for (const element of ['Principal', 'NotPrincipal'] as const) {
    if (entry[element] === undefined) continue;
    problems.push({
      ...at,
      field: element,
      value: entry[element],
      severity: 'warning',
      message: `${where(at)}: ${element} is not allowed in an identity policy (IAM refuses a role's or user's policy that has one: "Policy document should not specify a principal"); remove it, as principals belong in a trust policy or a resource policy`,
    });
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
