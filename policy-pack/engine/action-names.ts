/**
 * Validating an action name against the catalogue, with the fix: the closest real service or
 * action for a misspelling, an exact example for a wildcard.
 */
import {
  actionOrdinal,
  catalogue,
  expandPattern,
  isWildcardPattern,
  lookupAction,
  ordinalOf,
  type CatalogueAction,
} from './catalogue';
import { Memo } from './memo';

/** @internal Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  return distanceBelow(a, b, Infinity);
}

let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/**
 * The Levenshtein distance of `a` and `b` (UTF-16 code units) when it is below `bound`, else some
 * value at least `bound`: a row's minimum never decreases further down, so a row whose minimum
 * reaches the bound ends the computation. `closest` only asks whether a candidate beats the best.
 */
function distanceBelow(a: string, b: string, bound: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) >= bound) return bound;
  if (previousRow.length <= b.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const unit = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (unit === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= bound) return bound;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length];
}

function closest<T>(
  target: string,
  candidates: readonly T[],
  keyOf: (c: T) => string,
): T | undefined {
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = distanceBelow(target, keyOf(candidate).toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Bounded: misspelt services come from documents. */
const closestServices = new Memo<string, string | undefined>({ limit: 1_000 });

/** @internal the real service closest to a misspelt one, e.g. "s4" → "s3". */
export function closestService(service: string): string | undefined {
  return closestServices.get(service.toLowerCase(), (target) =>
    closest(target, catalogue().serviceNames, (s) => s),
  );
}

/** @internal the real action closest to a misspelt one within its service, canonical casing. */
export function closestAction(service: string, name: string): CatalogueAction | undefined {
  const list = catalogue().byService.get(service.toLowerCase());
  return list ? closest(name.toLowerCase(), list, (a) => a.name) : undefined;
}

/** Per catalogue ordinal, its rank as an example (lower is better) plus one; 0 until computed. */
let exampleRanks: Int32Array | undefined;

function exampleRank(a: CatalogueAction): number {
  const ordinal = ordinalOf(a);
  if (!exampleRanks) exampleRanks = new Int32Array(catalogue().size);
  const known = ordinal >= 0 ? exampleRanks[ordinal] : 0;
  if (known > 0) return known - 1;
  const rank =
    (a.accessLevel === 'Read' ? 0 : a.accessLevel === 'List' ? 100 : 200) +
    (/^(Get|Describe)/.test(a.name) ? 0 : 50) +
    a.name.length;
  if (ordinal >= 0) exampleRanks[ordinal] = rank + 1;
  return rank;
}

/** A Read action to show as an example of an exact action; prefers `Get…`/`Describe…`, short names. */
function exampleAction(candidates: readonly CatalogueAction[]): CatalogueAction | undefined {
  let best: CatalogueAction | undefined;
  let bestRank = Infinity;
  for (const a of candidates) {
    const rank = exampleRank(a);
    if (!best || rank < bestRank) {
      best = a;
      bestRank = rank;
    }
  }
  return best;
}

/** Bounded: names come from documents. Many repeat (`s3:GetObject`), and a miss costs a scan. */
const problems = new Memo<string, string | undefined>({ limit: 50_000 });

/**
 * Validation shared by the Agent component and the pack: undefined when the action is a real,
 * exact action; otherwise one message that shows the value and the fix.
 */
export function actionNameProblem(action: string): string | undefined {
  if (typeof action !== 'string') return problemOf(action);
  // A catalogue id holds no space, wildcard or second colon: a name found is well formed.
  if (!isWildcardPattern(action) && actionOrdinal(action) >= 0) return undefined;
  return problems.get(action, problemOf);
}

/**
 * @internal The problem of a wildcard pattern's spelling, as `actionNameProblem` words it, and
 * undefined when there is none but being a wildcard: not of the form `service:Action`, or an
 * unknown service. A document may hold wildcards, so this is all its parser asks, and it skips the
 * search for an example action that only the wildcard message needs.
 */
export function wildcardSpellingProblem(pattern: string): string | undefined {
  return spellings.get(pattern, (p) => spellingProblem(p) ?? undefined);
}

const spellings = new Memo<string, string | undefined>({ limit: 50_000 });

/** Steps shared by both checks: a problem, or null when the name is well formed. */
function spellingProblem(action: string): string | null {
  const shown = JSON.stringify(typeof action === 'string' ? action : String(action));
  if (typeof action !== 'string') return `${shown} is not of the form "service:Action"`;
  const trimmed = action.trim();
  const colon = trimmed.indexOf(':');
  if (trimmed === '*') {
    return `${shown} is a wildcard; list the exact actions, e.g. "s3:GetObject"`;
  }
  if (
    colon <= 0 ||
    colon === trimmed.length - 1 ||
    trimmed.indexOf(':', colon + 1) !== -1 ||
    /\s/.test(trimmed)
  ) {
    return `${shown} is not of the form "service:Action"`;
  }
  const service = trimmed.slice(0, colon);
  if (!isWildcardPattern(service) && !catalogue().byService.has(service.toLowerCase())) {
    const suggestion = closestService(service);
    return `${shown}: unknown service "${service}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  }
  return null;
}

function problemOf(action: string): string | undefined {
  const spelling = spellingProblem(action);
  if (spelling !== null) return spelling;
  const shown = JSON.stringify(action);
  const trimmed = action.trim();
  const colon = trimmed.indexOf(':');
  const service = trimmed.slice(0, colon);
  const name = trimmed.slice(colon + 1);
  const cat = catalogue();
  if (isWildcardPattern(trimmed)) {
    const matches = expandPattern(trimmed);
    const s3GetObject = cat.byId.get('s3:getobject');
    // The familiar example for a cross-service wildcard, when the pattern covers it.
    const familiar = isWildcardPattern(service) && s3GetObject && matches.includes(s3GetObject);
    const example =
      (familiar ? s3GetObject : exampleAction(matches)) ??
      exampleAction(
        isWildcardPattern(service) ? cat.all : (cat.byService.get(service.toLowerCase()) ?? []),
      );
    return `${shown} is a wildcard; list the exact actions${example ? `, e.g. "${example.id}"` : ''}`;
  }
  if (lookupAction(trimmed)) return undefined;
  const suggestion = closestAction(service, name);
  return `${shown} is not an IAM action${suggestion ? `; did you mean "${suggestion.id}"?` : ''}`;
}
