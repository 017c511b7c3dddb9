import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentPermissionsBoundaryRequired } from '../../../policy-pack/policies/permissions-boundary-required';
import {
  compliantUrnOf,
  mandatory,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withRoleProps,
  type Props,
  unknownAtPreview,
} from '../../support/harness';

useFixtureClockInEachTest();

const ROLE_URN = compliantUrnOf(RESOURCE_TYPES.role);
const WHO = 'Agent "ticket-triager": role "agent-ticket-triager"';

describe('agent-permissions-boundary-required', () => {
  test.each([
    {
      case: 'no boundary',
      mutate: (p: Props) => delete p.permissionsBoundary,
      verdict: mandatory(
        ROLE_URN,
        `${WHO} has no permissionsBoundary; set permissionsBoundary to the fleet's boundary policy ARN.`,
      ),
    },
    {
      case: 'boundary that is not a policy ARN',
      mutate: (p: Props) => (p.permissionsBoundary = 'agent-boundary'),
      verdict: mandatory(
        ROLE_URN,
        `${WHO} has permissionsBoundary "agent-boundary", which is not a managed policy ARN; set it to the fleet's boundary policy ARN, e.g. "arn:aws:iam::123456789012:policy/agents/agent-boundary".`,
      ),
    },
    {
      case: 'boundary unknown at preview',
      mutate: (p: Props) => (p.permissionsBoundary = UNKNOWN),
      verdict: mandatory(
        ROLE_URN,
        unknownAtPreview(
          'ticket-triager',
          'the permissions boundary',
          'aws:iam/role:Role "ticket-triager-role".permissionsBoundary',
        ),
      ),
    },
  ])('$case', async ({ mutate, verdict }) => {
    expect(await verdictsOf(agentPermissionsBoundaryRequired, withRoleProps(mutate))).toEqual([
      verdict,
    ]);
  });
});
