/**
 * Finding the leftmost occurrence of one glob segment (the literals and `?` between two stars) in
 * a text, without backtracking. A short segment (at most SHORT units) is found with
 * `String.prototype.indexOf` when literal, or compared at each start when it holds `?`: at most
 * SHORT steps per start. A long literal one is found with Knuth–Morris–Pratt, in O(n + m): V8's
 * `indexOf` is quadratic on long needles such as `a…ab a…a`. A long one with `?` is found with a
 * bit-parallel Shift-And, in O(n·m/32) with 32-bit words, or O(n·m/64) in native code when the
 * state is a BigInt (long segments). Pattern and text are strings of UTF-16 code units, already
 * case-folded where matching ignores case.
 */

/** The code unit of `?`: in a pattern it always stands for one code unit of the text. */
export const ANY_ONE = 63;

/** The units RegExp's `.` does not match, so neither `?` nor `*` matches them. */
export function isLineTerminator(unit: number): boolean {
  return unit === 10 || unit === 13 || unit === 0x2028 || unit === 0x2029;
}

/** A segment: `pattern[start, end)`. `literal` when it holds no `?`. */
export interface Segment {
  pattern: string;
  start: number;
  end: number;
  literal: boolean;
}

/** Segments up to this length are searched without tables. */
const SHORT = 32;

/** Whether `segment` matches `text` at `at` exactly (the caller checks the bounds). */
export function matchesAt(segment: Segment, text: string, at: number): boolean {
  const { pattern, start, end } = segment;
  for (let k = start, i = at; k < end; k++, i++) {
    const p = pattern.charCodeAt(k);
    const t = text.charCodeAt(i);
    if (p === ANY_ONE ? isLineTerminator(t) : p !== t) return false;
  }
  return true;
}

/**
 * The leftmost start `s` in `[from, lastStart]` where `segment` occurs in `text`, or -1.
 * `tables` keeps the tables of long segments, per segment start.
 */
export function leftmostOccurrence(
  segment: Segment,
  text: string,
  from: number,
  lastStart: number,
  tables: Map<number, SearchTables>,
): number {
  const m = segment.end - segment.start;
  if (lastStart < from || lastStart + m > text.length) return -1;
  if (m <= SHORT) {
    if (segment.literal) {
      const found = text.indexOf(segment.pattern.slice(segment.start, segment.end), from);
      return found >= 0 && found <= lastStart ? found : -1;
    }
    for (let s = from; s <= lastStart; s++) if (matchesAt(segment, text, s)) return s;
    return -1;
  }
  let table = tables.get(segment.start);
  if (!table) {
    table = segment.literal ? failureOf(segment) : tablesOf(segment);
    tables.set(segment.start, table);
  }
  if (table instanceof Int32Array) return kmpSearch(segment, table, text, from, lastStart);
  const big =
    table.words > BIG_WORDS ? bigShiftAndSearch(table, m, text, from, lastStart) : undefined;
  return big ?? shiftAndSearch(table, m, text, from, lastStart);
}

/** A long literal segment's failure function, or a long segment's Shift-And tables. */
export type SearchTables = Int32Array | ShiftAndTables;

function failureOf(segment: Segment): Int32Array {
  const { pattern, start } = segment;
  const m = segment.end - start;
  const failure = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    const unit = pattern.charCodeAt(start + i);
    while (k > 0 && unit !== pattern.charCodeAt(start + k)) k = failure[k - 1];
    if (unit === pattern.charCodeAt(start + k)) k++;
    failure[i] = k;
  }
  return failure;
}

