/** The compliant fixtures are compliant: every policy of the pack yields nothing on them. */
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { policies } from '../../../policy-pack/pack';
import {
  compliantAuditTrail,
  compliantStack,
  runResourcePolicy,
  useFixtureClockInEachTest,
  verdicts,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';

useFixtureClockInEachTest();

const isStackPolicy = (p: Policy): p is StackValidationPolicy => 'validateStack' in p;
const stackPolicies = policies.filter(isStackPolicy);

const isResourcePolicy = (p: Policy): p is ResourceValidationPolicy => 'validateResource' in p;
const resourcePolicies = policies.filter(isResourcePolicy);

test('every policy of the pack is a stack or a resource policy, so the tables below cover it', () => {
  expect([...stackPolicies, ...resourcePolicies].map((p) => p.name).sort()).toEqual(
    policies.map((p) => p.name).sort(),
  );
  expect(resourcePolicies.map((p) => p.name).every((n) => n.startsWith('agent-step-'))).toBe(true);
});

/** The compliant agent without a boundary, its permissions inline: every step rule judges it. */
function inlineAgentStack(): AnalyzedResource[] {
  const stack = structuredClone(compliantStack('ticket-triager'));
  const role = stack.find((r) => r.type === RESOURCE_TYPES.role);
  if (!role) throw new Error('the compliant stack has no role');
  delete role.props.permissionsBoundary;
  role.props.inlinePolicies = [
    {
      name: 'read-tickets',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: ['arn:aws:s3:::tickets/incoming/*'],
          },
        ],
      }),
    },
  ];
  return stack;
}

describe.each(resourcePolicies.map((p) => [p.name, p] as const))('%s', (_name, policy) => {
  test.each<{ case: string; stack: () => AnalyzedResource[] }>([
    { case: 'a compliant agent in its fleet', stack: () => compliantStack('ticket-triager') },
    {
      case: 'a compliant fleet of three agents',
      stack: () => compliantStack('ticket-triager', 'calendar-scheduler', 'report-reader'),
    },
    { case: 'a compliant agent with inline permissions and no boundary', stack: inlineAgentStack },
  ])('$case: every resource yields no diagnostics at its step', async ({ stack }) => {
    const found = await Promise.all(
      stack().map(async (r) => verdicts(await runResourcePolicy(policy, r))),
    );
    expect(found.flat()).toEqual([]);
  });
});

describe.each(stackPolicies.map((p) => [p.name, p] as const))('%s', (_name, policy) => {
  // A compliant program records its agents: each stack has an AgentAuditTrail.
  test.each<{ case: string; stack: () => AnalyzedResource[] }>([
    // The agent with its fleet: a boundary the pack cannot see does not count as one.
    {
      case: 'a compliant agent in its fleet',
      stack: () => [...compliantStack('ticket-triager'), ...compliantAuditTrail()],
    },
    {
      case: 'a compliant fleet of three agents',
      stack: () => [
        ...compliantStack('ticket-triager', 'calendar-scheduler', 'report-reader'),
        ...compliantAuditTrail(),
      ],
    },
  ])('$case yields no diagnostics', async ({ stack }) => {
    expect(await verdictsOf(policy, stack())).toEqual([]);
  });
});
