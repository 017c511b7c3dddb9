/**
 * Building blocks of the mock providers' answers: stable pseudo-random identifiers (so repeated
 * checks print the same names and ids) and values computed from parts that may still be unknown.
 */
import { createHash } from 'crypto';
import { UNKNOWN } from './policy-internals';

/** A short stable hex string, so repeated checks print the same names and ids. */
export function stableSuffix(seed: string, length = 7): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, length);
}

export function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function stableUpper(prefix: string, seed: string): string {
  return prefix + createHash('sha1').update(seed).digest('hex').slice(0, 17).toUpperCase();
}

/** `length` lower-case letters and digits, as API Gateway and AppSync ids are. */
export function stableAlphanumeric(seed: string, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from(bytes.subarray(0, length), (b) => alphabet[b % alphabet.length]).join('');
}

export const isKnownString = (v: unknown): v is string => typeof v === 'string' && v !== UNKNOWN;

/** A value computed from known parts, or unknown when any part is. */
export function from(parts: unknown[], build: (...known: string[]) => string): string {
  return parts.every(isKnownString) ? build(...(parts as string[])) : UNKNOWN;
}
