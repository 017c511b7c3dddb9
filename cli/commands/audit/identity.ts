/**
 * The identity checks `audit` makes of a deployed agent role, the same rules the pack applies at
 * preview: a well-formed name, a registered-format owner, an expiry that has not passed, a
 * permissions boundary, a short maximum session, and a trust policy that names its principal.
 */
import type { Severity } from '../../../policy-pack/engine';
import {
  AGENT_TAG_KEYS,
  agentNameProblem,
  formatDuration,
} from '../../../policy-pack/lib/conventions';
import { DEFAULTS } from '../../../policy-pack/lib/defaults';
import { expiryProblem } from '../../../policy-pack/lib/identity/expiry';
import { OWNER_FORMAT_HINT, ownerProblem } from '../../../policy-pack/lib/identity/owner';
import { sessionTooLong } from '../../../policy-pack/lib/identity/session';
import { isWholeAccount } from '../../../policy-pack/lib/identity/trust';
import { assumingPrincipals, parseTrustPolicy } from '../../../policy-pack/lib/trust';
import { expiryOf } from '../../expiry';
import { isoDay, plural } from '../../output';
import { decodePolicyDocument, tagValue, type RoleDetail } from './authorization-details';

/** The default limit of the pack's agent-max-session-duration policy. */
const MAX_SESSION_SECONDS = DEFAULTS.maxSessionDurationSeconds;

export type IdentityCheck =
  | 'name'
  | 'owner'
  | 'expiry'
  | 'boundary'
  | 'trust'
  | 'session-duration'
  | 'unverifiable'
  | 'static-credentials';

export interface IdentityProblem {
  check: IdentityCheck;
  severity: Severity;
  message: string;
}

/** What the role's tags say of the agent. */
export interface AgentFacts {
  owner?: string;
  expiresOn?: string;
  daysLeft?: number;
}

/**
 * The agent's identity as its role shows it: name, owner, expiry, boundary, session duration and
 * trust. Problems are pushed to `out`; the facts found are returned.
 */
export function identityOfAgent(
  role: RoleDetail,
  agent: string,
  now: Date,
  out: IdentityProblem[],
): AgentFacts {
  const keys = AGENT_TAG_KEYS;
  const facts: AgentFacts = {};
  const nameProblem = agentNameProblem(agent);
  if (nameProblem) {
    out.push({
      check: 'name',
      severity: 'medium',
      message: `${keys.name} "${agent}" ${nameProblem}.`,
    });
  }
  const owner = tagValue(role.Tags, keys.owner);
  if (owner === undefined || owner.trim() === '') {
    out.push({
      check: 'owner',
      severity: 'high',
      message: `no ${keys.owner} tag: nobody is accountable for this agent; tag the role with its owner (${OWNER_FORMAT_HINT}).`,
    });
  } else {
    facts.owner = owner;
    const problem = ownerProblem(owner);
    if (problem) {
      out.push({
        check: 'owner',
        severity: 'high',
        message: `${keys.owner} "${owner}" ${problem.message}.`,
      });
    }
  }
  const expiresOn = tagValue(role.Tags, keys.expiresOn);
  if (expiresOn === undefined || expiresOn.trim() === '') {
    out.push({
      check: 'expiry',
      severity: 'high',
      message: `no ${keys.expiresOn} tag: the agent never expires; tag the role with the date it is retired (YYYY-MM-DD).`,
    });
  } else {
    facts.expiresOn = expiresOn;
    const expiry = expiryOf(expiresOn, now);
    if (expiry.daysLeft !== undefined) facts.daysLeft = expiry.daysLeft;
    const problem = expiryProblem(expiresOn, now);
    if (problem?.kind === 'malformed') {
      out.push({
        check: 'expiry',
        severity: 'high',
        message: `${keys.expiresOn} "${expiresOn}" is not a date; use YYYY-MM-DD.`,
      });
    } else if (problem?.kind === 'expired') {
      out.push({
        check: 'expiry',
        severity: 'high',
        message: `expired on ${expiresOn} (${plural(-problem.daysLeft, 'day')} before ${isoDay(now)}) and is still deployed; delete the role, or recertify the agent with a new ${keys.expiresOn} date.`,
      });
    }
  }
  if (!role.PermissionsBoundary) {
    out.push({
      check: 'boundary',
      severity: 'high',
      message:
        "no permissions boundary: nothing caps what a policy attached later can grant; set the fleet's boundary policy as the role's permissions boundary.",
    });
  }
  if (role.MaxSessionDuration !== undefined && sessionTooLong(role.MaxSessionDuration)) {
    out.push({
      check: 'session-duration',
      severity: 'medium',
      message: `MaxSessionDuration ${role.MaxSessionDuration} (${formatDuration(role.MaxSessionDuration)}) is above ${MAX_SESSION_SECONDS} (${formatDuration(MAX_SESSION_SECONDS)}); set it to at most ${MAX_SESSION_SECONDS}.`,
    });
  }
  trustProblems(role, out);
  return facts;
}

function trustProblems(role: RoleDetail, out: IdentityProblem[]): void {
  if (role.AssumeRolePolicyDocument === undefined) return;
  const decoded = decodePolicyDocument(role.AssumeRolePolicyDocument);
  const trust = decoded.ok
    ? parseTrustPolicy(decoded.document)
    : { ok: false as const, problem: decoded.message };
  if (!trust.ok) {
    out.push({
      check: 'trust',
      severity: 'high',
      message: `AssumeRolePolicyDocument ${trust.problem}; it cannot be judged.`,
    });
    return;
  }
  const seen = new Set<string>();
  for (const p of assumingPrincipals(trust.statements)) {
    if (seen.has(p.value)) continue;
    seen.add(p.value);
    if (p.kind === 'anyone') {
      out.push({
        check: 'trust',
        severity: 'critical',
        message:
          'the trust policy lets any AWS principal (Principal "*" or NotPrincipal) assume the role; trust only the Vault principal.',
      });
    } else if (p.kind === 'aws' && isWholeAccount(p.value)) {
      out.push({
        check: 'trust',
        severity: 'high',
        message: `the trust policy lets the whole account "${p.value}" assume the role, i.e. any principal in it that its own policies allow; trust only the Vault principal's role ARN.`,
      });
    }
  }
}
