/**
 * Policy elements: objects of named elements (a document, a statement), read with their names in
 * their documented casing.
 */
import { where } from './problem-text';
import type { DocumentProblem } from './types';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
