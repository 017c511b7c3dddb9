/**
 * A set of catalogue actions as a bitset over their ordinals (catalogue order: by service, then
 * name). A `*` statement holds every one of the catalogue's ~20,000 actions; as a `Set` that is
 * 20,000 insertions per statement, as a bitset a copy of some 700 words, and union, difference
 * and intersection are word operations. Iteration yields the actions in catalogue order.
 *
 * Only the engine builds these; what it hands out (`StatementReach.remaining`) is read as an
 * iterable of `CatalogueAction` with `has` and `size`, like the `ReadonlySet` it replaces.
 */
import {
  catalogue,
  forEachMatch,
  isEveryAction,
  isWildcardPattern,
  ordinalOf,
  type CatalogueAction,
} from './catalogue';
import { memoize } from './memo';

/** Bits set in a 32-bit word (SWAR popcount). */
function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class ActionSet implements Iterable<CatalogueAction> {
  /**
   * @internal the words from `lo` on: bit `o & 31` of `words[(o >>> 5) - lo]` holds ordinal `o`.
   * Only the span of words the set touches is stored, so a statement on one service costs a few
   * words, not the whole catalogue's. Bits past the catalogue's end stay clear.
   */
  words: Uint32Array;
  /** @internal the word index of `words[0]`. */
  lo: number;
  /** Cached count; -1 once a change makes it unknown. */
  #size: number;

  private constructor(lo: number, words: Uint32Array, size: number) {
    this.lo = lo;
    this.words = words;
    this.#size = size;
  }

  /** The empty set. */
  static empty(): ActionSet {
    return new ActionSet(0, EMPTY_WORDS, 0);
  }

  /** Every action of the catalogue. */
  static all(): ActionSet {
    const size = catalogue().size;
    const words = new Uint32Array(wordCount()).fill(0xffffffff);
    clearTail(words, size);
    return new ActionSet(0, words, size);
  }

  /** The catalogue actions among `actions` (actions from elsewhere are ignored). */
  static of(actions: Iterable<CatalogueAction>): ActionSet {
    const ordinals: number[] = [];
    for (const action of actions) {
      const o = ordinalOf(action);
      if (o >= 0) ordinals.push(o);
    }
    return ActionSet.ofOrdinals(ordinals);
  }

  /** @internal the set of the given ordinals (each within the catalogue). */
  static ofOrdinals(ordinals: readonly number[]): ActionSet {
    if (ordinals.length === 0) return ActionSet.empty();
    let min = Infinity;
    let max = -1;
    for (const o of ordinals) {
      if (o < min) min = o;
      if (o > max) max = o;
    }
    const lo = min >>> 5;
    const words = new Uint32Array((max >>> 5) - lo + 1);
    for (const o of ordinals) words[(o >>> 5) - lo] |= 1 << (o & 31);
    return new ActionSet(lo, words, -1);
  }

  /**
   * @internal A new set: the given ordinals (each within the catalogue) and every action of
   * `sets`, its words allocated once. Adding a statement's actions one by one instead widened
   * the words for each new service and copied them: quadratic in a list such as
   * `ReadOnlyAccess`'s thousands of actions over hundreds of services.
   */
  static union(ordinals: readonly number[], sets: readonly ActionSet[]): ActionSet {
    let lo = Infinity;
    let hi = -1;
    for (const o of ordinals) {
      if (o >>> 5 < lo) lo = o >>> 5;
      if (o >>> 5 >= hi) hi = (o >>> 5) + 1;
    }
    for (const set of sets) {
      if (set.words.length === 0) continue;
      if (set.lo < lo) lo = set.lo;
      if (set.lo + set.words.length > hi) hi = set.lo + set.words.length;
    }
    if (hi < 0) return ActionSet.empty();
    const result = new ActionSet(lo, new Uint32Array(hi - lo), -1);
    const words = result.words;
    for (const o of ordinals) words[(o >>> 5) - lo] |= 1 << (o & 31);
    for (const set of sets) result.addAll(set);
    return result;
  }

  get size(): number {
    if (this.#size < 0) {
      let n = 0;
      const words = this.words;
      for (let i = 0; i < words.length; i++) if (words[i] !== 0) n += popcount(words[i]);
      this.#size = n;
    }
    return this.#size;
  }

  isEmpty(): boolean {
    if (this.#size >= 0) return this.#size === 0;
    const words = this.words;
    for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false;
    this.#size = 0;
    return true;
  }

  has(action: CatalogueAction): boolean {
    const o = ordinalOf(action);
    if (o < 0) return false;
    const i = (o >>> 5) - this.lo;
    return i >= 0 && i < this.words.length && (this.words[i] & (1 << (o & 31))) !== 0;
  }

  add(action: CatalogueAction): this {
    const o = ordinalOf(action);
    if (o < 0) return this;
    this.cover(o >>> 5, (o >>> 5) + 1);
    this.words[(o >>> 5) - this.lo] |= 1 << (o & 31);
    this.#size = -1;
    return this;
  }

  /** @internal Adds ordinals `first` to `first + count - 1` (each within the catalogue). */
  addRange(first: number, count: number): this {
    if (count <= 0) return this;
    const last = first + count - 1;
    this.cover(first >>> 5, (last >>> 5) + 1);
    const words = this.words;
    for (let o = first; o <= last;) {
      const bit = o & 31;
      const span = Math.min(32 - bit, last - o + 1);
      const mask = span === 32 ? 0xffffffff : ((1 << span) - 1) << bit;
      words[(o >>> 5) - this.lo] |= mask;
      o += span;
    }
    this.#size = -1;
    return this;
  }

  delete(action: CatalogueAction): boolean {
    if (!this.has(action)) return false;
    const o = ordinalOf(action);
    this.words[(o >>> 5) - this.lo] &= ~(1 << (o & 31));
    this.#size = -1;
    return true;
  }

  clone(): ActionSet {
    return new ActionSet(
      this.lo,
      this.words.length === 0 ? EMPTY_WORDS : this.words.slice(),
      this.#size,
    );
  }

  /** Widens the stored span to include words [from, to). */
  private cover(from: number, to: number): void {
    const lo = this.lo;
    const hi = lo + this.words.length;
    if (this.words.length === 0) {
      this.lo = from;
      this.words = new Uint32Array(to - from);
      return;
    }
    if (from >= lo && to <= hi) return;
    const newLo = Math.min(lo, from);
    const words = new Uint32Array(Math.max(hi, to) - newLo);
    words.set(this.words, lo - newLo);
    this.lo = newLo;
    this.words = words;
  }

  /** Adds every action of `other`. */
  addAll(other: ActionSet): this {
    const b = other.words;
    if (b.length === 0) return this;
    this.cover(other.lo, other.lo + b.length);
    const a = this.words;
    const offset = other.lo - this.lo;
    for (let i = 0; i < b.length; i++) a[offset + i] |= b[i];
    this.#size = -1;
    return this;
  }

  /** Removes every action of `other`. */
  deleteAll(other: ActionSet): this {
    const a = this.words;
    const b = other.words;
    const from = Math.max(this.lo, other.lo);
    const to = Math.min(this.lo + a.length, other.lo + b.length);
    if (from >= to) return this;
    const offsetA = this.lo;
    const offsetB = other.lo;
    for (let w = from; w < to; w++) a[w - offsetA] &= ~b[w - offsetB];
    this.#size = -1;
    return this;
  }

  /** A new set: the actions of this one that are also in `other`. */
  intersection(other: ActionSet): ActionSet {
    const a = this.words;
    const b = other.words;
    const from = Math.max(this.lo, other.lo);
    const to = Math.min(this.lo + a.length, other.lo + b.length);
    if (from >= to) return ActionSet.empty();
    const words = new Uint32Array(to - from);
    const offsetA = from - this.lo;
    const offsetB = from - other.lo;
    for (let i = 0; i < words.length; i++) words[i] = a[offsetA + i] & b[offsetB + i];
    return new ActionSet(from, words, -1);
  }

  /** A new set: the actions of this one that are not in `other`. */
  difference(other: ActionSet): ActionSet {
    return this.clone().deleteAll(other);
  }

  /** A new set: every catalogue action not in this one. */
  complement(): ActionSet {
    const total = catalogue().size;
    const words = new Uint32Array(wordCount()).fill(0xffffffff);
    const a = this.words;
    for (let i = 0; i < a.length; i++) words[this.lo + i] = ~a[i];
    clearTail(words, total);
    return new ActionSet(0, words, this.#size < 0 ? -1 : total - this.#size);
  }

  /** Whether every action of this set is in `other`. */
  isSubsetOf(other: ActionSet): boolean {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 0) continue;
      const j = this.lo + i - other.lo;
      const covering = j >= 0 && j < b.length ? b[j] : 0;
      if ((a[i] & ~covering) !== 0) return false;
    }
    return true;
  }

  /** Canonical ids, in catalogue order, read only as far as asked (see `ActionIds`). */
  idList(): ActionIds {
    return new SetIds(this);
  }

  /** Canonical ids, in catalogue order. */
  ids(): string[] {
    const size = this.size;
    const out = new Array<string>(size);
    let k = 0;
    const words = this.words;
    const base = this.lo << 5;
    for (let i = 0; i < words.length; i++) {
      let w = words[i];
      while (w !== 0) {
        const low = w & -w;
        out[k++] = idAt(base + (i << 5) + (31 - Math.clz32(low)));
        w ^= low;
      }
    }
    return out;
  }

  *[Symbol.iterator](): Iterator<CatalogueAction> {
    const cat = catalogue();
    const words = this.words;
    const base = this.lo << 5;
    for (let i = 0; i < words.length; i++) {
      let w = words[i];
      while (w !== 0) {
        const low = w & -w;
        yield cat.actionAt(base + (i << 5) + (31 - Math.clz32(low)));
        w ^= low;
      }
    }
  }
}

