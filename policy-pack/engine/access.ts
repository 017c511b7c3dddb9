/**
 * Whether a role's documents allow one action on one resource, as IAM evaluates a request in one
 * account: an explicit Deny wins, then some Allow is needed, and a permissions boundary must allow
 * it as well (IAM User Guide, "Policy evaluation logic"). Used to follow paths out of a role (which
 * roles it can assume), so every doubt resolves towards "allowed": an Allow's condition is assumed
 * to hold, a Deny's condition is assumed not to.
 */
import { documentStatements, stringsOf } from './element-names';
import { matchesGlob } from './glob';
import type { PolicySource, RolePermissions } from './types';

/** Whether a resource pattern names the resource in question. */
export type ResourceMatcher = (pattern: string) => boolean;

function coversAction(statement: Record<string, unknown>, action: string): boolean {
  const wanted = action.toLowerCase();
  const matches = (patterns: string[]) =>
    patterns.some((p) => matchesGlob(p.toLowerCase(), wanted, { caseSensitive: true }));
  if (statement.NotAction !== undefined) return !matches(stringsOf(statement.NotAction));
  return matches(stringsOf(statement.Action));
}

function coversResource(statement: Record<string, unknown>, resource: ResourceMatcher): boolean {
  if (statement.NotResource !== undefined) return !stringsOf(statement.NotResource).some(resource);
  // A statement without Resource is malformed in an identity policy; IAM ignores it.
  return stringsOf(statement.Resource).some(resource);
}

function allowedBy(sources: readonly PolicySource[], action: string, resource: ResourceMatcher) {
  let allowed = false;
  for (const source of sources) {
    for (const s of documentStatements(source.document)) {
      if (!coversAction(s, action) || !coversResource(s, resource)) continue;
      if (s.Effect === 'Deny' && s.Condition === undefined) return false;
      if (s.Effect === 'Allow') allowed = true;
    }
  }
  return allowed;
}

/** Whether the role may call `action` on the resource `resource` matches. */
export function allowsActionOn(
  permissions: RolePermissions,
  action: string,
  resource: ResourceMatcher,
): boolean {
  if (!allowedBy(permissions.policies, action, resource)) return false;
  return permissions.boundary ? allowedBy([permissions.boundary], action, resource) : true;
}
