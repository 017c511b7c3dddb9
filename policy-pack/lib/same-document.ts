/**
 * A policy document's content, independent of how it is written: JSON text parsed, object keys
 * sorted, so that the same document read back from AWS (reformatted) and as the program wrote it
 * compare equal, and any difference in content does not.
 */

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      out[key] = sortedKeys((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** The document's content as canonical text; text that is not JSON stands for itself. */
export function canonicalDocument(value: unknown): string {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return `\u0000${value}`;
    }
  }
  return JSON.stringify(sortedKeys(parsed)) ?? '';
}
