/**
 * Which Vault paths an ACL rule reaches, as Vault matches them (vault/acl.go and the policy
 * docs, "Policy syntax"): a `*` at the very end is a prefix glob, a `+` standing for a whole
 * segment matches any one segment, and everything else is literal. A templated segment
 * (`{{identity.entity.name}}`) can become any name, the name of an agent included, so it is read
 * as `+`. Matching is a single left-to-right pass: no backtracking is ever needed, because `+`
 * and a template stop at the next `/` and the glob can only come last.
 */
import type { VaultPathRule } from '../vault-policy';

/**
 * Whether `rule` matches `target` (`area: false`) or some path under the prefix `target`
 * (`area: true`, e.g. `"sys/"`).
 */
export function vaultPathReaches(rule: string, target: string, area: boolean): boolean {
  const r = rule.startsWith('/') ? rule.slice(1) : rule;
  let i = 0;
  let j = 0;
  for (;;) {
    if (i === r.length) return j === target.length;
    if (j === target.length) return area || r.slice(i) === '*';
    if (r[i] === '*' && i === r.length - 1) return true;
    const segmentStart = i === 0 || r[i - 1] === '/';
    if (r[i] === '+' && segmentStart && (i + 1 === r.length || r[i + 1] === '/')) {
      i++;
      j = endOfSegment(target, j);
      continue;
    }
    const close = r.startsWith('{{', i) ? r.indexOf('}}', i + 2) : -1;
    if (close >= 0) {
      i = close + 2;
      j = endOfSegment(target, j);
      continue;
    }
    if (r[i] !== target[j]) return false;
    i++;
    j++;
  }
}

function endOfSegment(path: string, from: number): number {
  const slash = path.indexOf('/', from);
  return slash < 0 ? path.length : slash;
}

/**
 * The paths of Vault's built-in `default` policy, with the capabilities it gives each: a token's
 * housekeeping on itself (hashicorp/vault, vault/policy_store.go, `defaultPolicy`, as shipped
 * since 1.12, with the identity paths of its later revisions). A rule that grants no more than
 * these on one of them is not administration, whichever policy holds it.
 */
const SELF_SERVICE: Record<string, readonly string[]> = {
  'auth/token/lookup-self': ['read'],
  'auth/token/renew-self': ['update'],
  'auth/token/revoke-self': ['update'],
  'sys/capabilities-self': ['update'],
  'identity/entity/id/{{identity.entity.id}}': ['read'],
  'identity/entity/name/{{identity.entity.name}}': ['read'],
  'sys/internal/ui/resultant-acl': ['read'],
  'sys/renew': ['update'],
  'sys/leases/renew': ['update'],
  'sys/leases/lookup': ['update'],
  'cubbyhole/*': ['create', 'read', 'update', 'delete', 'list'],
  cubbyhole: ['list'],
  'sys/wrapping/wrap': ['update'],
  'sys/wrapping/lookup': ['update'],
  'sys/wrapping/unwrap': ['update'],
  'sys/tools/hash': ['update'],
  'sys/tools/hash/*': ['update'],
  'sys/tools/random': ['update'],
  'sys/tools/random/*': ['update'],
  'sys/control-group/request': ['update'],
  'identity/mfa/method/totp/generate': ['update'],
  'identity/oidc/provider/+/authorize': ['read', 'update'],
};

/** Whether the rule is a token's housekeeping on itself, as Vault's default policy grants it. */
export function isSelfService(rule: VaultPathRule): boolean {
  const path = rule.path.startsWith('/') ? rule.path.slice(1) : rule.path;
  const allowed = Object.prototype.hasOwnProperty.call(SELF_SERVICE, path)
    ? SELF_SERVICE[path]
    : undefined;
  return (
    allowed !== undefined && rule.capabilities.every((c) => c === 'deny' || allowed.includes(c))
  );
}

/**
 * The areas of Vault that administer it: whoever writes there can mint tokens, change policies
 * or mounts, or rewrite the AWS roles behind every agent's credentials (Vault API docs: `sys/`,
 * `auth/`, `identity/`; the AWS secrets engine's `config/` and `roles/`).
 */
export function adminAreas(awsMounts: Iterable<string>): string[] {
  const areas = ['sys/', 'auth/', 'identity/'];
  for (const mount of awsMounts) {
    areas.push(
      `${mount}/config/`,
      `${mount}/roles/`,
      `${mount}/static-roles/`,
      `${mount}/static-creds/`,
    );
  }
  return areas;
}
