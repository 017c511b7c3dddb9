/**
 * What a statement's Condition does to what it grants, by IAM's evaluation logic: whether it can
 * never hold (the statement grants nothing), and whether it limits which resource each action
 * reaches (the statement is then scoped). Only a positive match on a key that narrows the
 * resource, that the request carries for the action, on a value that not every resource has,
 * scopes. The keys and the time bounds are data (rules/resource-scoping-condition-keys.ts,
 * rules/never-true-conditions.ts); the request's keys come from the catalogue (condition-keys.ts).
 */
import { ActionSet } from './action-set';
import { catalogue, type CatalogueAction } from './catalogue';
import { actionsCarryingKey, requestCarriesKey } from './condition-keys';
import { withVariablesResolved } from './resource-pattern';
import {
  CALLER_CHOSEN_FORM_KEYS,
  OTHER_THAN_RESOURCE_KEYS,
  PRESENT_ON_EVERY_REQUEST,
  RESOURCE_NARROWING_KEYS,
  RESOURCE_NARROWING_KEY_PREFIXES,
  SERVICE_RESOURCE_TAG,
} from './rules/resource-scoping-condition-keys';
import { TIME_KEYS, UPPER_BOUND_OPERATORS } from './rules/never-true-conditions';
import type { ConditionBlock } from './statement';
import { memoize } from './memo';
import { isUnconstrainedResource, WILDCARD_ONLY } from './scope';

/** The resource tags the principal can set itself; self-tagging.ts reads them from its policies. */
export interface SelfTagging {
  /** Whether the principal can put tag `tagKey` on any resource that `action` acts on. */
  canSet(tagKey: string, action: CatalogueAction): boolean;
  /** The services whose resources the principal can put `tagKey` on, whatever their type. */
  servicesSetting(tagKey: string): string[];
}

export const NO_SELF_TAGGING: SelfTagging = {
  canSet: () => false,
  servicesSetting: () => [],
};

/** Whether a condition key's value names, or selects by attribute, the resource reached. */
export function isResourceSelectingKey(key: string): boolean {
  const k = key.toLowerCase();
  if (OTHER_THAN_RESOURCE_KEYS.has(k)) return false;
  if (RESOURCE_NARROWING_KEYS.has(k)) return true;
  if (SERVICE_RESOURCE_TAG.test(k)) return true;
  return RESOURCE_NARROWING_KEY_PREFIXES.some((p) => k.startsWith(p) && k.length > p.length);
}

/** One operator of a condition block, read: its set prefix, its base name, whether `…IfExists`. */
interface Operator {
  /** `ForAllValues:` or `ForAnyValue:` (lower case), or undefined. */
  set?: 'forallvalues' | 'foranyvalue';
  /** Lower case, without the set prefix or `IfExists`: `stringlike`, `datelessthan`. */
  base: string;
  ifExists: boolean;
}

/**
 * `readOperator`, cached: every statement with a condition reads its operators two or three times,
 * and documents use a handful of them. Bounded: operators are document text. Never change one.
 */
const readOperator = memoize(readOperatorOnce, { limit: 1_000 });

function readOperatorOnce(raw: string): Readonly<Operator> {
  const lower = raw.trim().toLowerCase();
  const prefix = /^(forallvalues|foranyvalue):/.exec(lower);
  const rest = prefix ? lower.slice(prefix[0].length) : lower;
  const ifExists = rest.endsWith('ifexists');
  return {
    ...(prefix ? { set: prefix[1] as Operator['set'] } : {}),
    base: ifExists ? rest.slice(0, -'ifexists'.length) : rest,
    ifExists,
  };
}

function valuesOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A condition value that any resource satisfies: only wildcards, an ARN such as `role/*`, or for
 * a key whose form the caller chooses, a name pattern that every resource's ARN matches.
 */
function selectsEveryResource(key: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = withVariablesResolved(value.trim());
  if (WILDCARD_ONLY.test(v)) return true;
  if (/^arn:/i.test(v)) return isUnconstrainedResource(v);
  const arnOfName = CALLER_CHOSEN_FORM_KEYS.get(key.toLowerCase());
  return arnOfName !== undefined && isUnconstrainedResource(`${arnOfName}${v}`);
}

/** A test that selects resources: the key, and whether it holds when the key is absent. */
interface Selector {
  key: string;
  trueWhenAbsent: boolean;
  /** For a test on a resource's tag, the tag key (lower case). */
  tagKey?: string;
}

/** The tag key of a resource-tag condition key: `team` of `aws:ResourceTag/team`. */
function resourceTagKeyOf(key: string): string | undefined {
  const service = SERVICE_RESOURCE_TAG.exec(key);
  if (service) return key.slice(service[0].length) || undefined;
  for (const prefix of ['aws:resourcetag/', 's3:existingobjecttag/', 's3:buckettag/']) {
    if (key.startsWith(prefix)) return key.slice(prefix.length) || undefined;
  }
  return undefined;
}

/**
 * The tests of a block that could select resources: a positive string or ARN match (negations
 * hold for every other resource and when the key is absent) of a narrowing key, on values that
 * not every resource has. `…IfExists` and `ForAllValues:` hold when the key is absent.
 */
