/** Per-action facts the findings need, from the cited tables, by catalogue ordinal, computed once. */
import { ActionSet } from './action-set';
import { catalogue, ordinalOf, type AccessLevel, type Catalogue } from './catalogue';
import { lazy } from './memo';
import { isWildcardOnly, managesPermissions } from './rules/access-overrides';
import { CREDENTIAL_ACTIONS } from './rules/credential-actions';
import { DATA_EXFILTRATION_ACTIONS } from './rules/data-exfiltration-actions';

/** Changes something, and can be scoped to a resource. */
export const WRITE = 1;
/** Changes who can do what (see access-overrides). */
export const MANAGES_PERMISSIONS = 2;
/** Hands out credentials of another identity or resource. */
export const CREDENTIALS = 4;
/** Reads the stored content of a resource. */
export const EXFILTRATION = 8;
/** Sets or removes tags (access level Tagging): see self-tagging.ts. */
export const TAGGING = 16;

/**
 * Sets `flag` on the catalogue actions the (lower-case) ids of `table` name: a lookup per entry,
 * not a lower-cased id and a set lookup per catalogue action.
 */
function flagListed(table: Uint8Array, ids: readonly string[], flag: number): void {
  const byId = catalogue().byId;
  for (const id of ids) {
    const action = byId.get(id);
    const ordinal = action ? ordinalOf(action) : -1;
    if (ordinal >= 0 && action?.id.toLowerCase() === id) table[ordinal] |= flag;
  }
}

/**
 * What the rules read of the action at one ordinal, without building its object: the trait table
 * asks about all 22,000 actions, and a run needs the objects of a few services. Its id is made
 * only when a rule reads it.
 */
class ActionFacts {
  service = '';
  accessLevel: AccessLevel = 'Read';
  isWildcardOnly = false;
  ordinal = 0;
  readonly #catalogue: Catalogue;
  constructor(cat: Catalogue) {
    this.#catalogue = cat;
  }
  get id(): string {
    return `${this.service}:${this.#catalogue.nameAt(this.ordinal)}`;
  }
}

const traitTable = lazy((): Uint8Array => {
  const cat = catalogue();
  const table = new Uint8Array(cat.size);
  const a = new ActionFacts(cat);
  for (const service of cat.serviceNames) {
    const { first, count } = cat.range(service) ?? { first: 0, count: 0 };
    a.service = service;
    for (let ordinal = first; ordinal < first + count; ordinal++) {
      a.ordinal = ordinal;
      a.accessLevel = cat.levelAt(ordinal);
      a.isWildcardOnly = cat.isWildcardOnlyAt(ordinal);
      let flags = 0;
      if (a.accessLevel !== 'Read' && a.accessLevel !== 'List' && !isWildcardOnly(a)) {
        flags |= WRITE;
      }
      if (managesPermissions(a)) flags |= MANAGES_PERMISSIONS;
      if (a.accessLevel === 'Tagging') flags |= TAGGING;
      table[ordinal] = flags;
    }
  }
  flagListed(table, CREDENTIAL_ACTIONS, CREDENTIALS);
  flagListed(table, DATA_EXFILTRATION_ACTIONS, EXFILTRATION);
  return table;
});

const traitSets = new Map<number, ActionSet>();

/** The catalogue actions that have `trait` (one flag), as a shared set: never change it. */
export function actionsWithTrait(trait: number): ActionSet {
  let set = traitSets.get(trait);
  if (!set) {
    const table = traitTable();
    const ordinals: number[] = [];
    for (let o = 0; o < table.length; o++) if (table[o] & trait) ordinals.push(o);
    set = ActionSet.ofOrdinals(ordinals);
    traitSets.set(trait, set);
  }
  return set;
}
