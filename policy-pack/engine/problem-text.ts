/** How a document problem names a value and a statement. */

/** A value as a problem shows it: its kind, and a primitive's JSON. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** A statement as a problem names it: `Statement[2] (Sid "Read")`. */
export function where(at: { statement: number; sid?: string }): string {
  return `Statement[${at.statement}]${at.sid ? ` (Sid "${at.sid}")` : ''}`;
}
