import { dayAfter, expiryProblem } from '../../../../policy-pack/lib/identity/expiry';

const NOW = new Date('2026-03-01T18:00:00Z');

describe('the expiry rule', () => {
  test.each([
    { case: 'today, the last usable day', value: '2026-03-01', max: 90, problem: undefined },
    { case: 'exactly the maximum away', value: '2026-05-30', max: 90, problem: undefined },
    {
      case: 'one day beyond the maximum',
      value: '2026-05-31',
      max: 90,
      problem: { kind: 'too-far', daysLeft: 91 },
    },
    { case: 'far away, with no maximum', value: '2099-01-01', max: undefined, problem: undefined },
    { case: 'yesterday', value: '2026-02-28', max: 90, problem: { kind: 'expired', daysLeft: -1 } },
    { case: 'an impossible date', value: '2026-02-30', max: 90, problem: { kind: 'malformed' } },
    { case: 'not text', value: 20260301, max: 90, problem: { kind: 'malformed' } },
  ])('$case', ({ value, max, problem }) => {
    expect(expiryProblem(value, NOW, max)).toEqual(problem);
  });

  test('the latest date allowed is counted in whole UTC days', () => {
    expect(dayAfter(NOW, 90)).toBe('2026-05-30');
    expect(dayAfter(new Date('2026-12-31T23:59:59Z'), 1)).toBe('2027-01-01');
  });
});
