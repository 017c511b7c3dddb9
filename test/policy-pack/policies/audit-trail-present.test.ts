import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentAuditTrailPresent } from '../../../policy-pack/policies/audit-trail-present';
import { analyzeStack, normalizePolicyConfig } from '../../../offline';
import {
  compliantAuditTrail,
  compliantConfig,
  compliantFleet,
  compliantStack,
  resource,
  runStackPolicy,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';

useFixtureClockInEachTest();

const FIX =
  'add an AgentAuditTrail (it creates a CloudTrail trail with log file validation into an Object Lock bucket, and alerts on denied and suspended agents), or an aws.cloudtrail.Trail with enableLogFileValidation: true; if an organization trail in another stack records this account, set this policy to "disabled" in agent-iam.config.json';

function rawTrail(props: Record<string, unknown>): AnalyzedResource {
  return resource(RESOURCE_TYPES.cloudTrail, 'org-trail', {
    name: 'org-trail',
    s3BucketName: 'logs',
    ...props,
  });
}

/** An advisory on the stack as a whole: no resource. */
const onStack = (message: string): Verdict => ({ enforcementLevel: 'advisory', message });

const TWO_AGENTS = 'The stack declares 2 agents ("digest-writer", "ticket-triager")';

describe('agent-audit-trail-present', () => {
  test('is advisory by default', () => {
    expect(agentAuditTrailPresent.enforcementLevel).toBe('advisory');
  });

  test('a stack without agents needs no trail', async () => {
    expect(await verdictsOf(agentAuditTrailPresent, compliantFleet())).toEqual([]);
  });

  test('agents with an AgentAuditTrail pass', async () => {
    const stack = [...compliantStack('ticket-triager', 'digest-writer'), ...compliantAuditTrail()];
    expect(await verdictsOf(agentAuditTrailPresent, stack)).toEqual([]);
  });

  test('agents with a raw aws.cloudtrail.Trail that validates its log files pass', async () => {
    const stack = [
      ...compliantStack('ticket-triager'),
      rawTrail({ enableLogFileValidation: true }),
    ];
    expect(await verdictsOf(agentAuditTrailPresent, stack)).toEqual([]);
  });

  test.each([
    {
      case: 'no trail at all',
      extra: [] as AnalyzedResource[],
      message: `${TWO_AGENTS} but no CloudTrail trail records what they do; ${FIX}.`,
    },
    {
      case: 'a trail without log file validation',
      extra: [rawTrail({})],
      message: `${TWO_AGENTS} but no trail validates its log files: trail "org-trail" has enableLogFileValidation unset; set enableLogFileValidation: true (a literal, known at preview), or ${FIX}.`,
    },
    {
      case: 'a trail with log file validation turned off',
      extra: [rawTrail({ enableLogFileValidation: false })],
      message: `${TWO_AGENTS} but no trail validates its log files: trail "org-trail" has enableLogFileValidation false; set enableLogFileValidation: true (a literal, known at preview), or ${FIX}.`,
    },
    {
      case: 'a trail whose validation is unknown at preview (fails closed: reported)',
      extra: [rawTrail({ enableLogFileValidation: UNKNOWN })],
      message: `${TWO_AGENTS} but no trail validates its log files: trail "org-trail" has enableLogFileValidation unknown at preview (enableLogFileValidation), so it cannot be seen to be on; set enableLogFileValidation: true (a literal, known at preview), or ${FIX}.`,
    },
  ])('agents with $case: one advisory on the stack', async ({ extra, message }) => {
    const stack = [...compliantStack('ticket-triager', 'digest-writer'), ...extra];
    expect(await verdictsOf(agentAuditTrailPresent, stack)).toEqual([onStack(message)]);
  });

  test('one agent is named in the singular', async () => {
    expect(await verdictsOf(agentAuditTrailPresent, compliantStack('ticket-triager'))).toEqual([
      onStack(
        `The stack declares 1 agent ("ticket-triager") but no CloudTrail trail records what it does; ${FIX}.`,
      ),
    ]);
  });

  test('a long list of agents is cut after five names', async () => {
    const names = ['a-one', 'b-two', 'c-three', 'd-four', 'e-five', 'f-six', 'g-seven'];
    expect(await verdictsOf(agentAuditTrailPresent, compliantStack(...names))).toEqual([
      onStack(
        `The stack declares 7 agents ("a-one", "b-two", "c-three", "d-four", "e-five" and 2 more) but no CloudTrail trail records what they do; ${FIX}.`,
      ),
    ]);
  });

  test('the config can make it mandatory', async () => {
    const pack = {
      name: 'agent-iam',
      version: '0.1.0',
      enforcementLevel: 'mandatory' as const,
      policies: [agentAuditTrailPresent],
    };
    const config = normalizePolicyConfig(pack, {
      [agentAuditTrailPresent.name]: { enforcementLevel: 'mandatory', ...compliantConfig },
    });
    const result = await analyzeStack(pack, compliantStack('ticket-triager'), config);
    expect(result.diagnostics.map((d) => d.enforcementLevel)).toEqual(['mandatory']);
    // The default run, for contrast, is advisory.
    const byDefault = await runStackPolicy(
      agentAuditTrailPresent,
      compliantStack('ticket-triager'),
    );
    expect(byDefault.map((d) => d.enforcementLevel)).toEqual(['advisory']);
  });
});