function kmpSearch(
  segment: Segment,
  failure: Int32Array,
  text: string,
  from: number,
  lastStart: number,
): number {
  const { pattern, start } = segment;
  const m = segment.end - start;
  let j = 0;
  for (let i = from; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    while (j > 0 && unit !== pattern.charCodeAt(start + j)) j = failure[j - 1];
    if (unit === pattern.charCodeAt(start + j)) j++;
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
export interface ShiftAndTables {
  words: number;
  anyOne: Int32Array;
  dense: Map<number, Int32Array>;
  sparse: Map<number, number[]>;
  /** The same masks as BigInts, built as the text needs them (see bigShiftAndSearch). */
  big?: { anyOne: bigint; masks: Map<number, bigint> };
}

function tablesOf(segment: Segment): ShiftAndTables {
  const m = segment.end - segment.start;
  const words = (m + 31) >>> 5;
  const anyOne = new Int32Array(words);
  const positions = new Map<number, number[]>();
  for (let j = 0; j < m; j++) {
    const unit = segment.pattern.charCodeAt(segment.start + j);
    if (unit === ANY_ONE) {
      anyOne[j >>> 5] |= 1 << (j & 31);
      continue;
    }
    const list = positions.get(unit);
    if (list) list.push(j);
    else positions.set(unit, [j]);
  }
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
  return { words, anyOne, dense, sparse };
}

function shiftAndSearch(
  tables: ShiftAndTables,
  m: number,
  text: string,
  from: number,
  lastStart: number,
): number {
  const { words, anyOne, dense, sparse } = tables;
  const last = m - 1;
  const lastWord = last >>> 5;
  const lastBit = 1 << (last & 31);
  const state = new Int32Array(words);
  const raised: number[] = [];
  const end = lastStart + m;
  for (let i = from; i < end; i++) {
    const unit = text.charCodeAt(i);
    const enter = i <= lastStart ? 1 : 0;
    // Only bits j with i - lastStart <= j <= i - from can be set now: the words outside are
    // skipped, and a word left behind is cleared once its last live bit has been carried out.
    const lowest = i - lastStart;
    const low = lowest > 0 ? lowest >>> 5 : 0;
    const high = Math.min(words - 1, (i - from) >>> 5);
    const denseMask = dense.get(unit);
    let alive = 0;
    let carry = low === 0 ? enter : state[low - 1] >>> 31;
    if (denseMask) {
      if (low > 0) state[low - 1] = 0;
      for (let w = low; w <= high; w++) {
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
          if (j < lowest) continue;
          const before = j === 0 ? enter : (state[(j - 1) >>> 5] >>> ((j - 1) & 31)) & 1;
          if (before) raised.push(j);
        }
      }
      if (low > 0) state[low - 1] = 0;
      const accept = isLineTerminator(unit) ? 0 : -1;
      for (let w = low; w <= high; w++) {
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

/** Segments longer than this many words search with a BigInt state: its cost per unit is higher. */
const BIG_WORDS = 16;

/** Masks of all units together, in bits, that one segment may keep as BigInts (16 MB). */
const BIG_MASK_BUDGET = 128_000_000;

function bigIntOf(words: Int32Array): bigint {
  let hex = '0x0';
  for (let w = words.length - 1; w >= 0; w--) hex += (words[w] >>> 0).toString(16).padStart(8, '0');
  return BigInt(hex);
}

/**
 * Shift-And with the state as one BigInt: V8 shifts and masks a BigInt in native code, 64 bits
 * at a time, several times faster than a loop over 32-bit words. The state after position i
 * holds bit j when the segment's first j + 1 units match the text ending at i. Undefined when
 * the masks the text needs would exceed BIG_MASK_BUDGET (a segment of thousands of distinct
 * units): the word loop then does the search.
 */
function bigShiftAndSearch(
  tables: ShiftAndTables,
  m: number,
  text: string,
  from: number,
  lastStart: number,
): number | undefined {
  tables.big ??= { anyOne: bigIntOf(tables.anyOne), masks: new Map() };
  const { anyOne, masks } = tables.big;
  const full = 1n << BigInt(m - 1);
  const end = lastStart + m;
  let state = 0n;
  for (let i = from; i < end; i++) {
    const unit = text.charCodeAt(i);
    let mask = masks.get(unit);
    if (mask === undefined) {
      const dense = tables.dense.get(unit);
      const sparse = tables.sparse.get(unit);
      if (!dense && !sparse) mask = isLineTerminator(unit) ? 0n : anyOne;
      else {
        if ((masks.size + 1) * m > BIG_MASK_BUDGET) return undefined;
        let words = dense;
        if (!words) {
          words = isLineTerminator(unit) ? new Int32Array(tables.words) : tables.anyOne.slice();
          for (const j of sparse ?? []) words[j >>> 5] |= 1 << (j & 31);
        }
        mask = bigIntOf(words);
        masks.set(unit, mask);
      }
    }
    state = (i <= lastStart ? (state << 1n) | 1n : state << 1n) & mask;
    if (state >= full) return i - m + 1;
    if (state === 0n && i >= lastStart) return -1;
  }
  return -1;
}
