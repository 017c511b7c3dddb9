import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentVaultCredentialTtl } from '../../../policy-pack/policies/vault-credential-ttl';
import {
  compliantUrnOf,
  mandatory,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withProps,
  type Props,
  unknownAtPreview,
} from '../../support/harness';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const VAULT_URN = compliantUrnOf(RESOURCE_TYPES.vaultAwsRole);
const APPROLE_URN = compliantUrnOf(RESOURCE_TYPES.appRole);
const VAULT_ROLE = 'Agent "ticket-triager": Vault AWS role "ticket-triager"';
const APPROLE = 'Agent "ticket-triager": AppRole role "ticket-triager"';

describe('agent-vault-credential-ttl', () => {
  test.each([
    {
      case: '12 hour max STS TTL',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p: Props) => (p.maxStsTtl = 43200),
      verdict: mandatory(
        VAULT_URN,
        `${VAULT_ROLE} has maxStsTtl 43200 (12h), above the limit of 3600 (1h) (vault.maxStsTtlSeconds); set maxStsTtl to at most 3600.`,
      ),
    },
    {
      case: 'default STS TTL unset',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p: Props) => delete p.defaultStsTtl,
      verdict: mandatory(
        VAULT_URN,
        `${VAULT_ROLE} has no defaultStsTtl (unset), so Vault falls back to the mount's default lease TTL; set defaultStsTtl to at most 900 (15m).`,
      ),
    },
    {
      case: 'max STS TTL unknown at preview',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p: Props) => (p.maxStsTtl = UNKNOWN),
      verdict: mandatory(
        VAULT_URN,
        unknownAtPreview(
          'ticket-triager',
          'maxStsTtl of Vault AWS role "ticket-triager"',
          'vault:aws/secretBackendRole:SecretBackendRole "ticket-triager-vault-role".maxStsTtl',
        ),
      ),
    },
    {
      case: 'secret IDs never expire',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => (p.secretIdTtl = 0),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has no secretIdTtl (0), so secret IDs never expire; set secretIdTtl to at most 86400 (1d).`,
      ),
    },
    {
      case: 'unlimited secret ID uses',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => delete p.secretIdNumUses,
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has no secretIdNumUses (unset), so a secret ID can be used without limit; set secretIdNumUses to a small positive number, e.g. 1.`,
      ),
    },
    {
      case: 'token max TTL too long',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => (p.tokenMaxTtl = 86400),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has tokenMaxTtl 86400 (1d), above the limit of 3600 (1h) (vault.maxTokenMaxTtlSeconds); set tokenMaxTtl to at most 3600.`,
      ),
    },
    {
      case: 'periodic tokens',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => (p.tokenPeriod = 3600),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has tokenPeriod 3600 (1h), which makes tokens periodic and renewable forever, ignoring tokenMaxTtl; remove tokenPeriod.`,
      ),
    },
  ])('$case', async ({ type, mutate, verdict }) => {
    expect(
      await verdictsOf(agentVaultCredentialTtl, withProps(compliantAgent(), type, mutate)),
    ).toEqual([verdict]);
  });
});
