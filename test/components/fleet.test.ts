import type * as Components from '../../components';
import {
  daysFromToday,
  installMocks,
  recorded,
  resourcesNamed,
  settled,
  valueOf,
} from '../support/pulumi-mocks';
import { ACCOUNT_ID, VAULT_PRINCIPAL_ARN } from '../support/constants';
import { COMPONENT_TYPES } from '../../policy-pack/lib/conventions';

let components: typeof Components;

beforeAll(async () => {
  await installMocks();
  components = await import('../../components');
});

function agent(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    owner: 'jane@example.com',
    purpose: `Does the ${name} job`,
    expiresOn: daysFromToday(20),
    permissions: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::reports/*'] }],
    ...overrides,
  };
}

function children(fleetName: string) {
  return new Map(
    resourcesNamed(fleetName).map((r) => [r.name, { type: r.type, inputs: r.inputs }]),
  );
}

describe('AgentFleet: shared resources', () => {
  let fleet: Components.AgentFleet;
  let created: ReturnType<typeof children>;

  beforeAll(async () => {
    fleet = new components.AgentFleet('wi', {
      vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
      awsSecretsEngine: {
        mode: 'workload-identity',
        path: 'aws-agents',
        identityTokenAudience: 'vault-aws',
        roleArn: VAULT_PRINCIPAL_ARN,
      },
      tags: { 'cost-center': 'ai' },
      agents: [agent('reader-one'), agent('reader-two')],
    });
    new components.Agent('solo', { ...agent('solo'), name: undefined, fleet } as never);
    await valueOf(fleet.inventory);
    await settled();
    created = children('wi');
  });

  test('creates the boundary, the AWS secrets engine, the AppRole mount and the declared agents', () => {
    expect([...created.entries()].map(([name, r]) => [name, r.type]).sort()).toEqual([
      ['wi', COMPONENT_TYPES.fleet],
      ['wi-approle', 'vault:index/authBackend:AuthBackend'],
      ['wi-aws', 'vault:aws/secretBackend:SecretBackend'],
      ['wi-boundary', 'aws:iam/policy:Policy'],
    ]);
    expect(
      recorded
        .filter((r) => r.type === COMPONENT_TYPES.agent)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['reader-one', 'reader-two', 'solo']);
  });

  test('the boundary allows agent work and denies administration, boundary removal and keys', () => {
    const boundary = created.get('wi-boundary')!.inputs;
    expect(boundary.name).toBe('agent-boundary-wi');
    expect(boundary.path).toBe('/agents/');
    expect(boundary.tags).toEqual({ 'cost-center': 'ai', 'agent:managed-by': 'agent-iam' });
    const document = JSON.parse(boundary.policy as string);
    expect(document).toEqual(components.boundaryDocument({ allow: ['*'], deny: [] }));
    const sids = document.Statement.map(
      (s: { Sid: string; Effect: string }) => `${s.Effect}:${s.Sid}`,
    );
    expect(sids).toEqual([
      'Allow:AllowAgentWork',
      'Deny:DenyBoundaryRemoval',
      'Deny:DenyIdentityAdministration',
      'Deny:DenyStaticCredentials',
      'Deny:DenyFederation',
      'Deny:DenyOrganizationAdministration',
      'Deny:DenyAuditTampering',
    ]);
  });

  test('the AWS secrets engine uses workload identity: no root key, fleet lease caps', () => {
    expect(created.get('wi-aws')!.inputs).toEqual({
      path: 'aws-agents',
      description: 'AWS credentials of the agents of fleet wi',
      defaultLeaseTtlSeconds: 900,
      maxLeaseTtlSeconds: 3600,
      identityTokenAudience: 'vault-aws',
      roleArn: VAULT_PRINCIPAL_ARN,
    });
  });

  test('the AppRole mount is created with the fleet lease caps', () => {
    expect(created.get('wi-approle')!.inputs).toEqual({
      type: 'approle',
      path: 'agents',
      description: 'AppRole logins of the agents of fleet wi',
      tune: { defaultLeaseTtl: '900s', maxLeaseTtl: '3600s' },
    });
  });

  test('agents depend on the literal boundary ARN', async () => {
    expect(await valueOf(fleet.boundaryArn)).toBe(
      `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary-wi`,
    );
    const role = recorded.find((r) => r.name === 'reader-one-role')!;
    expect(role.inputs.permissionsBoundary).toBe(
      `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary-wi`,
    );
  });

  test('the inventory lists declared and standalone agents', async () => {
    const inventory = await valueOf(fleet.inventory);
    expect(inventory.map((e) => [e.name, e.owner, e.ttl, e.maxTtl])).toEqual([
      ['reader-one', 'jane@example.com', '15m', '1h'],
      ['reader-two', 'jane@example.com', '15m', '1h'],
      ['solo', 'jane@example.com', '15m', '1h'],
    ]);
  });
});

describe('AgentFleet: mount variants', () => {
  test('existing mounts are referenced, not created', async () => {
    const accessor = 'auth_approle_existing';
    const fleet = new components.AgentFleet('ref', {
      vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
      awsSecretsEngine: { mode: 'existing', path: 'aws' },
      appRoleAuth: { mode: 'existing', path: 'approle', accessor },
      agents: [agent('lookup-agent')],
    });
    await settled();
    expect([...children('ref').values()].map((r) => r.type)).toEqual([
      COMPONENT_TYPES.fleet,
      'aws:iam/policy:Policy',
    ]);
    expect(fleet.awsMountPath).toBe('aws');
    const alias = recorded.find((r) => r.name === 'lookup-agent-entity-alias')!;
    expect(alias.inputs.mountAccessor).toBe(accessor);
    const vaultRole = recorded.find((r) => r.name === 'lookup-agent-vault-role')!;
    expect(vaultRole.inputs.backend).toBe('aws');
  });

  test('a root key is accepted only with rotation, and kept secret', async () => {
    const pulumi = await import('@pulumi/pulumi');
    new components.AgentFleet('rk', {
      vaultPrincipalArn: `arn:aws:iam::${ACCOUNT_ID}:user/vault-root`,
      awsSecretsEngine: {
        mode: 'root-key',
        accessKey: pulumi.secret('AKIAEXAMPLE'),
        secretKey: pulumi.secret('secret'),
        rotationPeriod: '24h',
      },
    });
    await settled();
    const engine = children('rk').get('rk-aws')!.inputs;
    expect(engine.rotationPeriod).toBe(86400);
    expect(engine.path).toBe('aws-agents');
    expect(engine.identityTokenAudience).toBeUndefined();
  });

  test('extra boundary denies are appended as their own statement', async () => {
    new components.AgentFleet('capped', {
      vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
      awsSecretsEngine: { mode: 'existing', path: 'aws' },
      boundary: { allow: ['s3:*', 'sqs:*'], deny: ['s3:DeleteBucket'] },
    });
    await settled();
    const document = JSON.parse(children('capped').get('capped-boundary')!.inputs.policy as string);
    expect(document.Statement[0]).toEqual({
      Sid: 'AllowAgentWork',
      Effect: 'Allow',
      Action: ['s3:*', 'sqs:*'],
      Resource: ['*'],
    });
    expect(document.Statement.at(-1)).toEqual({
      Sid: 'DenyFleetSpecific',
      Effect: 'Deny',
      Action: ['s3:DeleteBucket'],
      Resource: ['*'],
    });
  });
});

describe('AgentFleet: invalid declarations', () => {
  const base = {
    vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
    awsSecretsEngine: { mode: 'existing', path: 'aws' },
  };
  const cases: { case: string; args: Record<string, unknown>; message: string[] }[] = [
    {
      case: 'missing Vault principal',
      args: { ...base, vaultPrincipalArn: undefined },
      message: [
        '✖ is missing: use the IAM ARN, e.g. "arn:aws:iam::123456789012:role/vault-secrets-engine"',
        '  → at vaultPrincipalArn',
      ],
    },
    {
      case: 'Vault principal that is a whole account',
      args: { ...base, vaultPrincipalArn: 'arn:aws:iam::123456789012:root' },
      message: [
        '✖ "arn:aws:iam::123456789012:root" is not an IAM role or user ARN; use e.g. "arn:aws:iam::123456789012:role/vault-secrets-engine"',
        '  → at vaultPrincipalArn',
      ],
    },
    {
      case: 'unknown secrets-engine mode',
      args: { ...base, awsSecretsEngine: { mode: 'static', path: 'aws' } },
      message: [
        '✖ {"mode":"static","path":"aws"} is not a secrets-engine mode; set mode to "existing", "workload-identity" or "root-key"',
        '  → at awsSecretsEngine',
      ],
    },
    {
      case: 'root key without rotation',
      args: { ...base, awsSecretsEngine: { mode: 'root-key', accessKey: 'AKIA', secretKey: 's' } },
      message: [
        '✖ has a static root key that never rotates; set rotationSchedule (e.g. "0 3 * * SAT") or rotationPeriod (e.g. "24h"), or use mode "workload-identity"',
        '  → at awsSecretsEngine',
      ],
    },
    {
      case: 'mount path with a leading slash',
      args: { ...base, awsSecretsEngine: { mode: 'existing', path: '/aws' } },
      message: [
        '✖ "/aws" is not a Vault mount path; use segments of letters, digits, _ and -, without leading or trailing "/", e.g. "aws-agents"',
        '  → at awsSecretsEngine.path',
      ],
    },
    {
      case: 'fleet max TTL beyond what STS issues',
      args: { ...base, credentials: { maxTtl: '24h' } },
      message: [
        '✖ "24h" is longer than 12h, the longest session AWS STS issues; use at most "12h"',
        '  → at credentials.maxTtl',
      ],
    },
    {
      case: 'unlimited SecretID uses',
      args: { ...base, appRole: { secretIdNumUses: 0 } },
      message: [
        '✖ is below 1; 0 means unlimited in Vault, use a small number such as 1',
        '  → at appRole.secretIdNumUses',
      ],
    },
    {
      case: 'boundary deny pattern that matches nothing',
      args: { ...base, boundary: { deny: ['notaservice:*'] } },
      message: [
        '✖ "notaservice:*" matches no IAM action; check the service prefix, e.g. "s3:*"',
        '  → at boundary.deny[0]',
      ],
    },
    {
      case: 'two agents with the same name',
      args: { ...base, agents: [agent('twin'), agent('twin')] },
      message: [
        'Agent "twin" (agents[1]): invalid declaration',
        '✖ "twin" is already declared by agents[0]; give each agent a unique name',
        '  → at name',
      ],
    },
    {
      case: 'an existing AppRole mount without its accessor',
      args: { ...base, appRoleAuth: { mode: 'existing', path: 'approle' } },
      message: [
        '✖ is missing: pass the auth mount\'s accessor, e.g. vault.getAuthBackendOutput({ path: "approle" }).accessor',
        '  → at appRoleAuth.accessor',
      ],
    },
    {
      case: 'an accessor that is not a string',
      args: { ...base, appRoleAuth: { mode: 'existing', path: 'approle', accessor: 42 } },
      message: [
        '✖ 42 is not a string or Output; pass the auth mount\'s accessor, e.g. vault.getAuthBackendOutput({ path: "approle" }).accessor',
        '  → at appRoleAuth.accessor',
      ],
    },
  ];

  test.each(cases)('$case', async ({ args, message }) => {
    const before = recorded.length;
    expect(() => new components.AgentFleet('bad', args as never)).toThrow(
      ['AgentFleet "bad": invalid declaration', ...message].join('\n'),
    );
    await settled();
    expect(recorded.slice(before)).toEqual([]);
  });

  test('problems of the fleet and of several agents come in one error, grouped by agent', () => {
    let thrown: unknown;
    try {
      new components.AgentFleet('grouped', {
        ...base,
        vaultPrincipalArn: 'vault',
        agents: [
          agent('good-one'),
          agent('bad-owner', { owner: 'nobody' }),
          agent('wild', { permissions: [{ actions: ['iam:*'], resources: ['*'] }] }),
          agent('bad-owner'),
        ],
      } as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(components.AgentDeclarationError);
    expect((thrown as Error).message).toBe(
      [
        'AgentFleet "grouped": invalid declaration',
        '✖ "vault" is not an IAM role or user ARN; use e.g. "arn:aws:iam::123456789012:role/vault-secrets-engine"',
        '  → at vaultPrincipalArn',
        'Agent "bad-owner" (agents[1]): invalid declaration',
        '✖ "nobody" is not an owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments")',
        '  → at owner',
        'Agent "wild" (agents[2]): invalid declaration',
        '✖ "iam:*" is a wildcard; list the exact actions, e.g. "iam:GetRole"',
        '  → at permissions[0].actions[0]',
        'Agent "bad-owner" (agents[3]): invalid declaration',
        '✖ "bad-owner" is already declared by agents[1]; give each agent a unique name',
        '  → at name',
      ].join('\n'),
    );
  });

  test('agents are judged against the fleet limits', () => {
    expect(
      () =>
        new components.AgentFleet('short-lived', {
          ...base,
          maxLifetimeDays: 7,
          agents: [agent('too-long', { expiresOn: daysFromToday(20) })],
        } as never),
    ).toThrow(
      `✖ "${daysFromToday(20)}" is 20 days away; the fleet allows at most 7 days, so use ${daysFromToday(7)} or earlier and renew it then`,
    );
  });
});