/**
 * Canonical action ids in order, as findings read them: how many, the first few, the first that
 * fits. A plain array is one; so is a bitset's view, which never lists what no one reads (a `*`
 * statement's ~20,000 ids, of which a finding shows 100).
 */
export interface ActionIds {
  readonly length: number;
  slice(start?: number, end?: number): string[];
  find(predicate: (id: string) => boolean): string | undefined;
  some(predicate: (id: string) => boolean): boolean;
  every(predicate: (id: string) => boolean): boolean;
}

/** The ids of a set that no one changes while the view is read. */
class SetIds implements ActionIds {
  readonly #set: ActionSet;
  constructor(set: ActionSet) {
    this.#set = set;
  }

  get length(): number {
    return this.#set.size;
  }

  slice(start = 0, end = this.length): string[] {
    const out: string[] = [];
    const length = this.length;
    const from = Math.max(0, start < 0 ? length + start : start);
    const to = Math.min(length, end < 0 ? length + end : end);
    if (from >= to) return out;
    const words = this.#set.words;
    const base = this.#set.lo << 5;
    let index = 0;
    for (let i = 0; i < words.length && index < to; i++) {
      let w = words[i];
      while (w !== 0 && index < to) {
        const low = w & -w;
        if (index >= from) out.push(idAt(base + (i << 5) + (31 - Math.clz32(low))));
        index++;
        w ^= low;
      }
    }
    return out;
  }

