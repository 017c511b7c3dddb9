/**
 * The syntax tree of HCL v1 (hashicorp/hcl before 2.0, which Vault still uses to read policies),
 * shared by its two surface forms, HCL text and JSON. As in hcl v1, an object is a list of items,
 * not a map: a key given twice is two items, and `path "a" { … }` is one item with the keys
 * `path` and `a`.
 */

export type HclValue =
  | { kind: 'string'; value: string }
  | { kind: 'number' | 'bool' | 'null'; text: string }
  | { kind: 'list'; items: HclValue[] }
  | { kind: 'object'; items: HclItem[] };

export interface HclItem {
  keys: string[];
  value: HclValue;
  /** Where the item starts in the source text (0 for a value that had no text). */
  offset: number;
}

/** What a reader gets: the top-level items, or why the text could not be read. */
export type HclParse = { ok: true; items: HclItem[] } | { ok: false; error: HclSyntaxError };

/** A syntax error at `offset`; `unclosed` names the keys of the top-level item left open. */
export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly unclosed?: readonly string[],
    /** The error is in the keys of a top-level item: text that is not an item. */
    readonly atTopLevel = false,
  ) {
    super(message);
  }
}

/** Nesting deeper than this is refused rather than risking the call stack. */
export const MAX_DEPTH = 500;
