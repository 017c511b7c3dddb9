/**
 * The longest wait between two runs of a cron schedule, as Vault's rotation schedules read it:
 * the standard five fields (minute, hour, day of month, month, day of week) or a descriptor
 * (`@yearly`, `@monthly`, `@weekly`, `@daily`, `@hourly`, `@every <duration>`), parsed as
 * robfig/cron v3 `ParseStandard` does (parser.go and spec.go, v3.0.1): names for months and
 * weekdays, lists, ranges and steps; when both day fields are restricted a day matches either.
 *
 * Runs are laid out over eight years from 2024-01-01 (UTC), two leap-year cycles, which shows
 * every gap a schedule of these fields can have but the 28-year weekday cycle of 29 February.
 */
import { readVaultDuration } from './durations';

export type CronInterval = { ok: true; longestSeconds: number } | { ok: false; problem: string };

const DAY = 86_400;
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  namesFrom?: number;
}
const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 6, names: WEEKDAYS, namesFrom: 0 },
];

class CronProblem extends Error {}

function valueOf(text: string, spec: FieldSpec): number {
  const upper = text.toUpperCase();
  const named = spec.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (spec.namesFrom ?? 0);
  if (!/^\d+$/.test(text)) throw new CronProblem(`"${text}" is not a ${spec.name}`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new CronProblem(`${spec.name} ${n} is outside ${spec.min}-${spec.max}`);
  }
  return n;
}

/** The values one field allows, and whether it was written as `*` or `?` (unrestricted). */
function parseField(text: string, spec: FieldSpec): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronProblem(`"${part}" has two steps`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0 || (stepText ?? '1').trim() === '') {
      throw new CronProblem(`"${part}" has step "${stepText}"`);
    }
    let low: number;
    let high: number;
    if (range === '*' || range === '?') {
      [low, high] = [spec.min, spec.max];
      // robfig/cron keeps the star bit of `*` and `*/1`, not of `*/2` (getRange, "extra").
      star ||= step === 1;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [low, high] = [valueOf(a, spec), valueOf(b, spec)];
      if (low > high) throw new CronProblem(`range "${range}" runs backwards`);
    } else {
      low = valueOf(range, spec);
      high = stepText === undefined ? low : spec.max;
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return { values, star };
}

function fiveFields(expression: string): string[] {
  const text = expression.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  const fields = (DESCRIPTORS[text.toLowerCase()] ?? text).split(/\s+/);
  if (fields.length !== 5) {
    throw new CronProblem(
      `has ${fields.length} fields; write five (minute hour day month weekday)`,
    );
  }
  return fields;
}

const WINDOW_DAYS = 2922;
const EPOCH = Date.UTC(2024, 0, 1);

/** The longest time between two runs of `expression`, in seconds; a problem when unreadable. */
export function longestCronInterval(expression: string): CronInterval {
  const every = /^@every\s+(.+)$/i.exec(expression.trim());
  if (every) {
    const d = readVaultDuration(every[1]);
    if (!d.ok || !d.seconds)
      return { ok: false, problem: `"${expression}" has no readable interval` };
    return { ok: true, longestSeconds: d.seconds };
  }
  try {
    const [minutes, hours, dom, months, dow] = fiveFields(expression).map((f, i) =>
      parseField(f, FIELDS[i]),
    );
    const times = [...hours.values]
      .flatMap((h) => [...minutes.values].map((m) => h * 3600 + m * 60))
      .sort((a, b) => a - b);
    let longestInDay = 0;
    for (let i = 1; i < times.length; i++)
      longestInDay = Math.max(longestInDay, times[i] - times[i - 1]);
    let previousDay: number | undefined;
    let runDays = 0;
    let longest = longestInDay;
    for (let day = 0; day < WINDOW_DAYS; day++) {
      const date = new Date(EPOCH + day * DAY * 1000);
      if (!months.values.has(date.getUTCMonth() + 1)) continue;
      const domMatch = dom.values.has(date.getUTCDate());
      const dowMatch = dow.values.has(date.getUTCDay());
      const match = dom.star || dow.star ? domMatch && dowMatch : domMatch || dowMatch;
      if (!match) continue;
      if (previousDay !== undefined) {
        const gap = (day - previousDay) * DAY + times[0] - times[times.length - 1];
        longest = Math.max(longest, gap);
      }
      previousDay = day;
      runDays++;
    }
    if (previousDay === undefined) {
      return { ok: false, problem: `"${expression}" never runs` };
    }
    // Once in eight years: at least that long between runs.
    if (runDays === 1) return { ok: true, longestSeconds: WINDOW_DAYS * DAY };
    return { ok: true, longestSeconds: longest };
  } catch (e) {
    if (e instanceof CronProblem) return { ok: false, problem: `"${expression}" ${e.message}` };
    throw e;
  }
}
