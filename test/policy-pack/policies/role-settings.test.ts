/** agent-permissions-boundary-required and agent-max-session-duration: one role field each. */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentMaxSessionDuration } from '../../../policy-pack/policies/max-session-duration';
import { agentPermissionsBoundaryRequired } from '../../../policy-pack/policies/permissions-boundary-required';
import {
  compliantAgent,
  find,
  runStackPolicy,
  UNKNOWN,
  useFixtureClock,
  verdicts,
  withProps,
} from '../harness';

beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

const ROLE_URN = find(compliantAgent(), RESOURCE_TYPES.role).urn;
const WHO = 'Agent "ticket-triager": role "agent-ticket-triager"';
const withRole = (mutate: (p: Record<string, unknown>) => void) =>
  withProps(compliantAgent(), RESOURCE_TYPES.role, mutate);

describe('agent-permissions-boundary-required', () => {
  test.each([
    {
      case: 'no boundary',
      mutate: (p: Record<string, unknown>) => delete p.permissionsBoundary,
      level: 'mandatory',
      message: `${WHO} has no permissionsBoundary; set permissionsBoundary to the fleet's boundary policy ARN.`,
    },
    {
      case: 'boundary that is not a policy ARN',
      mutate: (p: Record<string, unknown>) => (p.permissionsBoundary = 'agent-boundary'),
      level: 'mandatory',
      message: `${WHO} has permissionsBoundary "agent-boundary", which is not a managed policy ARN; set it to the fleet's boundary policy ARN, e.g. "arn:aws:iam::123456789012:policy/agents/agent-boundary".`,
    },
    {
      case: 'boundary unknown at preview',
      mutate: (p: Record<string, unknown>) => (p.permissionsBoundary = UNKNOWN),
      level: 'advisory',
      message:
        'Agent "ticket-triager": the permissions boundary is unknown at preview (.permissionsBoundary); it will be verified at update.',
    },
  ])('$case', async ({ mutate, level, message }) => {
    expect(
      verdicts(await runStackPolicy(agentPermissionsBoundaryRequired, withRole(mutate))),
    ).toEqual([{ enforcementLevel: level, urn: ROLE_URN, message }]);
  });
});

describe('agent-max-session-duration', () => {
  test.each([
    {
      case: '12 hour sessions',
      mutate: (p: Record<string, unknown>) => (p.maxSessionDuration = 43200),
      level: 'mandatory',
      message: `${WHO} has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.`,
    },
    {
      case: 'duration unknown at preview',
      mutate: (p: Record<string, unknown>) => (p.maxSessionDuration = UNKNOWN),
      level: 'advisory',
      message:
        'Agent "ticket-triager": maxSessionDuration is unknown at preview (.maxSessionDuration); it will be verified at update.',
    },
  ])('$case', async ({ mutate, level, message }) => {
    expect(verdicts(await runStackPolicy(agentMaxSessionDuration, withRole(mutate)))).toEqual([
      { enforcementLevel: level, urn: ROLE_URN, message },
    ]);
  });

  test("unset means AWS's default of one hour, which is within the limit", async () => {
    expect(
      await runStackPolicy(
        agentMaxSessionDuration,
        withRole((p) => delete p.maxSessionDuration),
      ),
    ).toEqual([]);
  });
});
