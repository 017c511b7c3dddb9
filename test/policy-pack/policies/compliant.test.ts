/** The compliant fixtures are compliant: every policy of the pack yields nothing on them. */
import type { Policy, StackValidationPolicy } from '@pulumi/policy';
import { policies } from '../../../policy-pack/pack';
import {
  compliantStack,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';

useFixtureClockInEachTest();

const isStackPolicy = (p: Policy): p is StackValidationPolicy => 'validateStack' in p;
const stackPolicies = policies.filter(isStackPolicy);

test('every policy of the pack is a stack policy, so the table below covers the whole pack', () => {
  expect(stackPolicies.map((p) => p.name)).toEqual(policies.map((p) => p.name));
});

describe.each(stackPolicies.map((p) => [p.name, p] as const))('%s', (_name, policy) => {
  test.each<{ case: string; stack: () => AnalyzedResource[] }>([
    // The agent with its fleet: a boundary the pack cannot see does not count as one.
    { case: 'a compliant agent in its fleet', stack: () => compliantStack('ticket-triager') },
    {
      case: 'a compliant fleet of three agents',
      stack: () => compliantStack('ticket-triager', 'calendar-scheduler', 'report-reader'),
    },
  ])('$case yields no diagnostics', async ({ stack }) => {
    expect(await verdictsOf(policy, stack())).toEqual([]);
  });
});
