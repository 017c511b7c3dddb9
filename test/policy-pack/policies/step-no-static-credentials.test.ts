import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentStepNoStaticCredentials } from '../../../policy-pack/policies/step-no-static-credentials';
import { compliantAgent, compliantUrnOf, find, resource, withProps } from '../../support/harness';
import { stepMandatory, stepVerdicts } from './step-fixtures';

const VAULT_URN = compliantUrnOf(RESOURCE_TYPES.vaultAwsRole);
const VAULT_ROLE = 'Agent "ticket-triager": Vault AWS role "ticket-triager"';
const FIX =
  'give the agent short-lived STS credentials from a vault.aws.SecretBackendRole with credentialType "assumed_role" instead';
const withCredentialType = (credentialType: unknown) =>
  find(
    withProps(compliantAgent(), RESOURCE_TYPES.vaultAwsRole, (p) => {
      p.credentialType = credentialType;
    }),
    RESOURCE_TYPES.vaultAwsRole,
  );

describe('agent-step-no-static-credentials', () => {
  test('a Vault AWS role of credentialType iam_user is a violation at its step', async () => {
    expect(
      await stepVerdicts(agentStepNoStaticCredentials, withCredentialType('iam_user')),
    ).toEqual([
      stepMandatory(
        `${VAULT_ROLE} has credentialType "iam_user", which creates IAM users with long-lived access keys; use credentialType "assumed_role" with roleArns set to the agent's role.`,
        VAULT_URN,
      ),
    ]);
  });

  test('a federation_token Vault role is a violation at its step', async () => {
    expect(
      await stepVerdicts(agentStepNoStaticCredentials, withCredentialType('federation_token')),
    ).toEqual([
      stepMandatory(
        `${VAULT_ROLE} has credentialType "federation_token", which issues credentials derived from the Vault mount's own IAM user key, outside any agent role the pack can judge; use credentialType "assumed_role" with roleArns set to the agent's role.`,
        VAULT_URN,
      ),
    ]);
  });

  test.each([
    'IAM_USER',
    ' iam_user',
    'iam_user,assumed_role',
    'assumed_role,federation_token',
    '',
  ])(
    'a credentialType other than exactly "assumed_role" (%j) is a violation at its step',
    async (credentialType) => {
      expect(
        await stepVerdicts(agentStepNoStaticCredentials, withCredentialType(credentialType)),
      ).toEqual([
        stepMandatory(
          `${VAULT_ROLE} has credentialType ${JSON.stringify(credentialType)}, which is not "assumed_role", so which credentials it issues cannot be vouched for (Vault reads a list, and other credential types issue long-lived or mount-derived keys); use credentialType "assumed_role" with roleArns set to the agent's role.`,
          VAULT_URN,
        ),
      ]);
    },
  );

  test('a Vault static role is a violation at its step', async () => {
    const staticRole = resource(RESOURCE_TYPES.vaultAwsStaticRole, 'legacy', {
      backend: 'aws',
      name: 'legacy-agent',
      username: 'legacy-bot',
    });
    expect(await stepVerdicts(agentStepNoStaticCredentials, staticRole)).toEqual([
      stepMandatory(
        `Agent "legacy-agent": vault.aws.SecretBackendStaticRole "legacy-agent" hands out the long-lived access key of IAM user "legacy-bot"; ${FIX}.`,
        staticRole.urn,
      ),
    ]);
  });

  test('an assumed_role Vault role passes; access keys are left to the stack policy', async () => {
    expect(
      await stepVerdicts(agentStepNoStaticCredentials, withCredentialType('assumed_role')),
    ).toEqual([]);
    const key = resource(RESOURCE_TYPES.accessKey, 'key', { user: 'triager-bot' });
    expect(await stepVerdicts(agentStepNoStaticCredentials, key)).toEqual([]);
  });
});
