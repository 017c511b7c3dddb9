/**
 * IAM globbing without backtracking: `*` matches any run of characters (the empty run too), `?`
 * exactly one. Matching a pattern of m units against a text of n units costs O(n + m) when its
 * segments are literal, and O(n·m/32) at worst when they hold `?`; a pattern such as
 * `*a*a*a*a*a*a*b` can no longer make the engine backtrack for minutes.
 *
 * The semantics are those of the RegExp `^…$` (flag `i`, `*` as `.*`, `?` as `.`) the engine
 * used to build, kept exactly: case is folded as that flag folds it (see case-fold.ts; pass
 * `caseSensitive` to compare units exactly), and neither wildcard matches a line terminator
 * (`\n`, `\r`, U+2028, U+2029), so a text of several lines is matched only by a pattern that
 * spells its line breaks out. Text is compared one UTF-16 code unit at a time.
 *
 * The pattern is split at its stars into segments. The first must match at the start, the last
 * at the end, and each one between is placed at its leftmost occurrence after the one before: a
 * star on either side of it can absorb whatever a later placement would have skipped, so the
 * leftmost placement never loses a match (the one exception, a line terminator, is kept out by
 * placing a segment no later than the next line terminator).
 */
import { foldCodeUnit } from './case-fold';
import {
  isLineTerminator,
  leftmostOccurrence,
  matchesAt,
  segmentOf,
  type Segment,
} from './segment-search';

export interface GlobOptions {
  /** Compare code units exactly. By default case is folded, as for IAM action names. */
  caseSensitive?: boolean;
}

/** @internal A pattern split at its stars; one segment when it has none. */
interface CompiledGlob {
  segments: Segment[];
  /** The units of all segments together: the shortest text the pattern can match. */
  length: number;
}

const compiled = new Map<string, CompiledGlob>();

function unitsOf(value: string, fold: boolean): Uint16Array {
  const units = new Uint16Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    units[i] = fold ? foldCodeUnit(unit) : unit;
  }
  return units;
}

function compile(pattern: string, fold: boolean): CompiledGlob {
  const key = `${fold ? 'i' : 's'}${pattern}`;
  let glob = compiled.get(key);
  if (!glob) {
    const segments = pattern.split('*').map((part) => segmentOf(unitsOf(part, fold)));
    glob = { segments, length: segments.reduce((sum, s) => sum + s.units.length, 0) };
    // Bounded: documents are open-ended input, and a fleet check sees the same few patterns.
    if (compiled.size >= 10_000) compiled.clear();
    compiled.set(key, glob);
  }
  return glob;
}

/** The index of the first line terminator at or after `from`, or the text's length. */
function nextLineTerminator(text: Uint16Array, from: number): number {
  let i = from;
  while (i < text.length && !isLineTerminator(text[i])) i++;
  return i;
}

/** Whether `text` matches the IAM glob `pattern` as a whole. */
export function matchesGlob(pattern: string, text: string, options: GlobOptions = {}): boolean {
  const fold = !options.caseSensitive;
  const { segments, length } = compile(pattern, fold);
  const units = unitsOf(text, fold);
  const n = units.length;
  const first = segments[0];
  if (segments.length === 1) return n === first.units.length && matchesAt(first, units, 0);
  if (length > n) return false;
  const final = segments[segments.length - 1];
  const end = n - final.units.length;
  if (!matchesAt(first, units, 0) || !matchesAt(final, units, end)) return false;
  let position = first.units.length;
  // Units the middle segments still need after the one being placed.
  let rest = length - first.units.length - final.units.length;
  // The first line terminator at or after `position`, once computed; a star cannot cross it.
  let barrier = -1;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i];
    const m = segment.units.length;
    if (m === 0) continue;
    rest -= m;
    if (barrier < position) barrier = nextLineTerminator(units, position);
    const start = leftmostOccurrence(segment, units, position, Math.min(end - rest - m, barrier));
    if (start < 0) return false;
    position = start + m;
  }
  if (barrier < position) barrier = nextLineTerminator(units, position);
  return barrier >= end;
}
