/** How close an agent is to its expiry date, for `report` and `audit`. */
import { daysUntil, isExpired, parseIsoDate } from '../policy-pack/lib/conventions';

/** An agent expiring within this many days is flagged for recertification. */
export const EXPIRES_SOON_DAYS = 14;

export type ExpiryStatus = 'ok' | 'soon' | 'expired' | 'invalid';

export interface Expiry {
  status: ExpiryStatus;
  /** Whole days from `now` to the expiry date; 0 on the last usable day, negative once past. */
  daysLeft?: number;
}

export function expiryOf(expiresOn: string, now: Date): Expiry {
  const date = parseIsoDate(expiresOn);
  if (!date) return { status: 'invalid' };
  const daysLeft = daysUntil(date, now);
  if (isExpired(date, now)) return { status: 'expired', daysLeft };
  return { status: daysLeft <= EXPIRES_SOON_DAYS ? 'soon' : 'ok', daysLeft };
}

/** `5 (expires soon)`, `-3 (expired)`, `41`, `invalid date`. */
export function describeDaysLeft(expiry: Expiry): string {
  if (expiry.status === 'invalid') return 'invalid date';
  const days = String(expiry.daysLeft);
  if (expiry.status === 'expired') return `${days} (expired)`;
  if (expiry.status === 'soon') return `${days} (expires soon)`;
  return days;
}
