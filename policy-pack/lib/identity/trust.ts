/**
 * The trust rules: only the Vault principal (or a declared delegating agent) may assume an agent
 * role, and only while tagging the session with the agent's name. The components' trust-policy
 * builder writes what these rules accept; the pack's agent-trust-restricted and `agent-iam audit`
 * judge trust policies here. Parsing the document is `../trust`.
 */
import { AGENT_SESSION_TAG } from '../conventions';
import type { TrustStatement, TrustedPrincipal } from '../trust';

/** The condition key that carries the `agent` session tag, lower-cased as IAM compares keys. */
export const SESSION_TAG_CONDITION_KEY = `aws:requesttag/${AGENT_SESSION_TAG}`;

/** A whole account: `arn:aws:iam::123456789012:root` or a bare account id (IAM policy grammar). */
const WHOLE_ACCOUNT = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/;

/** Whether a trusted AWS principal is a whole account rather than one role or user. */
export function isWholeAccount(principal: string): boolean {
  return WHOLE_ACCOUNT.test(principal);
}

/** Why a trusted principal is refused, or undefined when it is one of `allowed`. */
export function principalProblem(
  p: TrustedPrincipal,
  allowed: ReadonlySet<string>,
): string | undefined {
  switch (p.kind) {
    case 'anyone':
      return 'Principal "*" lets any AWS principal assume the role';
    case 'service':
      return `the service principal "${p.value}" may assume the role; agents are assumed only by Vault`;
    case 'federated':
      return `the federated principal "${p.value}" may assume the role; agents are assumed only by Vault`;
    case 'canonical-user':
      return `the principal "${p.value}" may assume the role; agents are assumed only by Vault`;
    case 'aws':
      if (allowed.has(p.value)) return undefined;
      if (isWholeAccount(p.value)) {
        return `the whole account "${p.value}" may assume the role, i.e. any principal in it that its own policies allow`;
      }
      return `"${p.value}" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor an agent that declares a call to this one (delegatesTo)`;
  }
}

/** The exact values a statement requires for the `agent` session tag, or undefined if none. */
export function sessionTagValues(s: TrustStatement): string[] | undefined {
  for (const [operator, body] of Object.entries(s.conditions)) {
    // StringLike only counts without wildcards, when it means the same as StringEquals.
    if (operator !== 'StringEquals' && operator !== 'StringLike') continue;
    for (const [key, value] of Object.entries(body)) {
      if (key.toLowerCase() !== SESSION_TAG_CONDITION_KEY) continue;
      const values = (Array.isArray(value) ? value : [value]).map(String);
      if (operator === 'StringLike' && values.some((x) => /[*?]/.test(x))) continue;
      return values;
    }
  }
  return undefined;
}
