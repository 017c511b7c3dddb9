/**
 * Amplification: what a callee can do that its caller cannot. A delegation must not give the
 * caller more than it already has, or every delegation becomes a way around least privilege.
 *
 * Each action the callee's Allow statements grant (patterns expanded through the IAM catalogue)
 * on each resource they name must be allowed to the caller on the same resource pattern, as
 * `allowsActionOn` evaluates it (Deny wins, the boundary caps). A callee pattern is compared as
 * text against the caller's globs, so `bucket/*` is within `bucket/*` and `*`, not within
 * `bucket/reports/*`. `NotAction`/`NotResource` in the callee cannot be proven within anything.
 * The callee's own delegation grants (STS calls on other agents' roles) are edges of the graph,
 * judged as such, and are left out here.
 */
import { allowsActionOn, expandActionPattern, type RolePermissions } from '../engine';
import { documentStatements, stringsOf } from '../engine/element-names';
import { matchesGlob } from '../engine/glob';
import { DELEGATION_ACTIONS } from './identity/delegation';

const DELEGATION = new Set(DELEGATION_ACTIONS.map((a) => a.toLowerCase()));

/** Up to `limit` grants of the callee the caller lacks, each as "action on resource". */
export function amplifiedGrants(
  caller: RolePermissions,
  callee: RolePermissions,
  /** Whether a resource pattern names an agent's role (not `*`). */
  isAgentRole: (resource: string) => boolean,
  limit = 5,
): string[] {
  const out: string[] = [];
  const add = (grant: string) => {
    if (out.length < limit && !out.includes(grant)) out.push(grant);
  };
  for (const source of callee.policies) {
    for (const s of documentStatements(source.document)) {
      if (s.Effect !== 'Allow') continue;
      if (s.NotAction !== undefined || s.NotResource !== undefined) {
        add(`${s.NotAction !== undefined ? 'NotAction' : 'NotResource'} in ${source.source}`);
        continue;
      }
      const resources = stringsOf(s.Resource);
      for (const pattern of stringsOf(s.Action)) {
        const expanded = expandActionPattern(pattern);
        const actions = expanded.length > 0 ? expanded.map((a) => a.id) : [pattern];
        for (const action of actions) {
          for (const resource of resources) {
            if (DELEGATION.has(action.toLowerCase()) && isAgentRole(resource)) continue;
            const within = allowsActionOn(caller, action, (p) =>
              matchesGlob(p, resource, { caseSensitive: true }),
            );
            if (!within) add(`${action} on ${resource}`);
            if (out.length >= limit) return out;
          }
        }
      }
    }
  }
  return out;
}
