import { agentStepMaxSessionDuration } from '../../../policy-pack/policies/step-max-session-duration';
import { UNKNOWN, type Props } from '../../support/harness';
import {
  STEP_ROLE_URN,
  stepMandatory,
  stepRole,
  stepUnknownAtPreview,
  stepVerdicts,
} from './step-fixtures';

describe('agent-step-max-session-duration', () => {
  test('12 hour sessions are a violation at the role step', async () => {
    const role = stepRole((p: Props) => (p.maxSessionDuration = 43200));
    expect(await stepVerdicts(agentStepMaxSessionDuration, role)).toEqual([
      stepMandatory(
        'Agent "ticket-triager": role "agent-ticket-triager" has maxSessionDuration 43200 (12h), above the limit of 3600 (1h, maxSessionDurationSeconds); set maxSessionDuration to at most 3600.',
      ),
    ]);
  });

  test('a duration unknown at preview fails closed, worded for the step', async () => {
    const role = stepRole((p: Props) => (p.maxSessionDuration = UNKNOWN));
    expect(await stepVerdicts(agentStepMaxSessionDuration, role)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: STEP_ROLE_URN,
        message: stepUnknownAtPreview(
          'ticket-triager',
          'maxSessionDuration',
          'aws:iam/role:Role "ticket-triager-role".maxSessionDuration',
        ),
      },
    ]);
  });

  test('unknownAtPreview: advisory lowers the unknown to an advisory that says so', async () => {
    const role = stepRole((p: Props) => (p.maxSessionDuration = UNKNOWN));
    const [found] = await stepVerdicts(agentStepMaxSessionDuration, role, {
      unknownAtPreview: 'advisory',
    });
    expect(found.enforcementLevel).toBe('advisory');
    expect(found.message).toMatch(
      /Accepted as advisory by the policy-pack config \(unknownAtPreview: advisory\)\.$/,
    );
  });

  test("unset means AWS's default of one hour, within the limit", async () => {
    const role = stepRole((p: Props) => delete p.maxSessionDuration);
    expect(await stepVerdicts(agentStepMaxSessionDuration, role)).toEqual([]);
  });
});
