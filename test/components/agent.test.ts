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
import { expiryEnd } from '../../policy-pack/lib/identity/suspension';

/** The condition AWS enforces the expiry with, on every Allow of an agent expiring in 30 days. */
const UNTIL = () => ({ 'aws:CurrentTime': expiryEnd(daysFromToday(30)) });

let components: typeof Components;

beforeAll(async () => {
  await installMocks();
  // Imported only after the mocks are installed, as the SDK requires.
  components = await import('../../components');
});

function fleetArgs(overrides: Partial<Components.AgentFleetArgs> = {}): Components.AgentFleetArgs {
  return {
    vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
    awsSecretsEngine: { mode: 'existing', path: 'aws-agents' },
    appRoleAuth: { mode: 'create', path: 'agents' },
    ...overrides,
  };
}

function agentArgs(
  fleet: Components.AgentFleet,
  overrides: Record<string, unknown> = {},
): Components.AgentArgs {
  return {
    fleet,
    owner: 'team:support',
    purpose: 'Triages incoming support tickets',
    expiresOn: daysFromToday(30),
    permissions: [
      {
        sid: 'ReadTickets',
        actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
        resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
      },
    ],
    credentials: { ttl: '15m', maxTtl: '1h' },
    tags: { 'cost-center': 'support' },
    ...overrides,
  } as Components.AgentArgs;
}

let fleetCount = 0;
/** Each test gets its own fleet, so names never collide across tests. */
async function newFleet(overrides: Partial<Components.AgentFleetArgs> = {}) {
  fleetCount += 1;
  const fleet = new components.AgentFleet(`fleet-${fleetCount}`, fleetArgs(overrides));
  await settled();
  return fleet;
}

