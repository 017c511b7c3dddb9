import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentExpiryRequired } from '../../../policy-pack/policies/expiry-required';
import {
  compliantUrnOf,
  mandatory,
  UNKNOWN,
  useFixtureClock,
  useFixtureClockInEachTest,
  verdictsOf,
  withRoleTag,
  withRoleTagKey,
  type AnalyzedResource,
} from '../../support/harness';

// The fixture clock is 2026-03-01T12:00Z; with maxLifetimeDays 90 the latest date is 2026-05-30.
useFixtureClockInEachTest();

const ROLE_URN = compliantUrnOf(RESOURCE_TYPES.role);
const FIX = 'use a date as YYYY-MM-DD, at most 90 days away (on or before 2026-05-30)';
const WHO = 'Agent "ticket-triager": tag "agent:expires-on"';
const withExpiry = (value: unknown) => withRoleTag('agent:expires-on', value);

describe('agent-expiry-required', () => {
  test.each<{ case: string; stack: () => AnalyzedResource[]; message: string }>([
    {
      case: 'expiry missing',
      stack: () => withExpiry(undefined),
      message: `${WHO} is missing; add it and ${FIX}.`,
    },
    {
      case: 'expiry not a date',
      stack: () => withExpiry('next year'),
      message: `${WHO} is "next year", which is not a date; ${FIX}.`,
    },
    {
      case: 'impossible date',
      stack: () => withExpiry('2026-02-30'),
      message: `${WHO} is "2026-02-30", which is not a date; ${FIX}.`,
    },
    {
      case: 'expired agent',
      stack: () => withExpiry('2026-02-28'),
      message: `${WHO} is "2026-02-28": the agent expired on 2026-02-28; retire it, or after review ${FIX}.`,
    },
    {
      case: 'beyond the maximum lifetime',
      stack: () => withExpiry('2026-05-31'),
      message: `${WHO} is "2026-05-31", 91 days away, beyond the maximum lifetime of 90 days (maxLifetimeDays); ${FIX}.`,
    },
    {
      case: 'expiry computed from an output fails closed',
      stack: () => withExpiry(UNKNOWN),
      message: `${WHO} is unknown at preview (computed from another resource's output), so its expiry cannot be verified; set it to a literal date (${FIX}).`,
    },
    {
      case: 'an expiry key with a leading space is named in the violation',
      stack: () => withRoleTagKey('agent:expires-on', ' agent:expires-on'),
      message: `${WHO} is missing: the role has " agent:expires-on" instead, a different key because of its spaces; rename it to "agent:expires-on" and ${FIX}.`,
    },
  ])('$case', async ({ stack, message }) => {
    expect(await verdictsOf(agentExpiryRequired, stack())).toEqual([mandatory(ROLE_URN, message)]);
  });

  test.each(['2026-03-01', '2026-05-30'])(
    '%s (today, or exactly the maximum away) passes',
    async (date) => {
      expect(await verdictsOf(agentExpiryRequired, withExpiry(date))).toEqual([]);
    },
  );

  test.each([
    {
      case: 'an agent expiring today fails the next day',
      now: new Date('2026-03-02T00:00:00Z'),
      expiresOn: '2026-03-01',
      config: undefined,
      message: `${WHO} is "2026-03-01": the agent expired on 2026-03-01; retire it, or after review use a date as YYYY-MM-DD, at most 90 days away (on or before 2026-05-31).`,
    },
    {
      case: 'maxLifetimeDays from the config sets the limit',
      now: undefined,
      expiresOn: '2026-04-01',
      config: { vaultPrincipalArns: [], maxLifetimeDays: 30 },
      message: `${WHO} is "2026-04-01", 31 days away, beyond the maximum lifetime of 30 days (maxLifetimeDays); use a date as YYYY-MM-DD, at most 30 days away (on or before 2026-03-31).`,
    },
  ])('$case', async ({ now, expiresOn, config, message }) => {
    useFixtureClock(now);
    expect(await verdictsOf(agentExpiryRequired, withExpiry(expiresOn), config)).toEqual([
      mandatory(ROLE_URN, message),
    ]);
  });
});
