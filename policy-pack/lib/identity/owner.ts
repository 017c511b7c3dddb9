/**
 * The owner rule: every agent names an accountable owner, an e-mail address or a team handle,
 * registered when the pack's config has an owner registry. The components' schema, the pack's
 * agent-owner-required and `agent-iam audit` all judge owners here.
 */

export type Owner =
  { kind: 'email'; address: string; domain: string } | { kind: 'team'; team: string };

const EMAIL = /^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/;
const TEAM = /^team:([a-z0-9]+(-[a-z0-9]+)*)$/;

/** An owner is an e-mail address or a team handle such as `team:payments`. */
export function parseOwner(value: string): Owner | undefined {
  const email = EMAIL.exec(value);
  if (email) return { kind: 'email', address: value, domain: email[1].toLowerCase() };
  const team = TEAM.exec(value);
  if (team) return { kind: 'team', team: team[1] };
  return undefined;
}

export const OWNER_FORMAT_HINT =
  'use an e-mail address ("jane@example.com") or a team handle ("team:payments")';

/** The registered owners; an empty list accepts any well-formed owner of that kind. */
export interface OwnerRegistry {
  emailDomains: readonly string[];
  teams: readonly string[];
}

export type OwnerProblem =
  /** `message` follows the value: `"nobody" is not an owner; use ...`. */
  | { kind: 'malformed'; message: string }
  /** `message` is a relative clause: `"x@y.com", whose domain "y.com" is not in ...`. */
  | { kind: 'unregistered'; message: string };

/** What is wrong with an owner, or undefined when it is a (registered) owner. */
export function ownerProblem(value: unknown, registry?: OwnerRegistry): OwnerProblem | undefined {
  const owner = typeof value === 'string' ? parseOwner(value) : undefined;
  if (!owner) return { kind: 'malformed', message: `is not an owner; ${OWNER_FORMAT_HINT}` };
  if (owner.kind === 'email' && registry && registry.emailDomains.length > 0) {
    const allowed = registry.emailDomains.map((d) => d.toLowerCase());
    if (!allowed.includes(owner.domain)) {
      return {
        kind: 'unregistered',
        message: `whose domain "${owner.domain}" is not in the owner registry (${allowed.join(', ')}); use an address at a registered domain or add "${owner.domain}" to owners.emailDomains in the policy-pack config`,
      };
    }
  }
  if (owner.kind === 'team' && registry && registry.teams.length > 0) {
    if (!registry.teams.includes(owner.team)) {
      return {
        kind: 'unregistered',
        message: `whose team "${owner.team}" is not in the owner registry (${registry.teams.join(', ')}); use a registered team or add "${owner.team}" to owners.teams in the policy-pack config`,
      };
    }
  }
  return undefined;
}
