/**
 * Granting documents as found in the stack, and as the engine takes them: JSON text parsed once
 * and shared, an object passed through, anything else unverifiable.
 */
import type { PolicyResource } from '@pulumi/policy';
import { duplicateKeyProblem } from '../../engine/duplicate-keys';
import { memoize } from '../../engine/memo';
import type { Known } from '../unknowns';
import { malformed, unknownDocument, type UnverifiablePermission } from './unverifiable';

/** A granting document found in the stack, before it is tied to a role. */
export interface FoundDocument {
  source: string;
  document: Known<unknown>;
  /** The resource the document was read from, whose `propertyDependencies` explain an unknown. */
  resource?: PolicyResource;
  /** Stable text of the document, for the verdict cache. */
  fingerprint: string;
}

export function foundDocument(
  source: string,
  document: Known<unknown>,
  text?: string,
  resource?: PolicyResource,
): FoundDocument {
  let fingerprint = text ?? '';
  if (text === undefined && document.known) {
    fingerprint =
      typeof document.value === 'string' ? document.value : safeStringify(document.value);
  }
  return {
    source,
    document,
    fingerprint: document.known ? fingerprint : '\u0002unknown',
    ...(resource ? { resource } : {}),
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * JSON text parsed once and shared: a fleet's boundary is one document for a thousand agents and
 * seven policies, and the same object lets the engine reuse what it derived from it.
 */
const parseJsonOnce = memoize(
  (text: string): { parsed: unknown; duplicate?: string } => {
    const parsed: unknown = JSON.parse(text);
    const duplicate = duplicateKeyProblem(text);
    return duplicate === undefined ? { parsed } : { parsed, duplicate };
  },
  { limit: 4096 },
);

/** A document as the engine takes it: JSON text parsed, an object passed through. */
export function parseDocument(
  found: FoundDocument,
): { document: unknown } | { problem: UnverifiablePermission } {
  if (!found.document.known) {
    const what = `the policy document of ${found.source}`;
    return { problem: unknownDocument(found.source, what, found.document.path, found.resource) };
  }
  const value = found.document.value;
  if (typeof value !== 'string') {
    if (value && typeof value === 'object' && !Array.isArray(value)) return { document: value };
    return {
      problem: malformed(
        found.source,
        `is ${JSON.stringify(value) ?? String(value)}, not a JSON object`,
      ),
    };
  }
  try {
    const { parsed, duplicate } = parseJsonOnce(value);
    if (duplicate !== undefined) return { problem: malformed(found.source, duplicate) };
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { document: parsed };
    return { problem: malformed(found.source, `is ${value}, not a JSON object`) };
  } catch (e) {
    return { problem: malformed(found.source, `is not valid JSON (${(e as Error).message})`) };
  }
}
