/**
 * The expiry and maximum-lifetime rules: every agent carries a date (YYYY-MM-DD) after which it is
 * retired; it is usable through the whole of that day, and the date is at most `maxLifetimeDays`
 * away. The components' schema, the pack's agent-expiry-required and `agent-iam audit` judge
 * expiry dates here; each words the problem for its reader.
 */
import { daysUntil, isExpired, parseIsoDate } from '../conventions';

const DAY_MS = 86_400_000;

export type ExpiryProblem =
  | { kind: 'malformed' }
  /** `daysLeft` is negative: whole days since the date. */
  | { kind: 'expired'; daysLeft: number }
  | { kind: 'too-far'; daysLeft: number };

/**
 * What is wrong with an expiry date on day `now`, or undefined when it is right. Without
 * `maxLifetimeDays` the maximum lifetime is not judged.
 */
export function expiryProblem(
  value: unknown,
  now: Date,
  maxLifetimeDays?: number,
): ExpiryProblem | undefined {
  const date = typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (!date) return { kind: 'malformed' };
  const daysLeft = daysUntil(date, now);
  if (isExpired(date, now)) return { kind: 'expired', daysLeft };
  if (maxLifetimeDays !== undefined && daysLeft > maxLifetimeDays) {
    return { kind: 'too-far', daysLeft };
  }
  return undefined;
}

/** The day `days` after `now` (UTC), as YYYY-MM-DD: the latest expiry allowed today. */
export function dayAfter(now: Date, days: number): string {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight + days * DAY_MS).toISOString().slice(0, 10);
}