  find(predicate: (id: string) => boolean): string | undefined {
    let found: string | undefined;
    this.#scan((id) => {
      if (!predicate(id)) return false;
      found = id;
      return true;
    });
    return found;
  }

  some(predicate: (id: string) => boolean): boolean {
    return this.find(predicate) !== undefined;
  }

  every(predicate: (id: string) => boolean): boolean {
    let all = true;
    this.#scan((id) => {
      if (predicate(id)) return false;
      all = false;
      return true;
    });
    return all;
  }

  /** Visits the ids in order until `visit` returns true. */
  #scan(visit: (id: string) => boolean): void {
    const words = this.#set.words;
    const base = this.#set.lo << 5;
    for (let i = 0; i < words.length; i++) {
      let w = words[i];
      while (w !== 0) {
        const low = w & -w;
        if (visit(idAt(base + (i << 5) + (31 - Math.clz32(low))))) return;
        w ^= low;
      }
    }
  }
}

/** Shared by every empty set: nothing writes to a zero-length array. */
const EMPTY_WORDS = new Uint32Array(0);

let ids: (string | undefined)[] | undefined;

/**
 * The canonical id of the catalogue action at `ordinal`, made on first use: a finding lists at
 * most 100 of a statement's actions, so a run makes the ids of few of the 22,000.
 */
function idAt(ordinal: number): string {
  const made = (ids ??= new Array<string | undefined>(catalogue().size));
  return (made[ordinal] ??= catalogue().idAt(ordinal));
}

function wordCount(): number {
  return (catalogue().size + 31) >>> 5;
}

/** Clears the bits at and past `size` in the last word. */
function clearTail(words: Uint32Array, size: number): void {
  const used = size & 31;
  const last = (size + 31) >>> 5;
  if (used !== 0) words[last - 1] &= (1 << used) - 1;
  for (let i = last; i < words.length; i++) words[i] = 0;
}

/**
 * The actions a pattern matches (see `expandPattern`), as a shared set: never change it, copy it.
 * Bounded, as the expansions are: patterns come from documents.
 */
export function patternSet(pattern: string): ActionSet {
  return patternSets(pattern.trim().toLowerCase());
}

const patternSets = memoize(
  (key: string): ActionSet => {
    if (isEveryAction(key)) return ActionSet.all();
    const set = ActionSet.empty();
    forEachMatch(key, (first, count) => set.addRange(first, count));
    return set;
  },
  { limit: 10_000 },
);

/** The actions any of `patterns` matches, as a new set. */
export function patternsSet(patterns: readonly string[]): ActionSet {
  const cat = catalogue();
  const ordinals: number[] = [];
  const expanded: ActionSet[] = [];
  for (const pattern of patterns) {
    // Most names are written as the catalogue spells them: no lower-cased copy needed.
    const canonical = cat.canonicalOrdinal(pattern);
    if (canonical >= 0) {
      ordinals.push(canonical);
      continue;
    }
    const key = pattern.trim().toLowerCase();
    if (isWildcardPattern(key)) {
      expanded.push(patternSets(key));
    } else {
      // An exact name expands to its one action, or to none (`expandPattern`): no cache needed.
      const ordinal = cat.byId.ordinal(key);
      if (ordinal >= 0) ordinals.push(ordinal);
    }
  }
  return ActionSet.union(ordinals, expanded);
}
