/**
 * What a statement's resources reach: whether a Resource entry is "any resource", whether a
 * NotResource excludes everything, and whether one resource pattern covers another.
 */
import { catalogue } from './catalogue';
import { matchesGlob } from './glob';
import { memoize } from './memo';

/** A resource value of wildcards and separators only, e.g. `*` or `*:*`. */
export const WILDCARD_ONLY = /^[*?/:]*$/;

const reachesEveryResourceMemo = memoize(
  (resource: string) => reachesEveryResource(resource.trim()),
  { limit: 10_000 },
);

/**
 * True when a Resource entry reaches every resource of its kind: `*`, or an ARN whose resource
 * part matches some resource type's ARN with any name in every variable slot (`role/*`,
 * `table/*`, `secret:*`, `arn:aws:s3:::*` and `arn:aws:s3:::*` + `/*`,
 * `arn:*:cloudtrail:*:*:trail/*`, `log-group:*:log-stream:*`, `dbuser:*` + `/*`). A policy
 * variable (`user/${aws:username}`) or a literal part of a name (`role/agent-*`) constrains it.
 */
export function isUnconstrainedResource(resource: string): boolean {
  return reachesEveryResourceMemo(resource);
}

function reachesEveryResource(value: string): boolean {
  if (WILDCARD_ONLY.test(value)) return true;
  if (!value.toLowerCase().startsWith('arn:')) return false;
  const parts = value.split(':');
  if (parts.length < 6) return WILDCARD_ONLY.test(parts.slice(1).join(''));
  const service = parts[2].toLowerCase();
  const resourcePart = parts.slice(5).join(':');
  if (WILDCARD_ONLY.test(resourcePart)) return true;
  const templates = catalogue().resourceTemplates.get(service);
  if (!templates) {
    // Unknown or wildcard service: a leading type word followed by wildcards is still "all".
    return /^[a-z0-9-]+[/:][*?/:]*$/i.test(resourcePart);
  }
  return templates.some((template) => matchesGlob(resourcePart, template));
}

/** A NotResource entry that excludes every resource, so the statement applies to none. */
export function excludesEveryResource(notResource: readonly string[]): boolean {
  return notResource.some((r) => WILDCARD_ONLY.test(r.trim()) || /^arn(:[*?]*){4}:[*?]+$/.test(r));
}

/**
 * Whether a Deny's Resource patterns cover a granted resource: IAM globbing, the granted value
 * taken literally, so a Deny on `arn:aws:s3:::b/*` covers a grant on `arn:aws:s3:::b/*`.
 */
export function resourceCovered(denied: readonly string[], granted: string): boolean {
  return denied.some((pattern) => pattern === '*' || matchesGlob(pattern, granted));
}
