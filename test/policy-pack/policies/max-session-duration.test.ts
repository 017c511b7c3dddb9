import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentMaxSessionDuration } from '../../../policy-pack/policies/max-session-duration';
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

describe('agent-max-session-duration', () => {
  test.each([
    {
      case: '12 hour sessions',
      mutate: (p: Props) => (p.maxSessionDuration = 43200),
      verdicts: [
        mandatory(
          ROLE_URN,
          'Agent "ticket-triager": role "agent-ticket-triager" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
        ),
      ],
    },
    {
      case: 'duration unknown at preview',
      mutate: (p: Props) => (p.maxSessionDuration = UNKNOWN),
      verdicts: [
        mandatory(
          ROLE_URN,
          unknownAtPreview(
            'ticket-triager',
            'maxSessionDuration',
            'aws:iam/role:Role "ticket-triager-role".maxSessionDuration',
          ),
        ),
      ],
    },
    {
      case: "unset means AWS's default of one hour, which is within the limit",
      mutate: (p: Props) => delete p.maxSessionDuration,
      verdicts: [],
    },
    {
      case: '12 hour sessions written as a string, which the provider reads as a number',
      mutate: (p: Props) => (p.maxSessionDuration = ' 43200'),
      verdicts: [
        mandatory(
          ROLE_URN,
          'Agent "ticket-triager": role "agent-ticket-triager" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
        ),
      ],
    },
    ...['1e9', '12h', true, [43200]].map((value) => ({
      case: `a duration that is no number of seconds (${JSON.stringify(value)})`,
      mutate: (p: Props) => (p.maxSessionDuration = value),
      verdicts: [
        mandatory(
          ROLE_URN,
          `Agent "ticket-triager": role "agent-ticket-triager" has maxSessionDuration ${JSON.stringify(value)}, which is not a whole number of seconds, so how long its sessions last cannot be told; set maxSessionDuration to at most 3600.`,
        ),
      ],
    })),
  ])('$case', async ({ mutate, verdicts }) => {
    expect(await verdictsOf(agentMaxSessionDuration, withRoleProps(mutate))).toEqual(verdicts);
  });
});
