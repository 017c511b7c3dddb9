/**
 * Vault's generic writes: `vault.generic.Endpoint` and `vault.generic.Secret` each write their
 * `dataJson` to any path of Vault's logical API (`vault write <path>`; Pulumi vault 7.8,
 * `generic/endpoint.d.ts`, `generic/secret.d.ts`), so one can declare what the pack otherwise
 * judges as a typed resource: a Vault policy (`sys/policy/<name>`, `sys/policies/acl/<name>`:
 * Vault API docs, "/sys/policy" and "/sys/policies/"), an auth role or identity object (a token
 * source, `token-sources.ts`), a role, static role or the root config of the AWS secrets engine
 * (`<mount>/roles/<name>`, `<mount>/static-roles/<name>`, `<mount>/config/root`: Vault API docs,
 * "AWS secrets engine"), or any other administration under `sys/`. This module says which of
 * those a write is, so that none of them passes for lack of its typed resource.
 */
import type { PolicyResource } from '@pulumi/policy';
import { RESOURCE_TYPES } from '../resource-types';
import { readKnown, readPlain, type Known } from '../unknowns';

/** The generic-write resources, and how messages name them. */
export const GENERIC_WRITE_LABELS: Readonly<Record<string, string>> = {
  [RESOURCE_TYPES.vaultGenericEndpoint]: 'vault.generic.Endpoint',
  [RESOURCE_TYPES.vaultGenericSecret]: 'vault.generic.Secret',
};

/** `sys/policy/<name>` and `sys/policies/acl/<name>` write an ACL policy named `<name>`. */
const POLICY_WRITE = /^sys\/(?:policy|policies\/acl)\/([^/]+)$/;

/**
 * Fields only the AWS secrets engine's role and root config take (Vault API docs, "AWS secrets
 * engine": "Create/Update role", "Configure root IAM credentials"): a write carrying one is to
 * that engine, whatever its mount is called.
 */
const AWS_ENGINE_FIELDS = [
  'credential_type',
  'role_arns',
  'policy_arns',
  'iam_groups',
  'default_sts_ttl',
  'max_sts_ttl',
  'access_key',
  'secret_key',
  'identity_token_audience',
];

/** The parts of an AWS secrets engine mount whose writes define how credentials are issued. */
const AWS_ENGINE_AREAS = ['config', 'roles', 'static-roles'];

export type GenericWriteKind =
  /** An ACL policy: judged as a `vault.Policy` of that name. */
  | { kind: 'policy'; name: string }
  /** An auth role or identity object: a token source (`token-sources.ts`). */
  | { kind: 'token-source' }
  /** The AWS secrets engine's roles or config: only its typed resources are judged. */
  | { kind: 'aws-engine'; mount: string; typed: string }
  /** Other Vault administration (`sys/`). */
  | { kind: 'admin' }
  /** Under an AWS engine area of a mount the stack does not name, with data unknown at preview. */
  | { kind: 'unknown-data'; mount: string }
  /** Anything else (a KV secret, another engine's config). */
  | { kind: 'other' };

export interface GenericWrite {
  resource: PolicyResource;
  label: string;
  /** The path as written (leading and trailing slashes trimmed), or where it is unknown. */
  path: Known<string | undefined>;
}

/** The stack's generic writes, in stack order. */
export function genericWrites(resources: readonly PolicyResource[]): GenericWrite[] {
  return resources
    .filter((r) => Object.prototype.hasOwnProperty.call(GENERIC_WRITE_LABELS, r.type))
    .map((resource) => {
      const raw = readKnown(() => resource.props.path as unknown);
      const path: Known<string | undefined> = raw.known
        ? {
            known: true,
            value: typeof raw.value === 'string' ? raw.value.replace(/^\/+|\/+$/g, '') : undefined,
          }
        : raw;
      return { resource, label: GENERIC_WRITE_LABELS[resource.type], path };
    });
}

/** The write's `dataJson` as an object; a problem when it is not one. */
export function genericWriteData(
  write: GenericWrite,
): Known<{ data: Record<string, unknown> } | { problem: string }> {
  const value = readPlain(() => write.resource.props.dataJson);
  if (!value.known) return value;
  return { known: true, value: dataJsonObject(value.value) };
}

/** A generic write's known `dataJson` (JSON text, or an object) as an object, or what is wrong. */
export function dataJsonObject(
  value: unknown,
): { data: Record<string, unknown> } | { problem: string } {
  let data: unknown;
  try {
    data = typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    return { problem: 'dataJson is not valid JSON' };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { problem: 'dataJson is not a JSON object' };
  }
  return { data: data as Record<string, unknown> };
}

/**
 * What a write to `path` declares. `awsMounts` are the AWS secrets engine mounts the stack knows
 * (its `vault.aws.SecretBackend` paths and the Vault AWS roles' backends); `data` is the written
 * object (`'unknown'` at preview), which names the AWS engine under a mount the stack does not
 * declare.
 */
export function classifyGenericWrite(
  path: string,
  awsMounts: ReadonlySet<string>,
  data: Readonly<Record<string, unknown>> | 'unknown' | undefined,
): GenericWriteKind {
  const policy = POLICY_WRITE.exec(path);
  if (policy) return { kind: 'policy', name: policy[1] };
  if (/^(auth|identity)\//.test(path)) return { kind: 'token-source' };
  if (path === 'sys' || path.startsWith('sys/')) return { kind: 'admin' };
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (!AWS_ENGINE_AREAS.includes(segments[i])) continue;
    const mount = segments.slice(0, i).join('/');
    const awsFields = data && data !== 'unknown' ? AWS_ENGINE_FIELDS.filter((f) => f in data) : [];
    if (!awsMounts.has(mount) && awsFields.length === 0) {
      if (data === 'unknown') return { kind: 'unknown-data', mount };
      continue;
    }
    const typed =
      segments[i] === 'config'
        ? 'vault.aws.SecretBackend'
        : segments[i] === 'roles'
          ? 'vault.aws.SecretBackendRole'
          : 'vault.aws.SecretBackendStaticRole';
    return { kind: 'aws-engine', mount, typed };
  }
  return { kind: 'other' };
}

/** The AWS secrets engine mounts the stack names: its backends' paths and its AWS roles' backends. */
export function awsEngineMounts(resources: readonly PolicyResource[]): Set<string> {
  const mounts = new Set<string>();
  for (const r of resources) {
    const key =
      r.type === RESOURCE_TYPES.vaultAwsBackend
        ? 'path'
        : r.type === RESOURCE_TYPES.vaultAwsRole || r.type === RESOURCE_TYPES.vaultAwsStaticRole
          ? 'backend'
          : undefined;
    if (!key) continue;
    const value = readKnown(() => r.props[key] as unknown);
    if (!value.known) continue;
    mounts.add((typeof value.value === 'string' ? value.value : 'aws').replace(/^\/+|\/+$/g, ''));
  }
  return mounts;
}
