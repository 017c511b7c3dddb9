/**
 * Memoisation, the one way the engine and the pack cache what they derive. A cache keyed by user
 * input (document text, patterns, ARNs, boundaries) is bounded, least recently used out first; a
 * cache keyed by catalogue data is bounded by the catalogue itself and may say `'unbounded'`.
 */

export interface MemoOptions {
  /** The most entries kept; `'unbounded'` only for keys drawn from a finite set (the catalogue). */
  limit: number | 'unbounded';
}

/** A cached value, and when it was last stored or moved to the back. */
interface Entry<V> {
  value: V;
  stamp: number;
}

/**
 * A cache that computes a missing value on demand. Computations that throw are not cached.
 *
 * Bounded, it evicts the least recently used entries first, with one allowance that keeps a hit
 * cheap (moving an entry to the back of a `Map` is a delete and an insert, most of a lookup's
 * cost): an entry stored or moved within the last `limit / 2` stores stays where it is. An entry
 * is thus evicted only after at least `limit / 2` other keys were stored since its last use.
 */
export class Memo<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #limit: number;
  #clock = 0;

  constructor(options: MemoOptions) {
    this.#limit = options.limit === 'unbounded' ? Infinity : Math.max(1, options.limit);
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value for `key`, computed by `compute` and kept when absent. */
  get(key: K, compute: (key: K) => V): V {
    const entries = this.#entries;
    const cached = entries.get(key);
    if (cached !== undefined) {
      if (this.#clock - cached.stamp >= this.#limit / 2) {
        // Most recently used last: a Map iterates in insertion order.
        entries.delete(key);
        cached.stamp = ++this.#clock;
        entries.set(key, cached);
      }
      return cached.value;
    }
    const value = compute(key);
    if (entries.size >= this.#limit) {
      // The least recently used sixteenth at once: a Map walks past the holes its deletes left
      // at the front on every fresh iteration, so one eviction per store costs O(limit) each.
      let evict = Math.max(1, Math.floor(this.#limit / 16));
      for (const oldest of entries.keys()) {
        entries.delete(oldest);
        if (--evict === 0) break;
      }
    }
    entries.set(key, { value, stamp: ++this.#clock });
    return value;
  }
}

/** `fn` memoised on its one argument. */
export function memoize<K, V>(fn: (key: K) => V, options: MemoOptions): (key: K) => V {
  const memo = new Memo<K, V>(options);
  return (key) => memo.get(key, fn);
}

/**
 * `fn` memoised on an object argument, for as long as that object lives: a stack's resources, a
 * resource. Bounded by the garbage collector, not by a count.
 */
export function memoizeByIdentity<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const entries = new WeakMap<K, V>();
  return (key) => {
    const cached = entries.get(key);
    if (cached !== undefined || entries.has(key)) return cached as V;
    const value = fn(key);
    entries.set(key, value);
    return value;
  };
}

/** `fn` computed once, on first use (a loaded data file, a table derived from the catalogue). */
export function lazy<T>(fn: () => T): () => T {
  let computed = false;
  let value: T | undefined;
  return () => {
    if (!computed) {
      value = fn();
      computed = true;
    }
    return value as T;
  };
}
