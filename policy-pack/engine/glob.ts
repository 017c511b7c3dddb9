/**
 * IAM globbing without backtracking: `*` matches any run of characters (the empty run too), `?`
 * exactly one. Matching a pattern of m units against a text of n units costs O(n + m) when its
 * segments are literal, and O(n·m/64) at worst when a long one holds `?` (bit-parallel, see
 * segment-search.ts); a pattern such as `*a*a*a*a*a*a*b` no longer backtracks for minutes.
 *
 * The semantics are those of the RegExp `^…$` (flag `i`, `*` as `.*`, `?` as `.`) the engine
 * used to build, kept exactly: case is folded as that flag folds it (see case-fold.ts; pass
 * `caseSensitive` to compare units exactly), and neither wildcard matches a line terminator
 * (`\n`, `\r`, U+2028, U+2029), so a text of several lines is matched only by a pattern that
 * spells its line breaks out (the judge relies on it when it tests a grant against a NotResource
 * list joined by line breaks). Text is compared one UTF-16 code unit at a time.
 *
 * The pattern is split at its stars into segments. The first must match at the start, the last
 * at the end, and each one between is placed at its leftmost occurrence after the one before: a
 * star on either side of it can absorb whatever a later placement would have skipped, so the
 * leftmost placement never loses a match (the one exception, a line terminator, is kept out by
 * placing a segment no later than the next line terminator).
 */
import { foldCodeUnit } from './case-fold';
import {
  ANY_ONE,
  isLineTerminator,
  leftmostOccurrence,
  matchesAt,
  type SearchTables,
  type Segment,
} from './segment-search';

export interface GlobOptions {
  /** Compare code units exactly. By default case is folded, as for IAM action names. */
  caseSensitive?: boolean;
}

/** A pattern split at its stars; one segment when it has none. */
interface CompiledGlob {
  segments: Segment[];
  /** The units of all segments together: the shortest text the pattern can match. */
  length: number;
  /** Search tables of long segments, built on first use. */
  tables: Map<number, SearchTables>;
}

const STAR = 42;
const NON_ASCII = /[\u0080-\uffff]/;

/** `value` with every code unit folded (see case-fold.ts); ASCII folds to upper case. */
function foldString(value: string): string {
  if (!NON_ASCII.test(value)) return value.toUpperCase();
  const units = new Uint16Array(value.length);
  for (let i = 0; i < value.length; i++) units[i] = foldCodeUnit(value.charCodeAt(i));
  let out = '';
  for (let i = 0; i < units.length; i += 8192) {
    out += String.fromCharCode(...units.subarray(i, i + 8192));
  }
  return out;
}

/** Per folding, keyed by the pattern itself. Bounded: documents are open-ended input. */
const foldedGlobs = new Map<string, CompiledGlob>();
const exactGlobs = new Map<string, CompiledGlob>();

function compile(pattern: string, fold: boolean): CompiledGlob {
  const cache = fold ? foldedGlobs : exactGlobs;
  let glob = cache.get(pattern);
  if (glob) return glob;
  const units = fold ? foldString(pattern) : pattern;
  const segments: Segment[] = [];
  let start = 0;
  let literal = true;
  for (let i = 0; i <= units.length; i++) {
    const unit = i < units.length ? units.charCodeAt(i) : STAR;
    if (unit === ANY_ONE) literal = false;
    if (unit !== STAR) continue;
    segments.push({ pattern: units, start, end: i, literal });
    start = i + 1;
    literal = true;
  }
  glob = { segments, length: units.length - (segments.length - 1), tables: new Map() };
  if (cache.size >= 10_000) cache.clear();
  cache.set(pattern, glob);
  return glob;
}

/** Folded texts, kept while they total at most this many units: a Deny is tested on each grant. */
const FOLDED_TEXT_BUDGET = 4_000_000;
const foldedTexts = new Map<string, string>();
let foldedUnits = 0;

function foldedText(value: string): string {
  let folded = foldedTexts.get(value);
  if (folded === undefined) {
    folded = foldString(value);
    if (foldedUnits + value.length > FOLDED_TEXT_BUDGET) {
      foldedTexts.clear();
      foldedUnits = 0;
    }
    foldedTexts.set(value, folded);
    foldedUnits += value.length;
  }
  return folded;
}

/** The index of the first line terminator at or after `from`, or the text's length. */
function nextLineTerminator(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineTerminator(text.charCodeAt(i))) i++;
  return i;
}

const lengthOf = (segment: Segment): number => segment.end - segment.start;

/** Whether the whole of `value` matches the IAM glob `pattern`. */
export function matchesGlob(pattern: string, value: string, options: GlobOptions = {}): boolean {
  const fold = !options.caseSensitive;
  const glob = compile(pattern, fold);
  const n = value.length;
  if (glob.segments.length === 1 ? n !== glob.length : glob.length > n) return false;
  return matchesText(glob, fold ? foldedText(value) : value);
}

/**
 * @internal `value` folded as `matchesGlob` folds it, for callers that match many patterns
 * against the same few texts (the catalogue's action names) and keep the folded form.
 */
export function foldForGlob(value: string): string {
  return foldString(value);
}

/**
 * @internal `matchesGlob(pattern, value)` (case folded) for a `value` already folded by
 * `foldForGlob`: folding keeps a text's length, so the answer is the same.
 */
export function matchesFoldedGlob(pattern: string, foldedValue: string): boolean {
  const glob = compile(pattern, true);
  const n = foldedValue.length;
  if (glob.segments.length === 1 ? n !== glob.length : glob.length > n) return false;
  return matchesText(glob, foldedValue);
}

/** Whether the whole of `text` (folded when the glob is) matches; its length already fits. */
function matchesText({ segments, length, tables }: CompiledGlob, text: string): boolean {
  const n = text.length;
  const first = segments[0];
  if (segments.length === 1) return matchesAt(first, text, 0);
  const final = segments[segments.length - 1];
  const end = n - lengthOf(final);
  if (!matchesAt(first, text, 0) || !matchesAt(final, text, end)) return false;
  let position = lengthOf(first);
  // Units the middle segments still need after the one being placed.
  let rest = length - lengthOf(first) - lengthOf(final);
  // The first line terminator at or after `position`, once computed; a star cannot cross it.
  let barrier = -1;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    const m = lengthOf(segment);
    if (m === 0) continue;
    rest -= m;
    if (barrier < position) barrier = nextLineTerminator(text, position);
    const lastStart = Math.min(end - rest - m, barrier);
    const start = leftmostOccurrence(segment, text, position, lastStart, tables);
    if (start < 0) return false;
    position = start + m;
  }
  if (barrier < position) barrier = nextLineTerminator(text, position);
  return barrier >= end;
}
