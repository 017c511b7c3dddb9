/**
 * Case folding as JavaScript's RegExp `i` flag (without `u`) does it, one UTF-16 code unit at a
 * time: the spec's Canonicalize (ECMA-262, "Canonicalize ( rer, ch )"). A code unit folds to its
 * upper case when that is one code unit, except that a non-ASCII unit never folds into ASCII (so
 * `ſ` and the Kelvin sign stay apart from `s` and `k`). The glob matcher uses it so that matching
 * keeps the exact semantics of the case-insensitive RegExp the engine used to build.
 */

const folded = new Uint16Array(0x10000);
const known = new Uint8Array(0x10000);

function canonicalize(unit: number): number {
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const candidate = upper.charCodeAt(0);
  return unit >= 128 && candidate < 128 ? unit : candidate;
}

/** The canonical code unit of `unit` under RegExp's non-Unicode `i` flag; computed once per unit. */
export function foldCodeUnit(unit: number): number {
  if (unit < 128) return unit >= 97 && unit <= 122 ? unit - 32 : unit;
  if (!known[unit]) {
    folded[unit] = canonicalize(unit);
    known[unit] = 1;
  }
  return folded[unit];
}
