/** agent-no-static-credentials, agent-vault-credential-ttl and agent-vault-binding. */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentNoStaticCredentials } from '../../../policy-pack/policies/no-static-credentials';
import { agentVaultBinding } from '../../../policy-pack/policies/vault-binding';
import { agentVaultCredentialTtl } from '../../../policy-pack/policies/vault-credential-ttl';
import {
  compliantAgent,
  find,
  resource,
  roleArn,
  runStackPolicy,
  UNKNOWN,
  useFixtureClock,
  verdicts,
  withProps,
} from '../harness';

beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

const agent = compliantAgent();
const ROLE_URN = find(agent, RESOURCE_TYPES.role).urn;
const VAULT_URN = find(agent, RESOURCE_TYPES.vaultAwsRole).urn;
const APPROLE_URN = find(agent, RESOURCE_TYPES.appRole).urn;
const ARN = roleArn('agent-ticket-triager', '/agents/');
const FIX =
  'give the agent short-lived STS credentials from a vault.aws.SecretBackendRole with credentialType "assumed_role" instead';
type Props = Record<string, unknown>;

describe('agent-no-static-credentials', () => {
  test('a Vault AWS role issuing iam_user credentials', async () => {
    const ds = await runStackPolicy(
      agentNoStaticCredentials,
      withProps(agent, RESOURCE_TYPES.vaultAwsRole, (p) => (p.credentialType = 'iam_user')),
    );
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: VAULT_URN,
        message:
          'Agent "ticket-triager": Vault AWS role "ticket-triager" has credentialType "iam_user", which creates IAM users with long-lived access keys; use credentialType "assumed_role" with roleArns set to the agent\'s role.',
      },
    ]);
  });

  test.each(['federation_token', 'session_token'])(
    "a Vault AWS role issuing %s credentials from the mount's own IAM user",
    async (credentialType) => {
      const ds = await runStackPolicy(
        agentNoStaticCredentials,
        withProps(agent, RESOURCE_TYPES.vaultAwsRole, (p) => (p.credentialType = credentialType)),
      );
      expect(verdicts(ds)).toEqual([
        {
          enforcementLevel: 'mandatory',
          urn: VAULT_URN,
          message: `Agent "ticket-triager": Vault AWS role "ticket-triager" has credentialType "${credentialType}", which issues credentials derived from the Vault mount's own IAM user key, outside any agent role the pack can judge; use credentialType "assumed_role" with roleArns set to the agent's role.`,
        },
      ]);
    },
  );

  test('an IAM user and access key tagged as the agent', async () => {
    const user = resource(RESOURCE_TYPES.user, 'triager-user', {
      name: 'triager-bot',
      tags: { 'agent:name': 'ticket-triager' },
    });
    const key = resource(RESOURCE_TYPES.accessKey, 'triager-key', { user: 'triager-bot' });
    expect(verdicts(await runStackPolicy(agentNoStaticCredentials, [...agent, user, key]))).toEqual(
      [
        {
          enforcementLevel: 'mandatory',
          urn: user.urn,
          message: `Agent "ticket-triager": IAM user "triager-bot" belongs to the agent; agents must not be IAM users; delete it and ${FIX}.`,
        },
        {
          enforcementLevel: 'mandatory',
          urn: key.urn,
          message: `Agent "ticket-triager": aws.iam.AccessKey "triager-key" is a long-lived key for the agent's IAM user "triager-bot"; delete it and ${FIX}.`,
        },
      ],
    );
  });

  test('an untagged user and key next to agents: the key is refused, the user is an advisory', async () => {
    const user = resource(RESOURCE_TYPES.user, 'ci', { name: 'ci' });
    const key = resource(RESOURCE_TYPES.accessKey, 'ci-key', { user: UNKNOWN });
    expect(verdicts(await runStackPolicy(agentNoStaticCredentials, [...agent, user, key]))).toEqual(
      [
        {
          enforcementLevel: 'advisory',
          urn: user.urn,
          message: `IAM user "ci" is declared next to agents (ticket-triager); check that no agent uses it; if one does, delete it and ${FIX}.`,
        },
        {
          enforcementLevel: 'mandatory',
          urn: key.urn,
          message: `aws.iam.AccessKey "ci-key" (user unknown at preview) is a long-lived key declared next to agents (ticket-triager); delete it and ${FIX}.`,
        },
      ],
    );
  });

  test('a Vault static role', async () => {
    const staticRole = resource(RESOURCE_TYPES.vaultAwsStaticRole, 'legacy', {
      backend: 'aws',
      name: 'legacy-agent',
      username: 'legacy-bot',
      rotationPeriod: 86400,
    });
    expect(
      verdicts(await runStackPolicy(agentNoStaticCredentials, [...agent, staticRole])),
    ).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: staticRole.urn,
        message: `Agent "legacy-agent": vault.aws.SecretBackendStaticRole "legacy-agent" hands out the long-lived access key of IAM user "legacy-bot"; ${FIX}.`,
      },
    ]);
  });

  test('users and keys in a stack without agents are not judged', async () => {
    const user = resource(RESOURCE_TYPES.user, 'ci', { name: 'ci' });
    const key = resource(RESOURCE_TYPES.accessKey, 'ci-key', { user: 'ci' });
    expect(await runStackPolicy(agentNoStaticCredentials, [user, key])).toEqual([]);
  });
});

