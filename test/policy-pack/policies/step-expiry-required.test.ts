import { agentStepExpiryRequired } from '../../../policy-pack/policies/step-expiry-required';
import { UNKNOWN, useFixtureClockInEachTest, type Props } from '../../support/harness';
import { stepMandatory, stepRole, stepVerdicts } from './step-fixtures';

useFixtureClockInEachTest();

const FIX = 'use a date as YYYY-MM-DD, at most 90 days away (on or before 2026-05-30)';
const withExpiry = (value: unknown) =>
  stepRole((p: Props) => ((p.tags as Record<string, unknown>)['agent:expires-on'] = value));

describe('agent-step-expiry-required', () => {
  test.each([
    {
      case: 'an expiry that has passed',
      role: () => withExpiry('2026-02-01'),
      message: `Agent "ticket-triager": tag "agent:expires-on" is "2026-02-01": the agent expired on 2026-02-01; retire it, or after review ${FIX}.`,
    },
    {
      case: 'an expiry beyond maxLifetimeDays',
      role: () => withExpiry('2027-01-01'),
      message: `Agent "ticket-triager": tag "agent:expires-on" is "2027-01-01", 306 days away, beyond the maximum lifetime of 90 days (maxLifetimeDays); ${FIX}.`,
    },
    {
      case: 'an expiry unknown at preview fails closed',
      role: () => withExpiry(UNKNOWN),
      message: `Agent "ticket-triager": tag "agent:expires-on" is unknown at preview (computed from another resource's output), so its expiry cannot be verified; set it to a literal date (${FIX}).`,
    },
  ])('$case is a violation at the role step', async ({ role, message }) => {
    expect(await stepVerdicts(agentStepExpiryRequired, role())).toEqual([stepMandatory(message)]);
  });

  test('the compliant role passes', async () => {
    expect(await stepVerdicts(agentStepExpiryRequired, stepRole())).toEqual([]);
  });
});
