/**
 * agent-vault-token-scoped beyond the agent's own token: every token source of the stack, Vault's
 * default policy, duplicate policy names. Each case is the compliant fleet plus one thing.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentVaultTokenScoped } from '../../../policy-pack/policies/vault-token-scoped';
import {
  compliantStack,
  find,
  mandatory,
  resource,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';

useFixtureClockInEachTest();

const AGENTS = ['ticket-triager', 'report-reader'];
const fleet = () => compliantStack(...AGENTS);
const BOTH = 'the credentials of agents "ticket-triager", "report-reader"';

const vaultPolicy = (pulumiName: string, name: string, rules: Record<string, string[]>) =>
  resource(RESOURCE_TYPES.vaultPolicy, pulumiName, {
    name,
    policy: JSON.stringify({
      path: Object.fromEntries(Object.entries(rules).map(([p, c]) => [p, { capabilities: c }])),
    }),
  });

/** Vault's built-in default policy, as vault/policy_store.go ships it (abridged to its paths). */
const BUILT_IN_DEFAULT = `
path "auth/token/lookup-self" { capabilities = ["read"] }
path "auth/token/renew-self" { capabilities = ["update"] }
path "auth/token/revoke-self" { capabilities = ["update"] }
path "sys/capabilities-self" { capabilities = ["update"] }
path "identity/entity/id/{{identity.entity.id}}" { capabilities = ["read"] }
path "sys/leases/renew" { capabilities = ["update"] }
path "cubbyhole/*" { capabilities = ["create", "read", "update", "delete", "list"] }
path "sys/wrapping/unwrap" { capabilities = ["update"] }
path "sys/tools/random/*" { capabilities = ["update"] }
`;

const opsBot = (tokenPolicies: unknown) =>
  resource(RESOURCE_TYPES.appRole, 'ops-bot', {
    backend: 'approle',
    roleName: 'ops-bot',
    tokenPolicies,
  });
const OPS_BOT = 'AppRole role "ops-bot", which belongs to no agent, carries Vault policy';
const FIX = (field: string) =>
  `a token next to agents must reach neither, so remove the path from the policy or the policy from ${field}.`;

interface Case {
  case: string;
  add: AnalyzedResource[];
  expected: (added: AnalyzedResource[]) => Verdict[];
}

