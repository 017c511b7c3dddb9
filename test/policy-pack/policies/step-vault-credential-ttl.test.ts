import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentStepVaultCredentialTtl } from '../../../policy-pack/policies/step-vault-credential-ttl';
import { agentVaultCredentialTtl } from '../../../policy-pack/policies/vault-credential-ttl';
import {
  compliantAgent,
  compliantUrnOf,
  find,
  UNKNOWN,
  verdictsOf,
  withProps,
  type Props,
} from '../../support/harness';
import { stepMandatory, stepUnknownAtPreview, stepVerdicts } from './step-fixtures';

const VAULT_URN = compliantUrnOf(RESOURCE_TYPES.vaultAwsRole);
const VAULT_ROLE = 'Agent "ticket-triager": Vault AWS role "ticket-triager"';
const vaultRole = (mutate: (p: Props) => void) =>
  find(
    withProps(compliantAgent(), RESOURCE_TYPES.vaultAwsRole, mutate),
    RESOURCE_TYPES.vaultAwsRole,
  );

describe('agent-step-vault-credential-ttl', () => {
  test.each([
    {
      case: '12 hour max STS TTL',
      mutate: (p: Props) => (p.maxStsTtl = 43200),
      message: `${VAULT_ROLE} has maxStsTtl 43200 (12h), above the limit of 3600 (1h) (vault.maxStsTtlSeconds); set maxStsTtl to at most 3600.`,
    },
    {
      case: 'default STS TTL unset',
      mutate: (p: Props) => delete p.defaultStsTtl,
      message: `${VAULT_ROLE} has no defaultStsTtl (unset), so Vault falls back to the mount's default lease TTL; set defaultStsTtl to at most 900 (15m).`,
    },
  ])('$case is a violation at the Vault role step, in the stack policy words', async (c) => {
    expect(await stepVerdicts(agentStepVaultCredentialTtl, vaultRole(c.mutate))).toEqual([
      stepMandatory(c.message, VAULT_URN),
    ]);
    const stack = withProps(compliantAgent(), RESOURCE_TYPES.vaultAwsRole, c.mutate);
    expect((await verdictsOf(agentVaultCredentialTtl, stack)).map((v) => v.message)).toContain(
      c.message,
    );
  });

  test('a max STS TTL unknown at preview fails closed, worded for the step', async () => {
    expect(
      await stepVerdicts(
        agentStepVaultCredentialTtl,
        vaultRole((p) => (p.maxStsTtl = UNKNOWN)),
      ),
    ).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: VAULT_URN,
        message: stepUnknownAtPreview(
          'ticket-triager',
          'maxStsTtl of Vault AWS role "ticket-triager"',
          'vault:aws/secretBackendRole:SecretBackendRole "ticket-triager-vault-role".maxStsTtl',
        ),
      },
    ]);
  });

  test('the compliant Vault role passes, and an iam_user role is left to no-static-credentials', async () => {
    expect(
      await stepVerdicts(
        agentStepVaultCredentialTtl,
        vaultRole(() => {}),
      ),
    ).toEqual([]);
    const iamUser = vaultRole((p) => {
      p.credentialType = 'iam_user';
      delete p.maxStsTtl;
    });
    expect(await stepVerdicts(agentStepVaultCredentialTtl, iamUser)).toEqual([]);
  });

  test('an AppRole role is not judged at its step: only stacks with agents judge it', async () => {
    const appRole = find(
      withProps(compliantAgent(), RESOURCE_TYPES.appRole, (p) => delete p.tokenTtl),
      RESOURCE_TYPES.appRole,
    );
    expect(await stepVerdicts(agentStepVaultCredentialTtl, appRole)).toEqual([]);
  });
});
