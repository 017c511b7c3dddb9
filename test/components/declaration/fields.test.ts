import fc from 'fast-check';
import {
  durationProblem,
  expiryFieldProblem,
  ownerFieldProblem,
  tagValueProblem,
} from '../../../components/declaration/fields';
import {
  DEFAULT_LIMITS,
  lenientLimits,
  resolvedCredentials,
} from '../../../components/declaration/limits';
import { formatDuration } from '../../../policy-pack/lib/conventions';

const NOW = new Date('2026-01-10T12:00:00Z');
describe('expiry', () => {
  test.each([
    ['2026-01-10', undefined],
    ['2026-04-10', undefined],
    // A past date is no declaration error: the Agent component suspends the agent.
    ['2026-01-09', undefined],
    [
      '2026-04-11',
      '"2026-04-11" is 91 days away; the fleet allows at most 90 days, so use 2026-04-10 or earlier and renew it then',
    ],
    ['2026-02-30', '"2026-02-30" is not a date; write it as YYYY-MM-DD, e.g. "2026-02-09"'],
  ])('%s → %s', (value, message) => {
    expect(expiryFieldProblem(value, 90, NOW)).toBe(message);
  });

  test('any day within the lifetime is accepted, any later day refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (days) => {
        const date = new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        expect(expiryFieldProblem(date, 90, NOW) === undefined).toBe(days <= 90);
      }),
    );
  });
});

describe('durations', () => {
  const bounds = { min: 900, max: 3600, maxReason: "the fleet's maximum" };

  test('every well-formed duration is judged by its length alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (seconds) => {
        const problem = durationProblem(formatDuration(seconds), bounds);
        expect(problem === undefined).toBe(seconds >= 900 && seconds <= 3600);
      }),
    );
  });

  test('arbitrary text that is not a duration is named as such', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^(\d+(d|h|m|s))+$/.test(s)),
        (text) => {
          expect(durationProblem(text, bounds)).toBe(
            `${JSON.stringify(text)} is not a duration; write it like "15m", "1h" or "1h30m"`,
          );
        },
      ),
    );
  });

  test('missing credentials take the fleet defaults', () => {
    expect(resolvedCredentials(undefined, DEFAULT_LIMITS)).toEqual({
      ttlSeconds: 900,
      maxTtlSeconds: 3600,
    });
    expect(resolvedCredentials({ maxTtl: '30m' }, DEFAULT_LIMITS)).toEqual({
      ttlSeconds: 900,
      maxTtlSeconds: 1800,
    });
  });

  test('malformed fleet limits fall back to the defaults so agents are still judged', () => {
    expect(
      lenientLimits({ credentials: { ttl: 'soon', maxTtl: '2h' }, maxLifetimeDays: -3 }),
    ).toEqual({
      ttlSeconds: 900,
      maxTtlSeconds: 7200,
      maxLifetimeDays: 90,
    });
  });
});

describe('owners and tag values', () => {
  test.each([
    ['jane@example.com', undefined],
    ['team:payments', undefined],
    [
      'Team:Payments',
      '"Team:Payments" is not an owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments")',
    ],
    [
      'jane%x@example.com',
      '"jane%x@example.com" contains "%", which AWS tags do not allow; use letters, digits, spaces and _ . : / = + - @',
    ],
  ])('%s', (owner, message) => {
    expect(ownerFieldProblem(owner)).toBe(message);
  });

  test('tag values are refused exactly when they hold a character AWS tags refuse', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const allowed = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value);
        expect(tagValueProblem(value) === undefined).toBe(allowed);
      }),
    );
  });
});
