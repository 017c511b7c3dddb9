/** Per-action facts the findings need, from the cited tables, by catalogue ordinal, computed once. */
import { catalogue, ordinalOf, type CatalogueAction } from './catalogue';
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

const traitTable = lazy((): Uint8Array => {
  const credentials = new Set(CREDENTIAL_ACTIONS);
  const exfiltration = new Set(DATA_EXFILTRATION_ACTIONS);
  const all = catalogue().all;
  const table = new Uint8Array(all.length);
  all.forEach((a, ordinal) => {
    const lower = a.id.toLowerCase();
    let flags = 0;
    if (a.accessLevel !== 'Read' && a.accessLevel !== 'List' && !isWildcardOnly(a)) flags |= WRITE;
    if (managesPermissions(a)) flags |= MANAGES_PERMISSIONS;
    if (credentials.has(lower)) flags |= CREDENTIALS;
    if (exfiltration.has(lower)) flags |= EXFILTRATION;
    table[ordinal] = flags;
  });
  return table;
});

/** @internal the traits of every catalogue action, by ordinal (for loops over many actions). */
export function traitsByOrdinal(): Uint8Array {
  return traitTable();
}

/** The action's traits, as bit flags (WRITE, MANAGES_PERMISSIONS, CREDENTIALS, EXFILTRATION). */
export function traitsOf(action: CatalogueAction): number {
  return traitTable()[ordinalOf(action)] ?? 0;
}
