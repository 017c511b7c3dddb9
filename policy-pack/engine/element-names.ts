/**
 * Policy elements: objects of named elements (a document, a statement), read with their names in
 * their documented casing.
 */
import { where } from './problem-text';
import type { DocumentProblem } from './types';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An element that may be one value or a list of them (`Action`, `Resource`, `Statement`). */
export function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The strings of such an element. */
export function stringsOf(value: unknown): string[] {
  return asArray(value).filter((x): x is string => typeof x === 'string');
}

/**
 * The statements of a policy document given as an object or as JSON text, as records; nothing for
 * text that is not JSON or a document without statements. For readers that look for one thing in
 * a document (a grant, a deny); the engine's own parse reports what is malformed.
 */
export function documentStatements(document: unknown): Record<string, unknown>[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (!isRecord(doc)) return [];
  return asArray(doc.Statement).filter(isRecord);
}

/**
 * The object with its policy element names in their documented casing. AWS's names are
 * case-sensitive, but a security gate must not lose `"effect": "Allow"` to a typo: the element is
 * judged as meant and reported as a warning with the fix.
 */
export function canonicalElements(
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
