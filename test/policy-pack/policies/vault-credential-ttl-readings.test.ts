/**
 * agent-vault-credential-ttl reads TTLs and counts as Vault reads them (strings, negatives), and
 * judges the settings that make an agent's Vault login or a program's token long-lived.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentVaultCredentialTtl } from '../../../policy-pack/policies/vault-credential-ttl';
import {
  compliantUrnOf,
  mandatory,
  resource,
  useFixtureClockInEachTest,
  verdictsOf,
  withProps,
  type AnalyzedResource,
  type Props,
  type Verdict,
} from '../../support/harness';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const VAULT_URN = compliantUrnOf(RESOURCE_TYPES.vaultAwsRole);
const APPROLE_URN = compliantUrnOf(RESOURCE_TYPES.appRole);
const VAULT_ROLE = 'Agent "ticket-triager": Vault AWS role "ticket-triager"';
const APPROLE = 'Agent "ticket-triager": AppRole role "ticket-triager"';

describe('agent-vault-credential-ttl: values read as Vault reads them', () => {
  test.each<{ case: string; type: string; mutate: (p: Props) => void; verdict: Verdict }>([
    {
      case: 'a TTL given as a long duration string is judged by its length',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.tokenTtl = '768h'),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has tokenTtl 2764800 (32d), above the limit of 900 (15m) (vault.maxTokenTtlSeconds); set tokenTtl to at most 900.`,
      ),
    },
    {
      case: 'a TTL given as digits is seconds',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p) => (p.maxStsTtl = '43200'),
      verdict: mandatory(
        VAULT_URN,
        `${VAULT_ROLE} has maxStsTtl 43200 (12h), above the limit of 3600 (1h) (vault.maxStsTtlSeconds); set maxStsTtl to at most 3600.`,
      ),
    },
    {
      case: 'a negative TTL',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.tokenMaxTtl = -1),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has an unreadable tokenMaxTtl: -1 is negative, which Vault refuses or reads as unset, so how long it lasts cannot be told; set tokenMaxTtl to at most 3600 seconds.`,
      ),
    },
    {
      case: 'a TTL that is not a duration',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p) => (p.defaultStsTtl = 'fifteen minutes'),
      verdict: mandatory(
        VAULT_URN,
        `${VAULT_ROLE} has an unreadable defaultStsTtl: "fifteen minutes" is not a duration Vault reads (seconds, or a duration such as "15m"), so how long it lasts cannot be told; set defaultStsTtl to at most 900 seconds.`,
      ),
    },
    {
      case: 'tokenTtl "0" (the system default, 32 days)',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.tokenTtl = '0'),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has no tokenTtl (0), so tokens live for the mount's default TTL (32 days unless tuned); set tokenTtl to at most 900 (15m).`,
      ),
    },
    {
      case: 'secretIdNumUses "0" given as a string (unlimited)',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.secretIdNumUses = '0'),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has no secretIdNumUses (0), so a secret ID can be used without limit; set secretIdNumUses to a small positive number, e.g. 1.`,
      ),
    },
    {
      case: 'a negative secretIdNumUses',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.secretIdNumUses = -1),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has an unreadable secretIdNumUses: -1 is not a whole number of uses; set secretIdNumUses to a small positive number, e.g. 1.`,
      ),
    },
    {
      case: 'a negative tokenNumUses',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.tokenNumUses = -5),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has an unreadable tokenNumUses: -5 is not a whole number of uses; leave tokenNumUses unset (0, unlimited within the token's short TTL) or set a positive number.`,
      ),
    },
    {
      case: 'bindSecretId false: the role ID alone logs in',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.bindSecretId = false),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has bindSecretId false, so its role ID alone logs in: a long-lived credential that is not even secret; set bindSecretId to true.`,
      ),
    },
    {
      case: 'bindSecretId given as the string "false"',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.bindSecretId = 'false'),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has bindSecretId "false", so its role ID alone logs in: a long-lived credential that is not even secret; set bindSecretId to true.`,
      ),
    },
    {
      case: 'a token period given as a string',
      type: RESOURCE_TYPES.appRole,
      mutate: (p) => (p.tokenPeriod = '24h'),
      verdict: mandatory(
        APPROLE_URN,
        `${APPROLE} has tokenPeriod 86400 (1d), which makes tokens periodic and renewable forever, ignoring tokenMaxTtl; remove tokenPeriod.`,
      ),
    },
  ])('$case is a violation', async ({ type, mutate, verdict }) => {
    expect(
      await verdictsOf(agentVaultCredentialTtl, withProps(compliantAgent(), type, mutate)),
    ).toEqual([verdict]);
  });

  test.each<{ case: string; add: AnalyzedResource; messages: string[] }>([
    {
      case: 'a token with the root policy and no TTL',
      add: resource(RESOURCE_TYPES.vaultToken, 'bootstrap', { policies: ['root'] }),
      messages: [
        `Vault token "bootstrap", created next to agents, has no ttl (unset), so tokens live for the mount's default TTL (32 days unless tuned); set ttl to at most 900 (15m).`,
        `Vault token "bootstrap", created next to agents, has no explicitMaxTtl (unset), so tokens can be renewed up to the mount's maximum TTL (32 days unless tuned); set explicitMaxTtl to at most 3600 (1h).`,
      ],
    },
    {
      case: 'a periodic token with a TTL given as a string',
      add: resource(RESOURCE_TYPES.vaultToken, 'ci', {
        policies: ['ci'],
        ttl: '720h',
        renewable: false,
        period: '24h',
      }),
      messages: [
        `Vault token "ci", created next to agents, has ttl 2592000 (30d), above the limit of 900 (15m) (vault.maxTokenTtlSeconds); set ttl to at most 900.`,
        `Vault token "ci", created next to agents, has period 86400 (1d), which makes it periodic and renewable forever; remove period.`,
      ],
    },
    {
      case: "a JWT role named after the agent, with the mount's default TTLs",
      add: resource(RESOURCE_TYPES.vaultJwtRole, 'triager-jwt', {
        roleName: 'ticket-triager',
        tokenPolicies: ['agent-ticket-triager'],
      }),
      messages: [
        `Agent "ticket-triager": JWT/OIDC auth role "ticket-triager" has no tokenTtl (unset), so tokens live for the mount's default TTL (32 days unless tuned); set tokenTtl to at most 900 (15m).`,
        `Agent "ticket-triager": JWT/OIDC auth role "ticket-triager" has no tokenMaxTtl (unset), so tokens can be renewed up to the mount's maximum TTL (32 days unless tuned); set tokenMaxTtl to at most 3600 (1h).`,
      ],
    },
  ])('$case is a violation', async ({ add, messages }) => {
    expect(await verdictsOf(agentVaultCredentialTtl, [...compliantAgent(), add])).toEqual(
      messages.map((m) => mandatory(add.urn, m)),
    );
  });

  test('a short-lived, non-renewable token next to agents passes', async () => {
    const token = resource(RESOURCE_TYPES.vaultToken, 'smoke', {
      policies: ['smoke'],
      ttl: '10m',
      renewable: false,
    });
    expect(await verdictsOf(agentVaultCredentialTtl, [...compliantAgent(), token])).toEqual([]);
  });
});