describe('agent-vault-credential-ttl', () => {
  test.each([
    {
      case: '12 hour max STS TTL',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p: Props) => (p.maxStsTtl = 43200),
      urn: VAULT_URN,
      level: 'mandatory',
      message:
        'Agent "ticket-triager": Vault AWS role "ticket-triager" has maxStsTtl 43200 (12h), above the limit of 3600 (1h) (vault.maxStsTtlSeconds); set maxStsTtl to at most 3600.',
    },
    {
      case: 'default STS TTL unset',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p: Props) => delete p.defaultStsTtl,
      urn: VAULT_URN,
      level: 'mandatory',
      message:
        'Agent "ticket-triager": Vault AWS role "ticket-triager" has no defaultStsTtl (unset), so Vault falls back to the mount\'s default lease TTL; set defaultStsTtl to at most 900 (15m).',
    },
    {
      case: 'max STS TTL unknown at preview',
      type: RESOURCE_TYPES.vaultAwsRole,
      mutate: (p: Props) => (p.maxStsTtl = UNKNOWN),
      urn: VAULT_URN,
      level: 'advisory',
      message:
        'Agent "ticket-triager": maxStsTtl of Vault AWS role "ticket-triager" is unknown at preview (.maxStsTtl); it will be verified at update.',
    },
    {
      case: 'secret IDs never expire',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => (p.secretIdTtl = 0),
      urn: APPROLE_URN,
      level: 'mandatory',
      message:
        'Agent "ticket-triager": AppRole role "ticket-triager" has no secretIdTtl (0), so secret IDs never expire; set secretIdTtl to at most 86400 (1d).',
    },
    {
      case: 'unlimited secret ID uses',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => delete p.secretIdNumUses,
      urn: APPROLE_URN,
      level: 'mandatory',
      message:
        'Agent "ticket-triager": AppRole role "ticket-triager" has no secretIdNumUses (unset), so a secret ID can be used without limit; set secretIdNumUses to a small positive number, e.g. 1.',
    },
    {
      case: 'token max TTL too long',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => (p.tokenMaxTtl = 86400),
      urn: APPROLE_URN,
      level: 'mandatory',
      message:
        'Agent "ticket-triager": AppRole role "ticket-triager" has tokenMaxTtl 86400 (1d), above the limit of 3600 (1h) (vault.maxTokenMaxTtlSeconds); set tokenMaxTtl to at most 3600.',
    },
    {
      case: 'periodic tokens',
      type: RESOURCE_TYPES.appRole,
      mutate: (p: Props) => (p.tokenPeriod = 3600),
      urn: APPROLE_URN,
      level: 'mandatory',
      message:
        'Agent "ticket-triager": AppRole role "ticket-triager" has tokenPeriod 3600 (1h), which makes tokens periodic and renewable forever, ignoring tokenMaxTtl; remove tokenPeriod.',
    },
  ])('$case', async ({ type, mutate, urn, level, message }) => {
    expect(
      verdicts(await runStackPolicy(agentVaultCredentialTtl, withProps(agent, type, mutate))),
    ).toEqual([{ enforcementLevel: level, urn, message }]);
  });
});

