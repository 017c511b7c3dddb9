/**
 * A fleet's limits on its agents' credentials and lifetime, with the defaults of
 * `policy-pack/lib/defaults.ts`, and how one agent's credentials resolve against them.
 */
import { parseDuration } from '../../policy-pack/lib/conventions';
import { DEFAULTS } from '../../policy-pack/lib/defaults';
import { STS_BOUNDS } from '../../policy-pack/lib/identity/session';

export interface FleetLimits {
  ttlSeconds: number;
  maxTtlSeconds: number;
  maxLifetimeDays: number;
}

export const DEFAULT_LIMITS: FleetLimits = {
  ttlSeconds: DEFAULTS.ttlSeconds,
  maxTtlSeconds: DEFAULTS.maxTtlSeconds,
  maxLifetimeDays: DEFAULTS.maxLifetimeDays,
};

/** @internal Reads the fleet's limits from raw input, falling back to defaults where it is malformed. */
export function lenientLimits(raw: unknown): FleetLimits {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const credentials = (
    typeof input.credentials === 'object' && input.credentials !== null ? input.credentials : {}
  ) as Record<string, unknown>;
  const seconds = (value: unknown, fallback: number) => {
    const parsed = typeof value === 'string' ? parseDuration(value) : undefined;
    return parsed !== undefined && parsed >= STS_BOUNDS.min && parsed <= STS_BOUNDS.max
      ? parsed
      : fallback;
  };
  const days = input.maxLifetimeDays;
  return {
    ttlSeconds: seconds(credentials.ttl, DEFAULT_LIMITS.ttlSeconds),
    maxTtlSeconds: seconds(credentials.maxTtl, DEFAULT_LIMITS.maxTtlSeconds),
    maxLifetimeDays:
      typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 366
        ? days
        : DEFAULT_LIMITS.maxLifetimeDays,
  };
}

/** Per-agent credential settings resolved against the fleet defaults, in seconds. */
export function resolvedCredentials(
  credentials: { ttl?: string; maxTtl?: string } | undefined,
  limits: FleetLimits,
): { ttlSeconds: number; maxTtlSeconds: number } {
  const ttlSeconds = credentials?.ttl !== undefined ? parseDuration(credentials.ttl) : undefined;
  const maxTtlSeconds =
    credentials?.maxTtl !== undefined ? parseDuration(credentials.maxTtl) : undefined;
  // Validation has already ensured ttl ≤ maxTtl ≤ the fleet's maximum.
  return {
    ttlSeconds: ttlSeconds ?? limits.ttlSeconds,
    maxTtlSeconds: maxTtlSeconds ?? limits.maxTtlSeconds,
  };
}
