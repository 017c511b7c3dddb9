/**
 * The conventions that the components write and the policies read. Both import this module, so
 * an agent declared through the components is judged by exactly the rules it was built with.
 */

/** Tag keys every agent's AWS resources carry. The pack's config can rename them. */
export const AGENT_TAG_KEYS = {
  name: 'agent:name',
  owner: 'agent:owner',
  purpose: 'agent:purpose',
  expiresOn: 'agent:expires-on',
  managedBy: 'agent:managed-by',
} as const;

/** Pulumi type tokens of the components, as resources and URNs name them. */
export const COMPONENT_TYPES = {
  fleet: 'agent-iam:index:AgentFleet',
  agent: 'agent-iam:index:Agent',
  auditTrail: 'agent-iam:index:AgentAuditTrail',
} as const;

/** Value of `agent:managed-by` on resources the components create. */
export const MANAGED_BY = 'agent-iam';

/** The tag that says where a component agent runs (`vault` or a native runtime, `lib/runtimes.ts`). */
export const AGENT_RUNTIME_TAG = 'agent:runtime';

/** STS session tag that Vault sets and the trust policy requires to equal the agent's name. */
export const AGENT_SESSION_TAG = 'agent';

/** Lower-case kebab, at most 32 characters: it becomes the Vault role name and the STS session name. */
const AGENT_NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** @internal */
export const AGENT_NAME_MAX_LENGTH = 32;

export function agentNameProblem(name: string): string | undefined {
  if (name.length > AGENT_NAME_MAX_LENGTH) {
    return `is ${name.length} characters; use at most ${AGENT_NAME_MAX_LENGTH} (it becomes the Vault role and STS session name)`;
  }
  if (!AGENT_NAME_PATTERN.test(name)) {
    return 'is not lower-case kebab; use letters, digits and single hyphens, starting with a letter, e.g. "ticket-triager"';
  }
  return undefined;
}

const DURATION_PART = /(\d+)(d|h|m|s)/g;
const DURATION = /^(\d+(d|h|m|s))+$/;
const UNIT_SECONDS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 };

/** Parses `"15m"`, `"1h"`, `"1h30m"`, `"90s"`, `"7d"` into seconds; undefined when malformed. */
export function parseDuration(value: string): number | undefined {
  if (!DURATION.test(value)) return undefined;
  let seconds = 0;
  for (const [, amount, unit] of value.matchAll(DURATION_PART)) {
    seconds += Number(amount) * UNIT_SECONDS[unit];
  }
  return seconds;
}

/** Formats seconds as the shortest duration string, e.g. 5400 → "1h30m". */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  let rest = seconds;
  let out = '';
  for (const unit of ['d', 'h', 'm', 's']) {
    const size = UNIT_SECONDS[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a calendar date `YYYY-MM-DD` (UTC midnight); undefined when malformed or impossible. */
export function parseIsoDate(value: string): Date | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Rejects 2026-02-30, which Date would roll over into March.
  if (date.toISOString().slice(0, 10) !== value) return undefined;
  return date;
}

const DAY_MS = 86_400_000;

/** Whole days from `now` to `date`, rounded up; negative when the date is past. */
export function daysUntil(date: Date, now: Date): number {
  return Math.ceil((date.getTime() - now.getTime()) / DAY_MS);
}

/** An agent is usable through the whole of its `expiresOn` day, and expired from the next. */
export function isExpired(expiresOn: Date, now: Date): boolean {
  return now.getTime() >= expiresOn.getTime() + DAY_MS;
}