const cases: Case[] = [
  {
    case: "an AppRole that is no agent's, reading every agent's credentials and sys/*",
    add: [
      opsBot(['ops']),
      vaultPolicy('ops', 'ops', { 'aws/sts/*': ['read'], 'sys/*': ['sudo', 'update'] }),
    ],
    expected: ([bot]) => [
      mandatory(
        bot.urn,
        `${OPS_BOT} "ops", which grants ["read"] on "aws/sts/*", reaching ${BOTH}; ${FIX('tokenPolicies')}`,
      ),
      mandatory(
        bot.urn,
        `${OPS_BOT} "ops", which grants ["sudo","update"] on "sys/*", reaching Vault administration ("sys/"); ${FIX('tokenPolicies')}`,
      ),
    ],
  },
  {
    case: 'a Vault policy name written in another case and with spaces is the same policy (Vault lower-cases it)',
    add: [opsBot([' OPS ']), vaultPolicy('ops', 'ops', { '*': ['list'] })],
    expected: ([bot]) => [
      mandatory(
        bot.urn,
        `${OPS_BOT} "ops", which grants ["list"] on "*", reaching ${BOTH} and Vault administration ("sys/", "auth/", "identity/", "aws/config/", "aws/roles/", "aws/static-roles/", "aws/static-creds/"); ${FIX('tokenPolicies')}`,
      ),
    ],
  },
  {
    case: "a + segment reaches one agent, and that agent's Vault role (aws/roles/report-reader)",
    add: [
      resource(RESOURCE_TYPES.vaultEntityPolicies, 'ops-entity-policies', {
        entityName: 'ops',
        entityId: 'e-1',
        policies: ['ops'],
      }),
      vaultPolicy('ops', 'ops', { 'aws/+/report-reader': ['update'] }),
    ],
    expected: ([attachment]) => [
      mandatory(
        attachment.urn,
        `identity.EntityPolicies of entity "ops", which belongs to no agent, carries Vault policy "ops", which grants ["update"] on "aws/+/report-reader", reaching the credentials of agent "report-reader" and Vault administration ("aws/config/", "aws/roles/", "aws/static-roles/", "aws/static-creds/"); ${FIX('policies')}`,
      ),
    ],
  },
  {
    case: 'a templated path reaches whichever agent the entity is named after',
    add: [
      resource(RESOURCE_TYPES.vaultAwsAuthRole, 'ec2-login', {
        role: 'ec2-login',
        tokenPolicies: ['per-entity'],
      }),
      vaultPolicy('per-entity', 'per-entity', { 'aws/creds/{{identity.entity.name}}': ['read'] }),
    ],
    expected: ([role]) => [
      mandatory(
        role.urn,
        `AWS auth role "ec2-login", which belongs to no agent, carries Vault policy "per-entity", which grants ["read"] on "aws/creds/{{identity.entity.name}}", reaching ${BOTH}; ${FIX('tokenPolicies')}`,
      ),
    ],
  },
  {
    case: 'an identity group with the root policy',
    add: [resource(RESOURCE_TYPES.vaultGroup, 'admins', { name: 'admins', policies: ['root'] })],
    expected: ([group]) => [
      mandatory(
        group.urn,
        'identity group "admins", which belongs to no agent, carries Vault policy "root", which allows everything in Vault; remove it from policies and give the token only the policies it needs.',
      ),
    ],
  },
  {
    case: 'GroupPolicies with " Root" (Vault trims and lower-cases it to root)',
    add: [
      resource(RESOURCE_TYPES.vaultGroupPolicies, 'admins-policies', {
        groupName: 'admins',
        groupId: 'g-1',
        policies: [' Root'],
      }),
    ],
    expected: ([attachment]) => [
      mandatory(
        attachment.urn,
        'identity.GroupPolicies of group "admins", which belongs to no agent, carries Vault policy "root", which allows everything in Vault; remove it from policies and give the token only the policies it needs.',
      ),
    ],
  },
  {
    case: 'a token created with the root policy',
    add: [resource(RESOURCE_TYPES.vaultToken, 'bootstrap', { policies: ['root'] })],
    expected: ([token]) => [
      mandatory(
        token.urn,
        'Vault token "bootstrap", which belongs to no agent, carries Vault policy "root", which allows everything in Vault; remove it from policies and give the token only the policies it needs.',
      ),
    ],
  },
  {
    case: 'a token carrying a policy the stack does not declare',
    add: [resource(RESOURCE_TYPES.vaultToken, 'ci', { policies: ['terraform'] })],
    expected: ([token]) => [
      mandatory(
        token.urn,
        'Vault token "ci", which belongs to no agent, carries Vault policy "terraform", which is not a vault.Policy of this stack, so what it grants cannot be judged; declare it here or remove it from policies.',
      ),
    ],
  },
  {
    case: 'a JWT role administering identities',
    add: [
      resource(RESOURCE_TYPES.vaultJwtRole, 'ci-jwt', { roleName: 'ci', tokenPolicies: ['idm'] }),
      vaultPolicy('idm', 'idm', { 'identity/entity/*': ['create', 'update'] }),
    ],
    expected: ([role]) => [
      mandatory(
        role.urn,
        `JWT/OIDC auth role "ci", which belongs to no agent, carries Vault policy "idm", which grants ["create","update"] on "identity/entity/*", reaching Vault administration ("identity/"); ${FIX('tokenPolicies')}`,
      ),
    ],
  },
  {
    case: "a Kubernetes role named after an agent may reach only that agent's credentials",
    add: [
      resource(RESOURCE_TYPES.vaultKubernetesRole, 'triager-k8s', {
        roleName: 'ticket-triager',
        tokenPolicies: ['reader-creds'],
      }),
      vaultPolicy('reader-creds', 'reader-creds', { 'aws/sts/report-reader': ['read'] }),
    ],
    expected: ([role]) => [
      mandatory(
        role.urn,
        'Agent "ticket-triager": Kubernetes auth role "ticket-triager" carries Vault policy "reader-creds", which grants ["read"] on "aws/sts/report-reader", the credentials of agent "report-reader", beyond the agent\'s own credentials ("aws/sts/ticket-triager", "aws/creds/ticket-triager"); limit the policy to those paths.',
      ),
    ],
  },
  {
    case: 'a generic write of an AppRole role with token_policies as a comma list',
    add: [
      resource(RESOURCE_TYPES.vaultGenericEndpoint, 'ops-role-write', {
        path: 'auth/approle/role/ops-bot',
        dataJson: JSON.stringify({ token_policies: 'default,ops' }),
      }),
      vaultPolicy('ops', 'ops', { 'aws/roles/*': ['update'] }),
    ],
    expected: ([endpoint]) => [
      mandatory(
        endpoint.urn,
        `vault.generic.Endpoint "auth/approle/role/ops-bot", which belongs to no agent, carries Vault policy "ops", which grants ["update"] on "aws/roles/*", reaching Vault administration ("aws/roles/"); ${FIX('dataJson')}`,
      ),
    ],
  },
  {
    case: 'token policies that are not a list of names',
    add: [opsBot('ops')],
    expected: ([bot]) => [
      mandatory(
        bot.urn,
        'AppRole role "ops-bot": tokenPolicies is "ops", not a list of policy names, so the policies of its tokens cannot be judged next to agents; write them as a list of names.',
      ),
    ],
  },
  {
    case: "Vault's default policy granting every agent's credentials",
    add: [vaultPolicy('default-policy', 'default', { 'aws/creds/*': ['read'] })],
    expected: ([policy]) => [
      mandatory(
        policy.urn,
        `Vault policy "default", which every token carries unless it sets no-default-policy, grants ["read"] on "aws/creds/*", reaching ${BOTH}; keep the default policy to a token's housekeeping on itself (Vault's built-in default) and grant the rest through named policies.`,
      ),
    ],
  },
  {
    case: "Vault's default policy granting auth/* and another engine's credentials",
    add: [
      resource(RESOURCE_TYPES.vaultAwsBackend, 'legacy-engine', { path: 'aws-legacy' }),
      vaultPolicy('default-policy', 'default', {
        'auth/*': ['update'],
        'aws-legacy/sts/deployer': ['read'],
      }),
    ],
    expected: ([, policy]) => [
      mandatory(
        policy.urn,
        `Vault policy "default", which every token carries unless it sets no-default-policy, grants ["update"] on "auth/*", reaching Vault administration ("auth/"); keep the default policy to a token's housekeeping on itself (Vault's built-in default) and grant the rest through named policies.`,
      ),
      mandatory(
        policy.urn,
        `Vault policy "default", which every token carries unless it sets no-default-policy, grants ["read"] on "aws-legacy/sts/deployer", reaching AWS credentials ("aws-legacy/sts/"); keep the default policy to a token's housekeeping on itself (Vault's built-in default) and grant the rest through named policies.`,
      ),
    ],
  },
  {
    case: 'self-service paths with more than Vault gives them are administration',
    add: [
      opsBot(['ops']),
      vaultPolicy('ops', 'ops', { 'auth/token/lookup-self': ['read', 'sudo'] }),
    ],
    expected: ([bot]) => [
      mandatory(
        bot.urn,
        `${OPS_BOT} "ops", which grants ["read","sudo"] on "auth/token/lookup-self", reaching Vault administration ("auth/"); ${FIX('tokenPolicies')}`,
      ),
    ],
  },
];

