import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentExpiryRequired } from '../../../policy-pack/policies/expiry-required';
import {
  compliantAgent,
  find,
  runStackPolicy,
  UNKNOWN,
  useFixtureClock,
  verdicts,
  withProps,
} from '../harness';

// The fixture clock is 2026-03-01T12:00Z; with maxLifetimeDays 90 the latest date is 2026-05-30.
beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

const ROLE_URN = find(compliantAgent(), RESOURCE_TYPES.role).urn;
const FIX = 'use a date as YYYY-MM-DD, at most 90 days away (on or before 2026-05-30)';
const WHO = 'Agent "ticket-triager": tag "agent:expires-on"';
const withExpiry = (value: unknown) =>
  withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => {
    const tags = p.tags as Record<string, unknown>;
    if (value === undefined) delete tags['agent:expires-on'];
    else tags['agent:expires-on'] = value;
  });

describe('agent-expiry-required', () => {
  test.each([
    { case: 'expiry missing', value: undefined, message: `${WHO} is missing; add it and ${FIX}.` },
    {
      case: 'expiry not a date',
      value: 'next year',
      message: `${WHO} is "next year", which is not a date; ${FIX}.`,
    },
    {
      case: 'impossible date',
      value: '2026-02-30',
      message: `${WHO} is "2026-02-30", which is not a date; ${FIX}.`,
    },
    {
      case: 'expired agent',
      value: '2026-02-28',
      message: `${WHO} is "2026-02-28": the agent expired on 2026-02-28; retire it, or after review ${FIX}.`,
    },
    {
      case: 'beyond the maximum lifetime',
      value: '2026-05-31',
      message: `${WHO} is "2026-05-31", 91 days away, beyond the maximum lifetime of 90 days (maxLifetimeDays); ${FIX}.`,
    },
    {
      case: 'expiry computed from an output fails closed',
      value: UNKNOWN,
      message: `${WHO} is unknown at preview (computed from another resource's output), so its expiry cannot be verified; set it to a literal date (${FIX}).`,
    },
  ])('$case', async ({ value, message }) => {
    expect(verdicts(await runStackPolicy(agentExpiryRequired, withExpiry(value)))).toEqual([
      { enforcementLevel: 'mandatory', urn: ROLE_URN, message },
    ]);
  });

  test.each(['2026-03-01', '2026-05-30'])(
    '%s (today, or exactly the maximum away) passes',
    async (date) => {
      expect(await runStackPolicy(agentExpiryRequired, withExpiry(date))).toEqual([]);
    },
  );

  test('an agent expiring today fails the next day', async () => {
    useFixtureClock(new Date('2026-03-02T00:00:00Z'));
    expect(verdicts(await runStackPolicy(agentExpiryRequired, withExpiry('2026-03-01')))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message: `${WHO} is "2026-03-01": the agent expired on 2026-03-01; retire it, or after review use a date as YYYY-MM-DD, at most 90 days away (on or before 2026-05-31).`,
      },
    ]);
  });

  test('maxLifetimeDays from the config sets the limit', async () => {
    const ds = await runStackPolicy(agentExpiryRequired, withExpiry('2026-04-01'), {
      vaultPrincipalArns: [],
      maxLifetimeDays: 30,
    });
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message: `${WHO} is "2026-04-01", 31 days away, beyond the maximum lifetime of 30 days (maxLifetimeDays); use a date as YYYY-MM-DD, at most 30 days away (on or before 2026-03-31).`,
      },
    ]);
  });
});