describe('Agent: one agent and its children', () => {
  let children: Map<string, { type: string; inputs: Record<string, unknown> }>;
  let agent: Components.Agent;
  let fleet: Components.AgentFleet;
  const parents = new Map<string, unknown>();

  beforeAll(async () => {
    fleet = await newFleet();
    // A transformation sees each child's options: it records who the parent is.
    agent = new components.Agent('ticket-triager', agentArgs(fleet), {
      transformations: [
        (args) => {
          parents.set(args.name, args.opts.parent);
          return undefined;
        },
      ],
    });
    await valueOf(agent.inventory);
    await settled();
    children = new Map(
      resourcesNamed('ticket-triager').map((r) => [r.name, { type: r.type, inputs: r.inputs }]),
    );
  });

  test('creates exactly the agent component and its seven children', () => {
    const byName = [...children.entries()].map(([name, r]) => [name, r.type]).sort();
    expect(byName).toEqual([
      ['ticket-triager', COMPONENT_TYPES.agent],
      ['ticket-triager-approle', 'vault:appRole/authBackendRole:AuthBackendRole'],
      ['ticket-triager-entity', 'vault:identity/entity:Entity'],
      ['ticket-triager-entity-alias', 'vault:identity/entityAlias:EntityAlias'],
      ['ticket-triager-policy', 'aws:iam/rolePolicy:RolePolicy'],
      ['ticket-triager-role', 'aws:iam/role:Role'],
      ['ticket-triager-vault-policy', 'vault:index/policy:Policy'],
      ['ticket-triager-vault-role', 'vault:aws/secretBackendRole:SecretBackendRole'],
    ]);
    expect(resourcesNamed('ticket-triager').length).toBe(8);
  });

  test('every child is parented to the component', () => {
    const children = [...parents.entries()].filter(([name]) => name !== 'ticket-triager');
    expect(children).toHaveLength(7);
    for (const [, parent] of children) expect(parent).toBe(agent);
  });

  test('the role: name, path, boundary, session duration, tags', () => {
    const role = children.get('ticket-triager-role')!.inputs;
    expect(role.name).toBe('agent-ticket-triager');
    expect(role.path).toBe('/agents/');
    expect(role.description).toBe('Triages incoming support tickets');
    expect(role.permissionsBoundary).toBe(
      `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary-${fleet.fleetName}`,
    );
    expect(role.maxSessionDuration).toBe(3600);
    expect(role.tags).toEqual({
      'cost-center': 'support',
      'agent:runtime': 'vault',
      'agent:name': 'ticket-triager',
      'agent:owner': 'team:support',
      'agent:purpose': 'Triages incoming support tickets',
      'agent:expires-on': daysFromToday(30),
      'agent:managed-by': 'agent-iam',
    });
  });

  test('the trust policy admits only the Vault principal with the agent session tag', () => {
    const role = children.get('ticket-triager-role')!.inputs;
    expect(JSON.parse(role.assumeRolePolicy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VaultIssuesTaggedSessions',
          Effect: 'Allow',
          Principal: { AWS: VAULT_PRINCIPAL_ARN },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: { 'aws:RequestTag/agent': 'ticket-triager' },
            DateLessThan: UNTIL(),
          },
        },
      ],
    });
  });

  test('the permissions policy is exactly the declared statements, on the literal role name', () => {
    const policy = children.get('ticket-triager-policy')!.inputs;
    expect(policy.role).toBe('agent-ticket-triager');
    expect(policy.name).toBe('agent-ticket-triager-permissions');
    expect(policy.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadTickets',
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
          Resource: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
          Condition: { DateLessThan: UNTIL() },
        },
      ],
    });
  });

  test('the Vault role issues assumed-role sessions of this role only, with TTLs and session tags', () => {
    expect(children.get('ticket-triager-vault-role')!.inputs).toEqual({
      backend: 'aws-agents',
      name: 'ticket-triager',
      credentialType: 'assumed_role',
      roleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ticket-triager`],
      defaultStsTtl: 900,
      maxStsTtl: 3600,
      sessionTags: { agent: 'ticket-triager', owner: 'team:support' },
    });
  });

  test('the Vault policy allows reading this agent’s credentials and nothing else', () => {
    const policy = children.get('ticket-triager-vault-policy')!.inputs;
    expect(policy.name).toBe('agent-ticket-triager');
    expect(JSON.parse(policy.policy as string)).toEqual({
      path: {
        'aws-agents/sts/ticket-triager': { capabilities: ['read', 'update'] },
        'aws-agents/creds/ticket-triager': { capabilities: ['read', 'update'] },
      },
    });
  });

  test('the AppRole token carries only that policy, with explicit lifetimes', () => {
    expect(children.get('ticket-triager-approle')!.inputs).toEqual({
      backend: 'agents',
      roleName: 'ticket-triager',
      bindSecretId: true,
      tokenPolicies: ['agent-ticket-triager'],
      tokenNoDefaultPolicy: true,
      tokenType: 'service',
      tokenTtl: 900,
      tokenMaxTtl: 3600,
      tokenExplicitMaxTtl: 3600,
      secretIdTtl: 86400,
      secretIdNumUses: 1,
    });
  });

  test('the Vault entity names owner, purpose and expiry; its alias is the AppRole RoleID', () => {
    expect(children.get('ticket-triager-entity')!.inputs).toEqual({
      name: 'agent-ticket-triager',
      metadata: {
        agent: 'ticket-triager',
        owner: 'team:support',
        purpose: 'Triages incoming support tickets',
        'expires-on': daysFromToday(30),
        'managed-by': 'agent-iam',
        status: 'active',
      },
    });
    expect(children.get('ticket-triager-entity-alias')!.inputs).toEqual({
      name: 'role-id-ticket-triager',
      mountAccessor: `auth_approle_${`${fleet.fleetName}-approle`.length}f00d`,
      canonicalId: 'ticket-triager-entity-id',
    });
  });

  test('outputs: role ARN and name, credentials path, AppRole name, inventory', async () => {
    expect(await valueOf(agent.roleArn)).toBe(
      `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ticket-triager`,
    );
    expect(await valueOf(agent.roleName)).toBe('agent-ticket-triager');
    expect(await valueOf(agent.credentialsPath)).toBe('aws-agents/sts/ticket-triager');
    expect(await valueOf(agent.appRoleName)).toBe('ticket-triager');
    expect(await valueOf(agent.inventory)).toEqual({
      name: 'ticket-triager',
      owner: 'team:support',
      purpose: 'Triages incoming support tickets',
      expiresOn: daysFromToday(30),
      runtime: 'vault',
      status: 'active',
      ttl: '15m',
      maxTtl: '1h',
      roleName: 'agent-ticket-triager',
      credentialsPath: 'aws-agents/sts/ticket-triager',
      statements: [
        {
          sid: 'ReadTickets',
          actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
          resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
        },
      ],
    });
    expect(await valueOf(fleet.inventory)).toHaveLength(1);
  });
});

describe('Agent: credentials', () => {
  test('a max TTL above an hour sets maxSessionDuration to it; TTLs follow the declaration', async () => {
    const fleet = await newFleet({ credentials: { ttl: '15m', maxTtl: '4h' } });
    new components.Agent(
      'long-runner',
      agentArgs(fleet, { credentials: { ttl: '30m', maxTtl: '2h' } }),
    );
    await settled();
    const role = resourcesNamed('long-runner').find((r) => r.type === 'aws:iam/role:Role')!;
    const vaultRole = resourcesNamed('long-runner').find(
      (r) => r.type === 'vault:aws/secretBackendRole:SecretBackendRole',
    )!;
    expect(role.inputs.maxSessionDuration).toBe(7200);
    expect([vaultRole.inputs.defaultStsTtl, vaultRole.inputs.maxStsTtl]).toEqual([1800, 7200]);
  });

  test('without credentials the fleet defaults apply (15m, 1h)', async () => {
    const fleet = await newFleet();
    const agent = new components.Agent(
      'defaults-user',
      agentArgs(fleet, { credentials: undefined }),
    );
    const inventory = await valueOf(agent.inventory);
    expect([inventory.ttl, inventory.maxTtl]).toEqual(['15m', '1h']);
  });
});

/**
 * Every validation error, through the component, with its exact message. `message` lists the
 * problem lines after the `Agent "<name>": invalid declaration` header.
 */
describe('Agent: invalid declarations', () => {
  const tooFar = daysFromToday(200);
  const cases: {
    case: string;
    name?: string;
    change: Record<string, unknown>;
    message: string[];
  }[] = [
    {
      case: 'missing owner',
      change: { owner: undefined },
      message: [
        '✖ is missing: every agent has an accountable owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments")',
        '  → at owner',
      ],
    },
    {
      case: 'malformed owner',
      change: { owner: 'bob' },
      message: [
        '✖ "bob" is not an owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments")',
        '  → at owner',
      ],
    },
    {
      case: 'missing purpose',
      change: { purpose: undefined },
      message: [
        '✖ is missing: say in one sentence what the agent does, e.g. "Triages incoming support tickets"',
        '  → at purpose',
      ],
    },
    {
      case: 'purpose with characters AWS tags refuse',
      change: { purpose: 'Reads tickets, then routes them' },
      message: [
        '✖ "Reads tickets, then routes them" contains ",", which AWS tags do not allow; use letters, digits, spaces and _ . : / = + - @',
        '  → at purpose',
      ],
    },
    {
      case: 'expiry not a date',
      change: { expiresOn: 'next year' },
      message: [
        `✖ "next year" is not a date; write it as YYYY-MM-DD, e.g. "${daysFromToday(30)}"`,
        '  → at expiresOn',
      ],
    },
    {
      case: 'suspended is not a boolean',
      change: { suspended: 'yes' },
      message: [
        '✖ "yes" is not true or false; write suspended: true to stop the agent (its role denies everything, its Vault role and AppRole are removed)',
        '  → at suspended',
      ],
    },
    {
      case: 'expiry beyond the fleet lifetime',
      change: { expiresOn: tooFar },
      message: [
        `✖ "${tooFar}" is 200 days away; the fleet allows at most 90 days, so use ${daysFromToday(90)} or earlier and renew it then`,
        '  → at expiresOn',
      ],
    },
    {
      case: 'unknown action',
      change: { permissions: [{ actions: ['s3:GetObjekt'], resources: ['arn:aws:s3:::b/*'] }] },
      message: [
        '✖ "s3:GetObjekt" is not an IAM action; did you mean "s3:GetObject"?',
        '  → at permissions[0].actions[0]',
      ],
    },
    {
      case: 'service wildcard',
      change: { permissions: [{ actions: ['s3:*'], resources: ['arn:aws:s3:::b/*'] }] },
      message: [
        '✖ "s3:*" is a wildcard; list the exact actions, e.g. "s3:GetObject"',
        '  → at permissions[0].actions[0]',
      ],
    },
    {
      case: 'no permissions',
      change: { permissions: [] },
      message: [
        '✖ is empty; grant the exact permissions the agent needs, e.g. grants.s3.readObjects("my-bucket")',
        '  → at permissions',
      ],
    },
    {
      case: 'ttl longer than the fleet maximum',
      change: { credentials: { ttl: '2h' } },
      message: [
        '✖ "2h" is longer than 1h, the fleet\'s maximum; use at most "1h"',
        '  → at credentials.ttl',
      ],
    },
    {
      case: 'max TTL longer than the fleet maximum',
      change: { credentials: { ttl: '15m', maxTtl: '12h' } },
      message: [
        '✖ "12h" is longer than 1h, the fleet\'s maximum; use at most "1h"',
        '  → at credentials.maxTtl',
      ],
    },
    {
      case: 'ttl shorter than STS allows',
      change: { credentials: { ttl: '5m' } },
      message: [
        '✖ "5m" is shorter than 15m, the shortest session AWS STS issues; use at least "15m"',
        '  → at credentials.ttl',
      ],
    },
    {
      case: 'max TTL shorter than the TTL',
      change: { credentials: { ttl: '30m', maxTtl: '20m' } },
      message: [
        '✖ "20m" is shorter than the ttl "30m"; make maxTtl at least the ttl',
        '  → at credentials.maxTtl',
      ],
    },
    {
      case: 'malformed duration',
      change: { credentials: { ttl: '15 minutes' } },
      message: [
        '✖ "15 minutes" is not a duration; write it like "15m", "1h" or "1h30m"',
        '  → at credentials.ttl',
      ],
    },
    {
      case: 'name not kebab-case',
      name: 'Ticket_Triager',
      change: {},
      message: [
        '✖ "Ticket_Triager" is not lower-case kebab; use letters, digits and single hyphens, starting with a letter, e.g. "ticket-triager"',
        '  → at name',
      ],
    },
    {
      case: 'name too long',
      name: 'a-very-long-agent-name-that-goes-on',
      change: {},
      message: [
        '✖ "a-very-long-agent-name-that-goes-on" is 35 characters; use at most 32 (it becomes the Vault role and STS session name)',
        '  → at name',
      ],
    },
    {
      case: 'reserved tag key',
      change: { tags: { 'agent:owner': 'someone-else' } },
      message: [
        '✖ "agent:owner" is reserved: the component sets the agent:* tags from name, owner, purpose and expiresOn; remove it from tags',
        '  → at tags["agent:owner"]',
      ],
    },
    {
      case: 'misspelt field',
      change: { expiresAt: '2030-01-01' },
      message: [
        '✖ "expiresAt" is not a field; the fields are name, owner, purpose, expiresOn, runtime, suspended, delegatesTo, permissions, credentials, tags',
      ],
    },
    {
      case: 'unknown runtime',
      change: { runtime: 'sagemaker' },
      message: [
        '✖ "sagemaker" is not a runtime; use one of "vault", "bedrock-agent", "agentcore-runtime", "agentcore-gateway", "agentcore-harness", "agentcore-browser", "agentcore-code-interpreter", "lambda", "ecs-task" ("vault", the default, for agents outside AWS that get credentials from Vault)',
        '  → at runtime',
      ],
    },
    {
      case: 'Vault credential lifetimes on a native agent',
      change: { runtime: 'lambda', credentials: { ttl: '15m' } },
      message: [
        '✖ {"ttl":"15m"} sets Vault credential lifetimes, but runtime "lambda" (AWS Lambda function) gets its sessions from AWS, not Vault; remove credentials or use runtime "vault"',
        '  → at credentials',
      ],
    },
  ];

  test.each(cases)('$case', async ({ name, change, message }) => {
    const fleet = await newFleet();
    const agentName = name ?? 'bad-agent';
    const before = recorded.length;
    expect(() => new components.Agent(agentName, agentArgs(fleet, change))).toThrow(
      [`Agent ${JSON.stringify(agentName)}: invalid declaration`, ...message].join('\n'),
    );
    await settled();
    // Nothing at all is registered for a wrong declaration, not even the component.
    expect(recorded.slice(before)).toEqual([]);
  });

  test('an owner computed from an Output is refused: the pack could not read it at preview', async () => {
    const pulumi = await import('@pulumi/pulumi');
    const fleet = await newFleet();
    expect(
      () =>
        new components.Agent(
          'output-owner',
          agentArgs(fleet, { owner: pulumi.output('team:support') }),
        ),
    ).toThrow(
      'an Output is not text (it must be a literal string so that the policy pack can judge it at preview)',
    );
  });

  test('every problem is reported at once, in one AgentDeclarationError', async () => {
    const fleet = await newFleet();
    let thrown: unknown;
    try {
      new components.Agent(
        'many-problems',
        agentArgs(fleet, {
          owner: undefined,
          expiresOn: 'soon',
          permissions: [{ actions: ['*', 's3:GetObjekt'], resources: [] }],
          credentials: { ttl: '2h' },
        }),
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(components.AgentDeclarationError);
    const error = thrown as Components.AgentDeclarationError;
    expect(error.subject).toBe('Agent "many-problems"');
    expect(error.problems).toEqual([
      'owner: is missing: every agent has an accountable owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments")',
      'expiresOn: "soon" is not a date; write it as YYYY-MM-DD, e.g. "' + daysFromToday(30) + '"',
      'permissions[0].actions[0]: "*" is a wildcard; list the exact actions, e.g. "s3:GetObject"',
      'permissions[0].actions[1]: "s3:GetObjekt" is not an IAM action; did you mean "s3:GetObject"?',
      'permissions[0].resources: is empty; list the ARNs the actions apply to',
      'credentials.ttl: "2h" is longer than 1h, the fleet\'s maximum; use at most "1h"',
    ]);
  });

  test('a second agent with the same name in a fleet is refused and creates nothing', async () => {
    const fleet = await newFleet();
    new components.Agent('twin', agentArgs(fleet));
    await settled();
    const before = recorded.length;
    expect(() => new components.Agent('twin', agentArgs(fleet))).toThrow(
      [
        'Agent "twin": invalid declaration',
        `✖ "twin" is already an agent of fleet "${fleet.fleetName}"; give each agent a unique name`,
        '  → at name',
      ].join('\n'),
    );
    await settled();
    expect(recorded.slice(before)).toEqual([]);
  });

  test('an agent without a fleet is refused', () => {
    expect(
      () =>
        new components.Agent('orphan', {
          ...agentArgs(undefined as never),
          fleet: undefined,
        } as never),
    ).toThrow(
      'Agent "orphan": invalid declaration\n✖ is missing: pass the AgentFleet the agent belongs to, e.g. { fleet, owner, ... }\n  → at fleet',
    );
  });
});

/**
 * Native runtimes: the AWS service assumes the role, so the trust names that service with the
 * confused-deputy conditions it documents, and no Vault resource exists.
 */
describe('Agent: native runtimes', () => {
  const sourceArns: Record<string, string | undefined> = {
    'bedrock-agent': `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent/*`,
    'agentcore-runtime': `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT_ID}:*`,
    'agentcore-gateway': `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT_ID}:*`,
    'agentcore-harness': `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT_ID}:*`,
    'agentcore-browser': `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT_ID}:*`,
    'agentcore-code-interpreter': `arn:aws:bedrock-agentcore:us-east-1:${ACCOUNT_ID}:*`,
    lambda: undefined,
    'ecs-task': `arn:aws:ecs:us-east-1:${ACCOUNT_ID}:*`,
  };
  const principals: Record<string, string> = {
    'bedrock-agent': 'bedrock.amazonaws.com',
    'agentcore-runtime': 'bedrock-agentcore.amazonaws.com',
    'agentcore-gateway': 'bedrock-agentcore.amazonaws.com',
    'agentcore-harness': 'bedrock-agentcore.amazonaws.com',
    'agentcore-browser': 'bedrock-agentcore.amazonaws.com',
    'agentcore-code-interpreter': 'bedrock-agentcore.amazonaws.com',
    lambda: 'lambda.amazonaws.com',
    'ecs-task': 'ecs-tasks.amazonaws.com',
  };
  const runtimes = Object.keys(principals);

  test.each(runtimes)(
    '%s: role and permissions only, trust to the service pinned to the account',
    async (runtime) => {
      const fleet = await newFleet();
      const name = `native-${runtime}`.slice(0, 32).replace(/-$/, '');
      const { credentials: _credentials, ...args } = agentArgs(fleet, {
        runtime,
      }) as unknown as Record<string, unknown>;
      const agent = new components.Agent(name, args as unknown as Components.AgentArgs);
      const inventory = await valueOf(agent.inventory);
      await settled();
      const children = resourcesNamed(name)
        .map((r) => [r.name, r.type])
        .sort();
      expect(children).toEqual([
        [name, COMPONENT_TYPES.agent],
        [`${name}-policy`, 'aws:iam/rolePolicy:RolePolicy'],
        [`${name}-role`, 'aws:iam/role:Role'],
      ]);
      const role = resourcesNamed(name).find((r) => r.name === `${name}-role`)!.inputs;
      const condition: Record<string, Record<string, string>> = {
        StringEquals: { 'aws:SourceAccount': ACCOUNT_ID },
      };
      if (sourceArns[runtime] !== undefined) {
        condition.ArnLike = { 'aws:SourceArn': sourceArns[runtime]! };
      }
      condition.DateLessThan = UNTIL();
      expect(JSON.parse(role.assumeRolePolicy as string)).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ServiceRunsAgent',
            Effect: 'Allow',
            Principal: { Service: principals[runtime] },
            Action: ['sts:AssumeRole'],
            Condition: condition,
          },
        ],
      });
      expect((role.tags as Record<string, string>)['agent:runtime']).toBe(runtime);
      expect(role.permissionsBoundary).toBe(
        `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary-${fleet.fleetName}`,
      );
      expect(agent.runtime).toBe(runtime);
      expect(await valueOf(agent.roleArn)).toBe(
        `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-${name}`,
      );
      expect(await valueOf(agent.credentialsPath)).toBeUndefined();
      expect(await valueOf(agent.appRoleName)).toBeUndefined();
      expect(inventory).toEqual({
        name,
        owner: 'team:support',
        purpose: 'Triages incoming support tickets',
        expiresOn: daysFromToday(30),
        runtime,
        status: 'active',
        roleName: `agent-${name}`,
        statements: [
          {
            sid: 'ReadTickets',
            actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
            resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
          },
        ],
      });
    },
  );
});

/**
 * The kill switch: an agent suspended in code, in the stack config, or past its date keeps its role
 * with one inline policy that denies everything, loses its Vault AWS role, and its AppRole login is
 * disabled (no policy, logins only from Vault's own host).
 */
describe('Agent: suspended', () => {
  const suspendedChildren = (name: string) =>
    new Map(resourcesNamed(name).map((r) => [r.name, { type: r.type, inputs: r.inputs }]));

  test.each([
    {
      case: 'suspended: true',
      name: 'stopped-agent',
      change: { suspended: true },
      status: 'suspended',
    },
    {
      case: 'past its expiry date',
      name: 'past-agent',
      change: { expiresOn: '2020-01-01' },
      status: 'expired',
    },
  ])('$case: deny-all role, no Vault role, disabled AppRole', async ({ name, change, status }) => {
    const fleet = await newFleet();
    const agent = new components.Agent(name, agentArgs(fleet, change));
    const inventory = await valueOf(agent.inventory);
    await settled();
    const children = suspendedChildren(name);
    expect([...children.keys()].sort()).toEqual([
      name,
      `${name}-approle`,
      `${name}-entity`,
      `${name}-entity-alias`,
      `${name}-role`,
      `${name}-vault-policy`,
    ]);
    const expiresOn = (change as { expiresOn?: string }).expiresOn ?? daysFromToday(30);
    expect(children.get(`${name}-role`)!.inputs.inlinePolicies).toEqual([
      {
        name: 'agent-suspended',
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AgentSuspended', Effect: 'Deny', Action: '*', Resource: '*' },
            {
              Sid: 'RevokeOlderSessions',
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: { DateLessThan: { 'aws:TokenIssueTime': expiryEnd(expiresOn) } },
            },
          ],
        }),
      },
    ]);
    const appRole = children.get(`${name}-approle`)!.inputs;
    expect(appRole.tokenPolicies).toEqual([]);
    expect(appRole.secretIdBoundCidrs).toEqual(['127.0.0.1/32']);
    expect(appRole.tokenBoundCidrs).toEqual(['127.0.0.1/32']);
    expect((children.get(`${name}-entity`)!.inputs.metadata as Record<string, string>).status).toBe(
      'suspended',
    );
    expect(inventory.status).toBe(status);
    expect(agent.status).toBe(status);
  });

  test('a name in the stack config list agent-iam:suspended suspends that agent only', async () => {
    const pulumi = await import('@pulumi/pulumi');
    pulumi.runtime.setConfig('agent-iam:suspended', '["listed-agent"]');
    try {
      const fleet = await newFleet();
      const listed = new components.Agent('listed-agent', agentArgs(fleet));
      const other = new components.Agent('unlisted-agent', agentArgs(fleet));
      await valueOf(other.inventory);
      await settled();
      expect([listed.status, other.status]).toEqual(['suspended', 'active']);
      expect(resourcesNamed('listed-agent').map((r) => r.name)).not.toContain(
        'listed-agent-vault-role',
      );
      expect(resourcesNamed('unlisted-agent').map((r) => r.name)).toContain(
        'unlisted-agent-vault-role',
      );
    } finally {
      pulumi.runtime.setConfig('agent-iam:suspended', '[]');
    }
  });

  test('a stack config value that is not a list of names is refused before anything is created', async () => {
    const pulumi = await import('@pulumi/pulumi');
    pulumi.runtime.setConfig('agent-iam:suspended', 'ticket-triager');
    try {
      const before = recorded.length;
      expect(() => new components.AgentFleet('bad-config-fleet', fleetArgs())).toThrow(
        'agent-iam:suspended: "ticket-triager" is not a list of agent names; write it in Pulumi.<stack>.yaml as a YAML list, e.g. "agent-iam:suspended: [ticket-triager]", or use `agent-iam suspend <name>`',
      );
      await settled();
      expect(recorded.slice(before)).toEqual([]);
    } finally {
      pulumi.runtime.setConfig('agent-iam:suspended', '[]');
    }
  });

  test('an AppRole and secret ID never outlive the agent', async () => {
    const fleet = await newFleet();
    const today = daysFromToday(0);
    const agent = new components.Agent('last-day', agentArgs(fleet, { expiresOn: today }));
    await valueOf(agent.inventory);
    await settled();
    const appRole = resourcesNamed('last-day').find((r) => r.name === 'last-day-approle')!.inputs;
    const left = (Date.parse(expiryEnd(today)) - Date.now()) / 1000;
    expect(appRole.secretIdTtl as number).toBeLessThanOrEqual(Math.ceil(left));
    expect(appRole.secretIdTtl as number).toBeGreaterThan(0);
    expect(appRole.tokenMaxTtl as number).toBeLessThanOrEqual(Math.max(1, Math.ceil(left)));
  });
});

describe('Agent: delegation (delegatesTo)', () => {
  let notifierRole: Record<string, unknown>;
  let triagerRole: Record<string, unknown>;
  let triagerPolicy: Record<string, unknown>;
  let inventories: [unknown, unknown];

  beforeAll(async () => {
    const fleet = await newFleet();
    const caller = new components.Agent(
      'handoff-triager',
      agentArgs(fleet, { delegatesTo: ['handoff-notifier'] }),
    );
    const callee = new components.Agent('handoff-notifier', agentArgs(fleet));
    inventories = [await valueOf(caller.inventory), await valueOf(callee.inventory)];
    await settled();
    const byName = (name: string) => recorded.find((r) => r.name === name)!.inputs;
    triagerRole = byName('handoff-triager-role');
    triagerPolicy = byName('handoff-triager-policy');
    notifierRole = byName('handoff-notifier-role');
  });

  test('the caller is granted AssumeRole, TagSession and SetSourceIdentity on the callee role only', () => {
    expect(triagerPolicy.policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadTickets',
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
          Resource: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
          Condition: { DateLessThan: UNTIL() },
        },
        {
          Sid: 'CallHandoffNotifier',
          Effect: 'Allow',
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Resource: [`arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-handoff-notifier`],
          Condition: { DateLessThan: UNTIL() },
        },
      ],
    });
  });

  test('the caller role is tagged with its callees and its agent session tag', () => {
    expect(triagerRole.tags).toMatchObject({
      'agent:delegates-to': 'handoff-notifier',
      agent: 'handoff-triager',
    });
  });

  test("the callee's trust lets the caller in only with its agent tag, a source identity and the user context", () => {
    const caller = `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-handoff-triager`;
    const who = {
      'aws:PrincipalTag/agent': 'handoff-triager',
      'aws:RequestTag/agent': 'handoff-notifier',
    };
    expect(JSON.parse(notifierRole.assumeRolePolicy as string)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VaultIssuesTaggedSessions',
          Effect: 'Allow',
          Principal: { AWS: VAULT_PRINCIPAL_ARN },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: { 'aws:RequestTag/agent': 'handoff-notifier' },
            DateLessThan: UNTIL(),
          },
        },
        {
          Sid: 'CalledByHandoffTriager',
          Effect: 'Allow',
          Principal: { AWS: caller },
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: {
            StringEquals: who,
            Null: { 'sts:SourceIdentity': 'false', 'aws:RequestTag/on-behalf-of': 'false' },
            'ForAnyValue:StringEquals': { 'sts:TransitiveTagKeys': ['on-behalf-of'] },
            DateLessThan: UNTIL(),
          },
        },
        {
          Sid: 'CalledByHandoffTriagerInChain',
          Effect: 'Allow',
          Principal: { AWS: caller },
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: {
            StringEquals: who,
            Null: { 'sts:SourceIdentity': 'false', 'aws:PrincipalTag/on-behalf-of': 'false' },
            DateLessThan: UNTIL(),
          },
        },
      ],
    });
  });

  test("the caller's trust is unchanged: nobody delegates to it", () => {
    expect(JSON.parse(triagerRole.assumeRolePolicy as string).Statement).toHaveLength(1);
  });

  test('the inventory shows the reach both ways', () => {
    expect(inventories[0]).toMatchObject({ delegatesTo: ['handoff-notifier'] });
    expect(inventories[1]).toMatchObject({ callableBy: ['handoff-triager'] });
    expect(inventories[0]).not.toHaveProperty('callableBy');
  });

  test('a callee created before its caller is refused, and nothing is created', async () => {
    const fleet = await newFleet();
    new components.Agent('early-callee', agentArgs(fleet));
    await settled();
    const before = recorded.length;
    expect(
      () =>
        new components.Agent('late-caller', agentArgs(fleet, { delegatesTo: ['early-callee'] })),
    ).toThrow(
      'delegatesTo: "early-callee" was created before "late-caller", so its trust cannot let "late-caller" in; create "late-caller" first, or declare both in the fleet\'s agents',
    );
    await settled();
    expect(recorded.slice(before)).toEqual([]);
  });
});
