/**
 * Every way a stack gives a Vault token policies: auth-method roles (AppRole, JWT/OIDC,
 * Kubernetes, AWS), identity entities and groups and their policy attachments, tokens created
 * directly, and `vault.generic.Endpoint` or `vault.generic.Secret` writes to an auth or identity
 * path (or to a path unknown at preview, which may be one). Each is a token
 * source: whatever its policies grant, some token can do. Policy names are read as Vault stores
 * them, trimmed and lower-cased (vault/policy_store.go, `sanitizeName`).
 */
import type { PolicyResource } from '@pulumi/policy';
import { RESOURCE_TYPES } from '../resource-types';
import { readKnown, readPlain, type Known } from '../unknowns';
import { dataJsonObject, GENERIC_WRITE_LABELS } from './generic-writes';

/** How a token source can belong to an agent: by its role's name, or as the agent's entity. */
export type Attribution = 'role' | 'entity' | 'none';

export interface TokenSource {
  /** Position in the stack, for stable order. */
  index: number;
  resource: PolicyResource;
  /** The name it is known by (role, entity or group name), when known. */
  name?: string;
  /** How messages name it, e.g. `AppRole role "ops-bot"`. */
  what: string;
  /** The property its policies are read from. */
  field: string;
  attribution: Attribution;
}

interface SourceKind {
  /** The property naming the source, if any. */
  nameKey?: string;
  field: string;
  label: string;
  attribution: Attribution;
}

/** The token sources by type token (Pulumi vault 7.8 property names). */
const KINDS: Record<string, SourceKind> = {
  [RESOURCE_TYPES.appRole]: {
    nameKey: 'roleName',
    field: 'tokenPolicies',
    label: 'AppRole role',
    attribution: 'role',
  },
  [RESOURCE_TYPES.vaultJwtRole]: {
    nameKey: 'roleName',
    field: 'tokenPolicies',
    label: 'JWT/OIDC auth role',
    attribution: 'role',
  },
  [RESOURCE_TYPES.vaultKubernetesRole]: {
    nameKey: 'roleName',
    field: 'tokenPolicies',
    label: 'Kubernetes auth role',
    attribution: 'role',
  },
  [RESOURCE_TYPES.vaultAwsAuthRole]: {
    nameKey: 'role',
    field: 'tokenPolicies',
    label: 'AWS auth role',
    attribution: 'role',
  },
  [RESOURCE_TYPES.vaultEntity]: {
    nameKey: 'name',
    field: 'policies',
    label: 'identity entity',
    attribution: 'entity',
  },
  [RESOURCE_TYPES.vaultEntityPolicies]: {
    nameKey: 'entityName',
    field: 'policies',
    label: 'identity.EntityPolicies of entity',
    attribution: 'entity',
  },
  [RESOURCE_TYPES.vaultGroup]: {
    nameKey: 'name',
    field: 'policies',
    label: 'identity group',
    attribution: 'none',
  },
  [RESOURCE_TYPES.vaultGroupPolicies]: {
    nameKey: 'groupName',
    field: 'policies',
    label: 'identity.GroupPolicies of group',
    attribution: 'none',
  },
  [RESOURCE_TYPES.vaultToken]: { field: 'policies', label: 'Vault token', attribution: 'none' },
  [RESOURCE_TYPES.vaultGenericEndpoint]: {
    nameKey: 'path',
    field: 'dataJson',
    label: 'vault.generic.Endpoint',
    attribution: 'role',
  },
  // A generic secret is a logical write to any path too (generic-writes.ts).
  [RESOURCE_TYPES.vaultGenericSecret]: {
    nameKey: 'path',
    field: 'dataJson',
    label: 'vault.generic.Secret',
    attribution: 'role',
  },
};

const isGenericWrite = (type: string) =>
  Object.prototype.hasOwnProperty.call(GENERIC_WRITE_LABELS, type);

/** Paths where a generic write sets a token's policies: auth roles and identity objects. */
const POLICY_PATH = /^\/?(auth|identity)\//;

/** Vault's policy name as stored and looked up: trimmed and lower-cased. */
export function vaultPolicyKey(name: string): string {
  return name.trim().toLowerCase();
}

/** The token sources of the stack, in stack order. */
export function tokenSources(resources: readonly PolicyResource[]): TokenSource[] {
  const out: TokenSource[] = [];
  resources.forEach((resource, index) => {
    const kind = Object.prototype.hasOwnProperty.call(KINDS, resource.type)
      ? KINDS[resource.type]
      : undefined;
    if (!kind) return;
    const name = kind.nameKey ? readKnown(() => resource.props[kind.nameKey ?? '']) : undefined;
    const known = name?.known && typeof name.value === 'string' ? name.value : undefined;
    if (isGenericWrite(resource.type)) {
      if (name && !name.known) {
        // Where it writes is unknown at preview: it may be an auth role; judged as unknown.
        out.push({
          index,
          resource,
          what: `${kind.label} "${resource.name}"`,
          field: 'path',
          attribution: 'none',
        });
        return;
      }
      // Only a write to an auth role or identity object sets policies; a known other path is none.
      if (known === undefined || !POLICY_PATH.test(known)) return;
      const last = known.replace(/\/+$/, '').split('/').pop() ?? known;
      out.push({
        index,
        resource,
        name: last,
        what: `${kind.label} "${known}"`,
        field: kind.field,
        attribution: kind.attribution,
      });
      return;
    }
    out.push({
      index,
      resource,
      ...(known !== undefined ? { name: known } : {}),
      what: known !== undefined ? `${kind.label} "${known}"` : `${kind.label} "${resource.name}"`,
      field: kind.field,
      attribution: kind.attribution,
    });
  });
  return out;
}

/**
 * The policy names a source gives its tokens, as Vault keys them; a problem when the field is
 * not a list of names. A generic endpoint's `dataJson` is read for `token_policies` and
 * `policies`, as a list or as Vault's comma-separated string.
 */
export function sourcePolicies(
  source: TokenSource,
): Known<{ names: string[] } | { problem: string }> {
  const value = readPlain(() => source.resource.props[source.field]);
  if (!value.known) return value;
  if (!isGenericWrite(source.resource.type)) {
    return { known: true, value: namesOf(value.value, source.field) };
  }
  const parsed = dataJsonObject(value.value);
  if ('problem' in parsed) return { known: true, value: parsed };
  const record = parsed.data;
  const names: string[] = [];
  for (const key of ['token_policies', 'policies']) {
    if (record[key] === undefined) continue;
    const read = namesOf(
      typeof record[key] === 'string' ? (record[key] as string).split(',') : record[key],
      `dataJson.${key}`,
    );
    if ('problem' in read) return { known: true, value: read };
    names.push(...read.names);
  }
  return { known: true, value: { names } };
}

function namesOf(value: unknown, field: string): { names: string[] } | { problem: string } {
  if (value === undefined || value === null) return { names: [] };
  if (!Array.isArray(value) || value.some((n) => typeof n !== 'string')) {
    return { problem: `${field} is ${JSON.stringify(value)}, not a list of policy names` };
  }
  return { names: (value as string[]).map(vaultPolicyKey).filter((n) => n !== '') };
}