describe('agent-vault-binding', () => {
  const WHO = 'Agent "ticket-triager": role "agent-ticket-triager"';
  test('an agent role no Vault role targets', async () => {
    const ds = await runStackPolicy(
      agentVaultBinding,
      agent.filter((r) => r.type !== RESOURCE_TYPES.vaultAwsRole),
    );
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message: `${WHO} is targeted by no Vault AWS role, so its credentials cannot come from Vault; declare a vault.aws.SecretBackendRole with credentialType "assumed_role" and roleArns set to this role's ARN.`,
      },
    ]);
  });

  test('two roles under one agent name', async () => {
    const role = find(agent, RESOURCE_TYPES.role);
    const copyArn = roleArn('agent-ticket-triager-copy', '/agents/');
    const copy = resource(RESOURCE_TYPES.role, 'copy-role', {
      ...role.props,
      name: 'agent-ticket-triager-copy',
      arn: copyArn,
    });
    const copyVault = resource(RESOURCE_TYPES.vaultAwsRole, 'copy-vault-role', {
      ...find(agent, RESOURCE_TYPES.vaultAwsRole).props,
      name: 'ticket-triager-copy',
      roleArns: [copyArn],
    });
    const ds = await runStackPolicy(agentVaultBinding, [...agent, copy, copyVault]);
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message: `${WHO} shares the agent name with role "agent-ticket-triager-copy"; an agent is one identity with one role: give each role its own agent:name.`,
      },
      {
        enforcementLevel: 'mandatory',
        urn: copy.urn,
        message:
          'Agent "ticket-triager": role "agent-ticket-triager-copy" shares the agent name with role "agent-ticket-triager"; an agent is one identity with one role: give each role its own agent:name.',
      },
    ]);
  });

  test('two Vault roles targeting one agent role', async () => {
    const second = resource(RESOURCE_TYPES.vaultAwsRole, 'second', {
      backend: 'aws',
      name: 'second',
      credentialType: 'assumed_role',
      roleArns: [ARN],
      defaultStsTtl: 900,
      maxStsTtl: 3600,
    });
    expect(verdicts(await runStackPolicy(agentVaultBinding, [...agent, second]))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message: `${WHO} is targeted by 2 Vault AWS roles ("ticket-triager", "second"); keep exactly one, so that credentials and the audit log are per agent.`,
      },
    ]);
  });

  test('a Vault role that also targets an untagged role: a shadow agent', async () => {
    const shadowArn = roleArn('shadow');
    const shadow = resource(RESOURCE_TYPES.role, 'shadow', {
      name: 'shadow',
      arn: shadowArn,
      maxSessionDuration: 3600,
    });
    const resources = withProps(
      [...agent, shadow],
      RESOURCE_TYPES.vaultAwsRole,
      (p) => (p.roleArns = [ARN, shadowArn]),
    );
    const ds = verdicts(await runStackPolicy(agentVaultBinding, resources));
    expect(ds).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: VAULT_URN,
        message: `Agent "ticket-triager": Vault AWS role "ticket-triager" targets 2 roles ("${ARN}", "${shadowArn}"); a Vault role must target exactly one agent role, so declare one Vault role per agent.`,
      },
      {
        enforcementLevel: 'mandatory',
        urn: VAULT_URN,
        message: `Agent "ticket-triager": Vault AWS role "ticket-triager" targets role "${shadowArn}", whose tag "agent:name" is missing: a shadow agent; declare the role as an agent (tags agent:name, agent:owner, agent:expires-on) or remove it from roleArns.`,
      },
    ]);
  });

  test('a Vault role targeting a role outside the stack', async () => {
    const outside = 'arn:aws:iam::210987654321:role/admin';
    const resources = withProps(
      agent,
      RESOURCE_TYPES.vaultAwsRole,
      (p) => (p.roleArns = [outside]),
    );
    const ds = verdicts(await runStackPolicy(agentVaultBinding, resources));
    expect(ds).toContainEqual({
      enforcementLevel: 'mandatory',
      urn: VAULT_URN,
      message: `Agent "ticket-triager": Vault AWS role "ticket-triager" targets "${outside}", which is not a role in this stack, so the pack cannot judge it: a shadow agent; declare the role here as an agent, or remove it from roleArns.`,
    });
  });

  test("max STS TTL longer than the role's max session", async () => {
    const resources = withProps(agent, RESOURCE_TYPES.vaultAwsRole, (p) => (p.maxStsTtl = 7200));
    expect(verdicts(await runStackPolicy(agentVaultBinding, resources))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message: `${WHO}: Vault AWS role "ticket-triager" has maxStsTtl 7200 (2h), longer than the role's maxSessionDuration 3600 (1h), so STS refuses the credentials Vault promises; set maxStsTtl to at most 3600.`,
      },
    ]);
  });

  test('matches by name and path when the role ARN is unknown at preview', async () => {
    const resources = withProps(agent, RESOURCE_TYPES.role, (p) => (p.arn = UNKNOWN));
    expect(await runStackPolicy(agentVaultBinding, resources)).toEqual([]);
  });

  test('roleArns unknown at preview is an advisory', async () => {
    const resources = withProps(
      agent,
      RESOURCE_TYPES.vaultAwsRole,
      (p) => (p.roleArns = [UNKNOWN]),
    );
    expect(verdicts(await runStackPolicy(agentVaultBinding, resources))).toEqual([
      {
        enforcementLevel: 'advisory',
        urn: ROLE_URN,
        message:
          'Agent "ticket-triager": which Vault AWS role targets role "agent-ticket-triager" (roleArns of "ticket-triager") is unknown at preview (.roleArns.0); it will be verified at update.',
      },
    ]);
  });
});