describe('agent-vault-token-scoped: every token source of the stack', () => {
  test.each(cases)('$case is a violation', async (c) => {
    const added = structuredClone(c.add);
    expect(await verdictsOf(agentVaultTokenScoped, [...fleet(), ...added])).toEqual(
      c.expected(added),
    );
  });

  test('two vault.Policy resources with one name are refused, and both are judged', async () => {
    const stack = fleet();
    const shadow = vaultPolicy('shadow', 'Agent-Ticket-Triager ', { 'aws/*': ['read'] });
    const approle = find(stack, RESOURCE_TYPES.appRole);
    expect(await verdictsOf(agentVaultTokenScoped, [...stack, shadow])).toEqual([
      mandatory(
        shadow.urn,
        'Vault policy "agent-ticket-triager" is declared by 2 vault.Policy resources ("ticket-triager-vault-policy", "shadow"); Vault keeps whichever is applied last, so what its tokens may do is ambiguous; declare each policy name once.',
      ),
      mandatory(
        approle.urn,
        'Agent "ticket-triager": AppRole role "ticket-triager" carries Vault policy "agent-ticket-triager", which grants ["read"] on "aws/*", a wildcard path, beyond the agent\'s own credentials ("aws/sts/ticket-triager", "aws/creds/ticket-triager"); limit the policy to those paths.',
      ),
    ]);
  });

  test.each<{ case: string; add: AnalyzedResource[] }>([
    {
      case: "Vault's built-in default policy, written out in the stack",
      add: [
        resource(RESOURCE_TYPES.vaultPolicy, 'default-policy', {
          name: 'default',
          policy: BUILT_IN_DEFAULT,
        }),
      ],
    },
    {
      case: 'a token source whose policy only denies',
      add: [opsBot(['ops']), vaultPolicy('ops', 'ops', { 'aws/*': ['deny'], 'sys/*': ['deny'] })],
    },
    {
      case: 'a token source reading an unrelated secrets engine',
      add: [
        opsBot(['ops', 'default']),
        vaultPolicy('ops', 'ops', {
          'secret/data/ops/*': ['read'],
          'auth/token/lookup-self': ['read'],
        }),
      ],
    },
    {
      case: 'a generic endpoint that writes no auth or identity path',
      add: [
        resource(RESOURCE_TYPES.vaultGenericEndpoint, 'kv-config', {
          path: 'secret/config',
          dataJson: '{"max_versions":5}',
        }),
      ],
    },
  ])('$case passes', async ({ add }) => {
    expect(await verdictsOf(agentVaultTokenScoped, [...fleet(), ...add])).toEqual([]);
  });
});
