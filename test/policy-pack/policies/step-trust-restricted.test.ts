import { agentStepTrustRestricted } from '../../../policy-pack/policies/step-trust-restricted';
import { VAULT_PRINCIPAL_ARN, type Props } from '../../support/harness';
import { stepMandatory, stepRole, stepVerdicts } from './step-fixtures';

const WHO = 'Agent "ticket-triager": trust policy of role "agent-ticket-triager"';
const withTrust = (...statements: object[]) =>
  stepRole(
    (p: Props) =>
      (p.assumeRolePolicy = JSON.stringify({ Version: '2012-10-17', Statement: statements })),
  );

describe('agent-step-trust-restricted', () => {
  test('Principal "*" is a violation at the role step', async () => {
    const role = withTrust({
      Effect: 'Allow',
      Principal: '*',
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
    expect(await stepVerdicts(agentStepTrustRestricted, role)).toEqual([
      stepMandatory(
        `${WHO}: Principal "*" lets any AWS principal assume the role; allow only "${VAULT_PRINCIPAL_ARN}".`,
      ),
      stepMandatory(
        `${WHO} does not let the Vault principal assume the role, so Vault cannot issue its credentials; allow "${VAULT_PRINCIPAL_ARN}" to call sts:AssumeRole and sts:TagSession.`,
      ),
    ]);
  });

  test('Vault without sts:TagSession and without the session tag condition', async () => {
    const role = withTrust({
      Effect: 'Allow',
      Principal: { AWS: VAULT_PRINCIPAL_ARN },
      Action: 'sts:AssumeRole',
    });
    expect(await stepVerdicts(agentStepTrustRestricted, role)).toEqual([
      stepMandatory(
        `${WHO} does not allow sts:TagSession for the Vault principal, so sessions cannot carry the "agent" tag; add "sts:TagSession" to the statement's actions.`,
      ),
      stepMandatory(
        `${WHO}: Statement[0] lets Vault assume the role without requiring the "agent" session tag; add the condition StringEquals "aws:RequestTag/agent": "ticket-triager".`,
      ),
    ]);
  });

  test('the compliant role passes', async () => {
    expect(await stepVerdicts(agentStepTrustRestricted, stepRole())).toEqual([]);
  });
});