function selectorsOf(condition: ConditionBlock): Selector[] {
  const out: Selector[] = [];
  for (const [raw, entries] of Object.entries(condition)) {
    const operator = readOperator(raw);
    if (!/^(string|arn)/.test(operator.base) || operator.base.includes('not')) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (!isResourceSelectingKey(key)) continue;
      const values = valuesOf(value);
      if (values.length === 0 || values.every((v) => selectsEveryResource(key, v))) continue;
      const lower = key.toLowerCase();
      const tagKey = resourceTagKeyOf(lower);
      out.push({
        key: lower,
        trueWhenAbsent: operator.ifExists || operator.set === 'forallvalues',
        ...(tagKey ? { tagKey } : {}),
      });
    }
  }
  return out;
}

/**
 * Whether one selector limits what `action` reaches: its request carries the key, as required,
 * and, for a resource's tag, the principal cannot put that tag on the resource itself.
 */
function selectorScopes(
  selector: Selector,
  action: CatalogueAction,
  selfTagging: SelfTagging,
): boolean {
  if (!requestCarriesKey(action, selector.key)) return false;
  if (selector.tagKey && selfTagging.canSet(selector.tagKey, action)) return false;
  return !selector.trueWhenAbsent || PRESENT_ON_EVERY_REQUEST.has(selector.key);
}

/** The actions whose requests carry `selector`'s key, but of services the principal tags itself. */
function actionsScopedBy(selector: Selector, selfTagging: SelfTagging): ActionSet {
  const carrying = actionsCarryingKey(selector.key);
  const services = selector.tagKey ? selfTagging.servicesSetting(selector.tagKey) : [];
  if (services.length === 0) return carrying;
  const tagged = ActionSet.empty();
  for (const service of services) {
    const range = catalogue().range(service);
    if (range) tagged.addRange(range.first, range.count);
  }
  return carrying.difference(tagged);
}

/** Up to this many actions, asking action by action costs less than the sets of the keys. */
const SMALL_SET = 64;

/**
 * Whether a condition block limits which resource every one of `actions` reaches. A key the
 * request does not carry for an action limits nothing for it: a `ForAllValues:` test on an
 * absent key is true, and a security gate does not count on a plain test failing. A resource's
 * tag limits nothing where `selfTagging` says the principal can set that tag (see self-tagging.ts).
 */
export function conditionScopesActions(
  condition: ConditionBlock | undefined,
  actions: Iterable<CatalogueAction>,
  selfTagging: SelfTagging = NO_SELF_TAGGING,
): boolean {
  if (!condition) return false;
  const selectors = selectorsOf(condition);
  if (selectors.length === 0) return false;
  if (actions instanceof ActionSet && actions.size > SMALL_SET) {
    // The same question as below, asked of the sets: are all the actions scoped by some selector?
    const scoped = ActionSet.empty();
    for (const selector of selectors) {
      if (selector.trueWhenAbsent && !PRESENT_ON_EVERY_REQUEST.has(selector.key)) continue;
      scoped.addAll(actionsScopedBy(selector, selfTagging));
    }
    return actions.isSubsetOf(scoped);
  }
  let any = false;
  for (const action of actions) {
    any = true;
    if (!selectors.some((s) => selectorScopes(s, action, selfTagging))) return false;
  }
  return any;
}

/** A date value as milliseconds since the epoch: ISO 8601, or epoch seconds. */
function instantOf(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** An upper bound in the past on a time key: `DateLessThan aws:TokenIssueTime 2019-01-01`. */
function boundInThePast(operator: Operator, key: string, value: unknown, now: number): boolean {
  if (operator.set || !UPPER_BOUND_OPERATORS.has(operator.base)) return false;
  const time = TIME_KEYS.get(key.toLowerCase());
  if (!time || (operator.ifExists && !time.alwaysPresent)) return false;
  const values = valuesOf(value);
  if (values.length === 0) return false;
  return values.every((v) => {
    const bound = instantOf(v);
    return bound !== undefined && bound < now - time.maxAgeMs;
  });
}

/** `Null: { key: "true" }` (absent) beside a test that fails when the key is absent. */
function absentAndTested(condition: ConditionBlock): boolean {
  const absent = new Set<string>();
  for (const [raw, entries] of Object.entries(condition)) {
    if (readOperator(raw).base !== 'null') continue;
    for (const [key, value] of Object.entries(entries)) {
      if (valuesOf(value).every((v) => String(v).toLowerCase() === 'true')) {
        absent.add(key.toLowerCase());
      }
    }
  }
  if (absent.size === 0) return false;
  for (const [raw, entries] of Object.entries(condition)) {
    const operator = readOperator(raw);
    if (operator.base === 'null' || operator.ifExists || operator.set === 'forallvalues') continue;
    if (operator.base.includes('not')) continue;
    if (Object.keys(entries).some((key) => absent.has(key.toLowerCase()))) return true;
  }
  return false;
}

/**
 * Whether a condition block can never hold, so its statement grants (or denies) nothing: an upper
 * bound in the past on a time that only grows, or a key required absent and tested present.
 */
export function conditionNeverHolds(
  condition: ConditionBlock | undefined,
  now: number = Date.now(),
): boolean {
  if (!condition) return false;
  for (const [raw, entries] of Object.entries(condition)) {
    const operator = readOperator(raw);
    for (const [key, value] of Object.entries(entries)) {
      if (boundInThePast(operator, key, value, now)) return true;
    }
  }
  return absentAndTested(condition);
}
