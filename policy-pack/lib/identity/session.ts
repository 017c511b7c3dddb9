/**
 * The session-length rules: an agent's role allows sessions of at most `maxSessionDurationSeconds`
 * (one hour by default; an unset value is AWS's default of one hour), and Vault's TTLs stay within
 * what STS issues. The components' schema and document builders, the pack's
 * agent-max-session-duration and agent-vault-binding, and `agent-iam audit` judge sessions here.
 */
import { AWS_LIMITS, DEFAULTS } from '../defaults';

/**
 * A role's `maxSessionDuration` as written: unset (or null) is AWS's default, a number is seconds,
 * and a string of digits is what the provider reads it as (Pulumi converts a string to an integer
 * input); anything else is no number of seconds and cannot be judged.
 */
export function readSessionSeconds(
  value: unknown,
): { ok: true; seconds: number | undefined } | { ok: false } {
  if (value === undefined || value === null) return { ok: true, seconds: undefined };
  if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, seconds: value };
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
    return { ok: true, seconds: Number(value.trim()) };
  }
  return { ok: false };
}

/** A role's session limit as AWS applies it: unset means AWS's default. */
export function effectiveMaxSession(maxSessionDuration: number | undefined): number {
  return maxSessionDuration ?? AWS_LIMITS.roleMaxSessionDefaultSeconds;
}

/** The role's `maxSessionDuration` for credentials renewable up to `maxTtlSeconds`. */
export function maxSessionFor(maxTtlSeconds: number): number {
  return Math.max(AWS_LIMITS.roleMaxSessionDefaultSeconds, maxTtlSeconds);
}

/** Whether a role's session limit is above `limit` (the default limit unless given). */
export function sessionTooLong(
  maxSessionDuration: number | undefined,
  limit: number = DEFAULTS.maxSessionDurationSeconds,
): boolean {
  return effectiveMaxSession(maxSessionDuration) > limit;
}

export type SessionBounds = { min: number; max: number };

/** The bounds STS puts on any session, hence on every Vault TTL. */
export const STS_BOUNDS: SessionBounds = {
  min: AWS_LIMITS.stsMinSeconds,
  max: AWS_LIMITS.stsMaxSeconds,
};
