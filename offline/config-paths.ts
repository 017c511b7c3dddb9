/** Where in a config document a problem is: the value at a zod issue's path, and how to name it. */

/** The value at `pathKeys` in `root`, or undefined where the path leaves the document. */
export function valueAt(root: unknown, pathKeys: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of pathKeys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * A path as a reader writes it, `policies.agent-no-admin` or `exemptions[0].reason`; `nested`
 * when it follows a name already written, so that it starts with a dot.
 */
export function fieldPath(pathKeys: readonly PropertyKey[], nested = false): string {
  return pathKeys
    .map((k, i) =>
      typeof k === 'number' ? `[${k}]` : `${i === 0 && !nested ? '' : '.'}${String(k)}`,
    )
    .join('');
}
