/**
 * Vault's generic writes (`vault.generic.Endpoint`, `vault.generic.Secret`) as a side door around
 * the typed Vault resources: an AWS secrets engine role or root config, a Vault policy (Vault's
 * `default` among them), an auth role, or other administration under `sys/`, each written to its
 * path instead of declared with its typed resource. Each case is the compliant fleet plus writes.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentNoStaticCredentials } from '../../../policy-pack/policies/no-static-credentials';
import { agentVaultTokenScoped } from '../../../policy-pack/policies/vault-token-scoped';
import {
  compliantStack,
  mandatory,
  resource,
  UNKNOWN,
  unknownAtPreview,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';

useFixtureClockInEachTest();

const AGENTS = ['ticket-triager', 'report-reader'];
const fleet = () => compliantStack(...AGENTS);
const BOTH = 'the credentials of agents "ticket-triager", "report-reader"';

const write = (
  type: 'endpoint' | 'secret',
  name: string,
  path: unknown,
  data: unknown,
): AnalyzedResource =>
  resource(
    type === 'endpoint' ? RESOURCE_TYPES.vaultGenericEndpoint : RESOURCE_TYPES.vaultGenericSecret,
    name,
    { path, dataJson: typeof data === 'string' || data === UNKNOWN ? data : JSON.stringify(data) },
  );

const ROLE_FIX =
  'declare it as a vault.aws.SecretBackendRole (for a role: credentialType "assumed_role", roleArns set to the agent\'s role, short STS TTLs).';

describe('agent-no-static-credentials: AWS secrets engine paths written generically', () => {
  test.each<{ case: string; add: AnalyzedResource; expected: (r: AnalyzedResource) => Verdict[] }>([
    {
      case: 'an "iam_user" role written by vault.generic.Endpoint to the fleet\'s mount',
      add: write('endpoint', 'evil-role', 'aws/roles/evil', {
        credential_type: 'iam_user',
        policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      }),
      expected: (r) => [
        mandatory(
          r.urn,
          `vault.generic.Endpoint "evil-role" writes "aws/roles/evil" of the Vault AWS secrets engine "aws", which decides what credentials agents get, and the pack judges only as a vault.aws.SecretBackendRole; ${ROLE_FIX}`,
        ),
      ],
    },
    {
      case: 'a "federation_token" role written by vault.generic.Secret to a mount the stack does not declare',
      add: write('secret', 'legacy-role', '/legacy-aws/roles/deployer/', {
        credential_type: 'federation_token',
      }),
      expected: (r) => [
        mandatory(
          r.urn,
          `vault.generic.Secret "legacy-role" writes "legacy-aws/roles/deployer" of the Vault AWS secrets engine "legacy-aws", which decides what credentials agents get, and the pack judges only as a vault.aws.SecretBackendRole; ${ROLE_FIX}`,
        ),
      ],
    },
    {
      case: 'a static root key written to the engine config',
      add: write('endpoint', 'root-config', 'aws/config/root', {
        access_key: 'AKIA-REDACTED',
        secret_key: 'x',
      }),
      expected: (r) => [
        mandatory(
          r.urn,
          `vault.generic.Endpoint "root-config" writes "aws/config/root" of the Vault AWS secrets engine "aws", which decides what credentials agents get, and the pack judges only as a vault.aws.SecretBackend; declare it as a vault.aws.SecretBackend (for a role: credentialType "assumed_role", roleArns set to the agent's role, short STS TTLs).`,
        ),
      ],
    },
    {
      case: "a static role written to the fleet's mount",
      add: write('endpoint', 'static', 'aws/static-roles/deployer', { username: 'deployer' }),
      expected: (r) => [
        mandatory(
          r.urn,
          `vault.generic.Endpoint "static" writes "aws/static-roles/deployer" of the Vault AWS secrets engine "aws", which decides what credentials agents get, and the pack judges only as a vault.aws.SecretBackendStaticRole; declare it as a vault.aws.SecretBackendStaticRole (for a role: credentialType "assumed_role", roleArns set to the agent's role, short STS TTLs).`,
        ),
      ],
    },
    {
      case: 'a write whose path is unknown at preview',
      add: write('endpoint', 'later', UNKNOWN, { credential_type: 'iam_user' }),
      expected: (r) => [
        mandatory(
          r.urn,
          unknownAtPreview(
            'later',
            'the path of vault.generic.Endpoint "later", which may write the Vault AWS secrets engine\'s roles or config,',
            'vault:generic/endpoint:Endpoint "later".path',
          ),
        ),
      ],
    },
    {
      case: 'a write under "roles" of an undeclared mount whose data is unknown at preview',
      add: write('endpoint', 'later-data', 'other/roles/x', UNKNOWN),
      expected: (r) => [
        mandatory(
          r.urn,
          unknownAtPreview(
            'later-data',
            'dataJson of vault.generic.Endpoint "later-data", a write to "other/roles/x" that may configure the Vault AWS secrets engine "other",',
            'vault:generic/endpoint:Endpoint "later-data".dataJson',
          ),
        ),
      ],
    },
  ])('$case is a violation', async ({ add, expected }) => {
    const added = structuredClone(add);
    expect(await verdictsOf(agentNoStaticCredentials, [...fleet(), added])).toEqual(
      expected(added),
    );
  });

  test('a KV secret under a path with "roles" in it, on no AWS mount and with no AWS field, passes', async () => {
    const kv = write('secret', 'team-roles', 'secret/roles/oncall', { lead: 'ops@example.com' });
    expect(await verdictsOf(agentNoStaticCredentials, [...fleet(), kv])).toEqual([]);
  });

  test('an "iam_user" role written generically is refused in a stack without agents too', async () => {
    const role = write('endpoint', 'evil-role', 'aws/roles/evil', { credential_type: 'iam_user' });
    expect(await verdictsOf(agentNoStaticCredentials, [role])).toEqual([
      mandatory(
        role.urn,
        `vault.generic.Endpoint "evil-role" writes "aws/roles/evil" of the Vault AWS secrets engine "aws", which decides what credentials agents get, and the pack judges only as a vault.aws.SecretBackendRole; ${ROLE_FIX}`,
      ),
    ]);
  });
});

describe('agent-vault-token-scoped: policies and auth roles written generically', () => {
  const ops = (policies: string[]) =>
    resource(RESOURCE_TYPES.vaultJwtRole, 'ci', { roleName: 'ci', tokenPolicies: policies });
  const CI = 'JWT/OIDC auth role "ci", which belongs to no agent, carries Vault policy';
  const FIX =
    'a token next to agents must reach neither, so remove the path from the policy or the policy from tokenPolicies.';

  test.each<{
    case: string;
    add: AnalyzedResource[];
    expected: (r: AnalyzedResource[]) => Verdict[];
  }>([
    {
      case: "Vault's default policy written to sys/policies/acl/default, reading every agent's credentials",
      add: [
        write('endpoint', 'default-acl', 'sys/policies/acl/default', {
          policy: 'path "aws/creds/*" { capabilities = ["read"] }',
        }),
      ],
      expected: ([w]) => [
        mandatory(
          w.urn,
          `Vault policy "default", which every token carries unless it sets no-default-policy, grants ["read"] on "aws/creds/*", reaching ${BOTH}; keep the default policy to a token's housekeeping on itself (Vault's built-in default) and grant the rest through named policies.`,
        ),
      ],
    },
    {
      case: 'a policy written by vault.generic.Secret to sys/policy/<name>, carried by an auth role',
      add: [
        ops(['ci-read']),
        write('secret', 'ci-acl', 'sys/policy/CI-Read', {
          policy: 'path "aws/sts/+" { capabilities = ["read"] }',
        }),
      ],
      expected: ([role]) => [
        mandatory(
          role.urn,
          `${CI} "ci-read", which grants ["read"] on "aws/sts/+", reaching ${BOTH}; ${FIX}`,
        ),
      ],
    },
    {
      case: 'a generic policy write with the name of a vault.Policy of the stack',
      add: [
        resource(RESOURCE_TYPES.vaultPolicy, 'ci-policy', {
          name: 'ci',
          policy: 'path "secret/data/ci/*" { capabilities = ["read"] }',
        }),
        write('endpoint', 'ci-shadow', 'sys/policies/acl/ci', {
          policy: 'path "secret/data/ci/*" { capabilities = ["read"] }',
        }),
      ],
      expected: ([, w]) => [
        mandatory(
          w.urn,
          'Vault policy "ci" is declared by 2 resources (vault.Policy or a generic write to sys/policy) ("ci-policy", "ci-shadow"); Vault keeps whichever is applied last, so what its tokens may do is ambiguous; declare each policy name once.',
        ),
      ],
    },
    {
      case: 'an AppRole role written by vault.generic.Secret to auth/',
      add: [
        write('secret', 'approle-write', 'auth/approle/role/ops-bot', { token_policies: ['root'] }),
      ],
      expected: ([w]) => [
        mandatory(
          w.urn,
          'vault.generic.Secret "auth/approle/role/ops-bot", which belongs to no agent, carries Vault policy "root", which allows everything in Vault; remove it from dataJson and give the token only the policies it needs.',
        ),
      ],
    },
    {
      case: 'a write to another sys/ path (a new auth mount)',
      add: [write('endpoint', 'enable-userpass', 'sys/auth/userpass', { type: 'userpass' })],
      expected: ([w]) => [
        mandatory(
          w.urn,
          'vault.generic.Endpoint "enable-userpass" writes "sys/auth/userpass", Vault administration next to agents (ticket-triager, report-reader) that the pack cannot judge; declare it with its typed resource (vault.Policy, vault.Mount, vault.AuthBackend, ...) or leave it out of this stack.',
        ),
      ],
    },
    {
      case: 'a generic write whose path is unknown at preview',
      add: [write('endpoint', 'later', UNKNOWN, { token_policies: ['ops'] })],
      expected: ([w]) => [
        mandatory(
          w.urn,
          unknownAtPreview(
            'later',
            'path of vault.generic.Endpoint "later"',
            'vault:generic/endpoint:Endpoint "later".path',
          ),
        ),
      ],
    },
  ])('$case is a violation', async ({ add, expected }) => {
    const added = structuredClone(add);
    expect(await verdictsOf(agentVaultTokenScoped, [...fleet(), ...added])).toEqual(
      expected(added),
    );
  });

  test("Vault's built-in default policy written generically passes", async () => {
    const w = write('endpoint', 'default-acl', 'sys/policies/acl/default', {
      policy: 'path "auth/token/lookup-self" { capabilities = ["read"] }',
    });
    expect(await verdictsOf(agentVaultTokenScoped, [...fleet(), w])).toEqual([]);
  });
});
