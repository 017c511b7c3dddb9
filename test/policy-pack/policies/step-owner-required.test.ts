import { agentStepOwnerRequired } from '../../../policy-pack/policies/step-owner-required';
import {
  compliantConfig,
  UNKNOWN,
  useFixtureClockInEachTest,
  type Props,
} from '../../support/harness';
import { STEP_ROLE_URN, stepMandatory, stepRole, stepVerdicts } from './step-fixtures';

useFixtureClockInEachTest();

const HINT = 'use an e-mail address ("jane@example.com") or a team handle ("team:payments")';
const withOwner = (owner: unknown) =>
  stepRole((p: Props) => {
    const tags = p.tags as Record<string, unknown>;
    if (owner === undefined) delete tags['agent:owner'];
    else tags['agent:owner'] = owner;
  });

describe('agent-step-owner-required', () => {
  test.each([
    {
      case: 'owner tag missing',
      role: () => withOwner(undefined),
      message: `Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`,
    },
    {
      case: 'owner not an e-mail or team handle',
      role: () => withOwner('bob'),
      message: `Agent "ticket-triager": tag "agent:owner" is "bob", which is not an owner; ${HINT}.`,
    },
    {
      case: 'unregistered team',
      role: () => withOwner('team:growth'),
      message:
        'Agent "ticket-triager": tag "agent:owner" is "team:growth", whose team "growth" is not in the owner registry (support, finance, platform); use a registered team or add "growth" to owners.teams in the policy-pack config.',
    },
    {
      case: 'owner unknown at preview fails closed',
      role: () => withOwner(UNKNOWN),
      message: `Agent "ticket-triager": tag "agent:owner" is unknown at preview (computed from another resource's output), so its owner cannot be verified; set it to a literal value (${HINT}).`,
    },
  ])('$case is a violation at the role step', async ({ role, message }) => {
    expect(await stepVerdicts(agentStepOwnerRequired, role())).toEqual([stepMandatory(message)]);
  });

  test('the compliant role passes', async () => {
    expect(await stepVerdicts(agentStepOwnerRequired, stepRole())).toEqual([]);
  });

  test('a role without the agent name tag is left to the stack policy', async () => {
    const role = stepRole((p) => (p.tags = { 'agent:purpose': 'anything' }));
    expect(await stepVerdicts(agentStepOwnerRequired, role)).toEqual([]);
  });

  test('a role whose tag map is unknown at preview is not known to be an agent at its step', async () => {
    expect(
      await stepVerdicts(
        agentStepOwnerRequired,
        stepRole((p) => (p.tags = UNKNOWN)),
      ),
    ).toEqual([]);
  });

  test('an exemption from agent-owner-required in its section applies at the step too', async () => {
    const config = {
      ...compliantConfig,
      exemptionApprovers: ['security@example.com'],
      exemptions: [
        {
          policy: 'agent-owner-required',
          agent: 'ticket-triager',
          roleName: 'agent-ticket-triager',
          reason: 'Owner being hired',
          approvedBy: 'security@example.com',
          expiresOn: '2026-03-20',
        },
      ],
    };
    expect(await stepVerdicts(agentStepOwnerRequired, withOwner(undefined), config)).toEqual([
      {
        enforcementLevel: 'advisory',
        urn: STEP_ROLE_URN,
        message: `${stepMandatory(`Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`).message} Exempted by security@example.com until 2026-03-20: Owner being hired.`,
      },
    ]);
  });
});
