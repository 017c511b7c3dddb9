/**
 * Reading a Vault duration as Vault reads it (`parseutil.ParseDurationSecond`, in
 * hashicorp/go-secure-stdlib/parseutil): a number is seconds, a string of digits is seconds, and
 * any other string is a Go duration (`"1h"`, `"1h30m"`, `"90s"`, `"1.5h"`) or whole days (`"7d"`).
 * The Pulumi provider types most TTLs as numbers and some (`vault.Token.ttl`) as strings; a
 * program can pass either through an `any`, so both are read. A value that cannot be read is a
 * problem, never a default: the caller refuses it.
 */

export type VaultDuration =
  { ok: true; seconds: number | undefined } | { ok: false; problem: string };

/** Go's `time.ParseDuration` units, in seconds. */
const GO_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

const GO_DURATION = /^([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/;

function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let seconds = 0;
  if (rest === '') return undefined;
  while (rest !== '') {
    const m = GO_DURATION.exec(rest);
    if (!m) return undefined;
    seconds += Number(m[1]) * GO_UNITS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return seconds;
}

/**
 * A TTL as seconds: `undefined` when unset (absent, null or an empty string, which Vault treats as
 * unset), a problem when it is not a duration, negative or not finite.
 */
export function readVaultDuration(value: unknown): VaultDuration {
  if (value === undefined || value === null || value === '')
    return { ok: true, seconds: undefined };
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+$/.test(text)) seconds = Number(text);
    else if (/^\d+d$/.test(text)) seconds = Number(text.slice(0, -1)) * 86_400;
    else {
      // Go reads an optional sign before the whole duration: "-1h30m" is minus 90 minutes.
      const go = parseGoDuration(text.replace(/^[-+]/, ''));
      seconds = go !== undefined && text.startsWith('-') ? -go : go;
    }
  }
  if (seconds === undefined || !Number.isFinite(seconds)) {
    return {
      ok: false,
      problem: `${JSON.stringify(value) ?? String(value)} is not a duration Vault reads (seconds, or a duration such as "15m")`,
    };
  }
  if (seconds < 0) {
    return {
      ok: false,
      problem: `${JSON.stringify(value)} is negative, which Vault refuses or reads as unset`,
    };
  }
  return { ok: true, seconds: Math.ceil(seconds) };
}
