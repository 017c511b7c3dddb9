/**
 * Finding the leftmost occurrence of one glob segment (the literals and `?` between two stars) in
 * a text, without backtracking. A segment of literals only is found with Knuth–Morris–Pratt, in
 * O(n + m); a segment with `?` with a bit-parallel Shift-And, in O(n·m/32). Texts and segments are
 * arrays of UTF-16 code units, already case-folded where matching ignores case.
 */

/** The code unit of `?`: in a segment it always stands for one code unit of the text. */
export const ANY_ONE = 63;

/** The units RegExp's `.` does not match, so neither `?` nor `*` matches them. */
export function isLineTerminator(unit: number): boolean {
  return unit === 10 || unit === 13 || unit === 0x2028 || unit === 0x2029;
}

/** @internal A run of a pattern between stars. */
export interface Segment {
  units: Uint16Array;
  hasAnyOne: boolean;
  /** Built on the first search, then kept with the compiled pattern. */
  failure?: Int32Array;
  shiftAnd?: ShiftAndTables;
}

export function segmentOf(units: Uint16Array): Segment {
  return { units, hasAnyOne: units.includes(ANY_ONE) };
}

/** Whether `segment` matches `text` at `at` exactly (the caller checks the bounds). */
export function matchesAt(segment: Segment, text: Uint16Array, at: number): boolean {
  const units = segment.units;
  for (let k = 0; k < units.length; k++) {
    const p = units[k];
    const t = text[at + k];
    if (p === ANY_ONE ? isLineTerminator(t) : p !== t) return false;
  }
  return true;
}

/**
 * The leftmost start `s` in `[from, lastStart]` where `segment` occurs in `text`, or -1. Reads
 * the text only up to `lastStart + length - 1`.
 */
export function leftmostOccurrence(
  segment: Segment,
  text: Uint16Array,
  from: number,
  lastStart: number,
): number {
  if (lastStart < from || lastStart + segment.units.length > text.length) return -1;
  return segment.hasAnyOne
    ? shiftAndSearch(segment, text, from, lastStart)
    : kmpSearch(segment, text, from, lastStart);
}

function failureOf(segment: Segment): Int32Array {
  if (segment.failure) return segment.failure;
  const p = segment.units;
  const failure = new Int32Array(p.length);
  for (let i = 1, k = 0; i < p.length; i++) {
    while (k > 0 && p[i] !== p[k]) k = failure[k - 1];
    if (p[i] === p[k]) k++;
    failure[i] = k;
  }
  segment.failure = failure;
  return failure;
}

function kmpSearch(segment: Segment, text: Uint16Array, from: number, lastStart: number): number {
  const p = segment.units;
  const m = p.length;
  const failure = failureOf(segment);
  let j = 0;
  for (let i = from; i < text.length; i++) {
    const t = text[i];
    while (j > 0 && t !== p[j]) j = failure[j - 1];
    if (t === p[j]) j++;
    if (j === m) return i - m + 1;
    // The earliest start still possible is i + 1 - j.
    if (i + 1 - j > lastStart) return -1;
  }
  return -1;
}

/**
 * Shift-And tables: bit j of a mask is set when pattern position j accepts the unit. `?` accepts
 * every unit but a line terminator. A unit frequent in the pattern (more positions than words)
 * gets a dense mask; the rest keep their positions, so memory stays O(m) whatever the alphabet.
 */
interface ShiftAndTables {
  words: number;
  anyOne: Int32Array;
  dense: Map<number, Int32Array>;
  sparse: Map<number, number[]>;
}

function tablesOf(segment: Segment): ShiftAndTables {
  if (segment.shiftAnd) return segment.shiftAnd;
  const p = segment.units;
  const words = (p.length + 31) >>> 5;
  const anyOne = new Int32Array(words);
  const positions = new Map<number, number[]>();
  p.forEach((unit, j) => {
    if (unit === ANY_ONE) anyOne[j >>> 5] |= 1 << (j & 31);
    else {
      const list = positions.get(unit);
      if (list) list.push(j);
      else positions.set(unit, [j]);
    }
  });
  const dense = new Map<number, Int32Array>();
  const sparse = new Map<number, number[]>();
  for (const [unit, list] of positions) {
    if (list.length <= words) {
      sparse.set(unit, list);
      continue;
    }
    const mask = isLineTerminator(unit) ? new Int32Array(words) : anyOne.slice();
    for (const j of list) mask[j >>> 5] |= 1 << (j & 31);
    dense.set(unit, mask);
  }
  segment.shiftAnd = { words, anyOne, dense, sparse };
  return segment.shiftAnd;
}

function shiftAndSearch(
  segment: Segment,
  text: Uint16Array,
  from: number,
  lastStart: number,
): number {
  const m = segment.units.length;
  const { words, anyOne, dense, sparse } = tablesOf(segment);
  const last = m - 1;
  const lastWord = last >>> 5;
  const lastBit = 1 << (last & 31);
  const state = new Int32Array(words);
  const raised: number[] = [];
  const end = lastStart + m;
  for (let i = from; i < end; i++) {
    const unit = text[i];
    const enter = i <= lastStart ? 1 : 0;
    const denseMask = dense.get(unit);
    let alive = 0;
    if (denseMask) {
      let carry = enter;
      for (let w = 0; w < words; w++) {
        const v = state[w];
        const next = ((v << 1) | carry) & denseMask[w];
        carry = v >>> 31;
        state[w] = next;
        alive |= next;
      }
    } else {
      // Positions holding this literal: read their predecessor bits before the shift.
      raised.length = 0;
      const list = sparse.get(unit);
      if (list) {
        for (const j of list) {
          const before = j === 0 ? enter : (state[(j - 1) >>> 5] >>> ((j - 1) & 31)) & 1;
          if (before) raised.push(j);
        }
      }
      const accept = isLineTerminator(unit) ? 0 : -1;
      let carry = enter;
      for (let w = 0; w < words; w++) {
        const v = state[w];
        const next = ((v << 1) | carry) & anyOne[w] & accept;
        carry = v >>> 31;
        state[w] = next;
        alive |= next;
      }
      for (const j of raised) {
        state[j >>> 5] |= 1 << (j & 31);
        alive = 1;
      }
    }
    if (state[lastWord] & lastBit) return i - last;
    if (!alive && !enter) return -1;
  }
  return -1;
}
