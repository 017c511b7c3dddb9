import fc from 'fast-check';
import {
  effectiveMaxSession,
  maxSessionFor,
  sessionTooLong,
} from '../../../../policy-pack/lib/identity/session';

describe('session duration', () => {
  test('a role built for a max TTL allows the max TTL, never below AWS’s one-hour floor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 900, max: 43_200 }), (maxTtl) => {
        const duration = maxSessionFor(maxTtl);
        expect(duration).toBe(Math.max(3600, maxTtl));
        expect(duration).toBeGreaterThanOrEqual(maxTtl);
      }),
    );
  });

  test.each([
    {
      case: 'unset is AWS’s default of one hour',
      value: undefined,
      effective: 3600,
      tooLong: false,
    },
    { case: 'one hour', value: 3600, effective: 3600, tooLong: false },
    { case: 'twelve hours', value: 43_200, effective: 43_200, tooLong: true },
  ])('$case', ({ value, effective, tooLong }) => {
    expect(effectiveMaxSession(value)).toBe(effective);
    expect(sessionTooLong(value)).toBe(tooLong);
  });

  test('a role built by the components is never too long for the default limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 900, max: 3600 }), (maxTtl) => {
        expect(sessionTooLong(maxSessionFor(maxTtl))).toBe(false);
      }),
    );
  });
});
