/**
 * Delegation between agents: agent A calls agent B by assuming B's role. The components write what
 * these rules accept, and `agent-delegation-safe` judges any role's trust by them, so the two
 * cannot drift apart.
 *
 * What B's trust requires of A's call (IAM User Guide, "Pass session tags in AWS STS", sections
 * "Chaining roles with session tags" and "Permissions required to add session tags"; "Monitor
 * and control actions taken with assumed roles" for `sts:SourceIdentity`):
 * - the caller is A's session: `aws:PrincipalTag/agent` equals A (the tag Vault or the runtime set);
 * - the new session is tagged `agent` = B, as Vault tags B's own sessions;
 * - a source identity is set (`sts:SourceIdentity` present). AWS keeps it through every later hop
 *   of the chain, and it cannot be changed once set;
 * - the user context travels: the first hop passes `on-behalf-of` as a transitive tag
 *   (`sts:TransitiveTagKeys`); on a later hop the tag is already on the caller's session
 *   (`aws:PrincipalTag/on-behalf-of`), since a transitive tag cannot be set again.
 * Each hop needs `sts:AssumeRole`, `sts:TagSession` (tags are passed) and `sts:SetSourceIdentity`
 * (a source identity is set or carried) in B's trust and in A's permissions.
 */
import { AGENT_SESSION_TAG } from '../conventions';
import type { TrustStatement } from '../trust';

/** The session tag that carries the end user an agent acts for, through every hop. */
export const ON_BEHALF_OF_TAG = 'on-behalf-of';

/** The role tag that lists, space-separated, the agents an agent may call. */
export const DELEGATES_TO_TAG = 'agent:delegates-to';

/** What a caller needs on the callee's role, and the callee's trust allows it. */
export const DELEGATION_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];

/** The longest delegation chain, in hops, when the config does not say. */
export const DEFAULT_MAX_DELEGATION_DEPTH = 2;

export type Conditions = Record<string, Record<string, string | string[]>>;

/** The two ways A may call B: starting the user's chain, or passing it on. */
export function delegationTrustConditions(
  caller: string,
  callee: string,
): { firstHop: Conditions; laterHop: Conditions } {
  const who = {
    [`aws:PrincipalTag/${AGENT_SESSION_TAG}`]: caller,
    [`aws:RequestTag/${AGENT_SESSION_TAG}`]: callee,
  };
  return {
    firstHop: {
      StringEquals: who,
      Null: { 'sts:SourceIdentity': 'false', [`aws:RequestTag/${ON_BEHALF_OF_TAG}`]: 'false' },
      'ForAnyValue:StringEquals': { 'sts:TransitiveTagKeys': [ON_BEHALF_OF_TAG] },
    },
    laterHop: {
      StringEquals: who,
      Null: { 'sts:SourceIdentity': 'false', [`aws:PrincipalTag/${ON_BEHALF_OF_TAG}`]: 'false' },
    },
  };
}

/** The value of `agent:delegates-to` for a list of callees; empty when there are none. */
export function delegatesToTagValue(callees: readonly string[]): string {
  return [...callees].sort().join(' ');
}

/** The callees an `agent:delegates-to` value lists. */
export function parseDelegatesTo(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/\s+/).filter((s) => s.length > 0) : [];
}

function conditionValues(s: TrustStatement, operators: string[], key: string): string[] {
  const out: string[] = [];
  for (const [operator, body] of Object.entries(s.conditions)) {
    if (!operators.includes(operator)) continue;
    for (const [k, v] of Object.entries(body)) {
      if (k.toLowerCase() !== key.toLowerCase()) continue;
      for (const x of Array.isArray(v) ? v : [v]) out.push(String(x));
    }
  }
  return out;
}

const EXACT = ['StringEquals', 'StringEqualsIgnoreCase'];

/** Whether the statement requires `key` to be present (`Null: false`). */
function requiresPresent(s: TrustStatement, key: string): boolean {
  return conditionValues(s, ['Null'], key).some((v) => v.toLowerCase() === 'false');
}

/**
 * What a trust statement that lets agent `caller` in fails to require of the call, each worded
 * as the condition to add; empty when it requires all of it.
 */
export function delegationTrustGaps(s: TrustStatement, caller: string): string[] {
  const gaps: string[] = [];
  const principalTag = `aws:PrincipalTag/${AGENT_SESSION_TAG}`;
  const tagValues = conditionValues(s, EXACT, principalTag);
  if (tagValues.length !== 1 || tagValues[0] !== caller) {
    gaps.push(`StringEquals "${principalTag}": "${caller}" (the caller's own agent session tag)`);
  }
  const sourceIdentity =
    requiresPresent(s, 'sts:SourceIdentity') ||
    conditionValues(s, [...EXACT, 'StringLike'], 'sts:SourceIdentity').length > 0;
  if (!sourceIdentity) {
    gaps.push('Null "sts:SourceIdentity": "false" (a source identity that survives every hop)');
  }
  const transitive = conditionValues(
    s,
    ['ForAnyValue:StringEquals', 'ForAllValues:StringEquals', 'StringEquals'],
    'sts:TransitiveTagKeys',
  ).includes(ON_BEHALF_OF_TAG);
  const passed = transitive && requiresPresent(s, `aws:RequestTag/${ON_BEHALF_OF_TAG}`);
  const carried = requiresPresent(s, `aws:PrincipalTag/${ON_BEHALF_OF_TAG}`);
  if (!passed && !carried) {
    gaps.push(
      `the "${ON_BEHALF_OF_TAG}" user context: Null "aws:RequestTag/${ON_BEHALF_OF_TAG}": "false" with ForAnyValue:StringEquals "sts:TransitiveTagKeys": "${ON_BEHALF_OF_TAG}" (or, on a later hop, Null "aws:PrincipalTag/${ON_BEHALF_OF_TAG}": "false")`,
    );
  }
  return gaps;
}

/** An agent role's name is `agent-<name>` (the components' naming), on any path. */
const AGENT_ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\/(?:[^/]+\/)*agent-([a-z][a-z0-9-]*)$/;

/** The agent a role ARN belongs to by the components' naming, or undefined. */
export function agentNameOfRoleArn(arn: string): string | undefined {
  return AGENT_ROLE_ARN.exec(arn)?.[1];
}
