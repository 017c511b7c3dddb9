import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentOwnerRequired } from '../../../policy-pack/policies/owner-required';
import {
  compliantAgent,
  compliantConfig,
  find,
  resource,
  roleArn,
  runStackPolicy,
  UNKNOWN,
  useFixtureClock,
  verdicts,
  withProps,
  type AnalyzedResource,
} from '../harness';

beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

const ROLE_URN = find(compliantAgent(), RESOURCE_TYPES.role).urn;
const HINT = 'use an e-mail address ("jane@example.com") or a team handle ("team:payments")';
const withOwner = (owner: unknown) =>
  withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => {
    (p.tags as Record<string, unknown>)['agent:owner'] = owner;
  });

describe('agent-owner-required', () => {
  test.each<{ case: string; resources: AnalyzedResource[]; message: string }>([
    {
      case: 'owner tag missing',
      resources: withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => {
        delete (p.tags as Record<string, unknown>)['agent:owner'];
      }),
      message: `Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`,
    },
    {
      case: 'owner tag empty',
      resources: withOwner(''),
      message: `Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`,
    },
    {
      case: 'owner not an e-mail or team handle',
      resources: withOwner('bob'),
      message: `Agent "ticket-triager": tag "agent:owner" is "bob", which is not an owner; ${HINT}.`,
    },
    {
      case: 'e-mail at an unregistered domain',
      resources: withOwner('mallory@evil.test'),
      message:
        'Agent "ticket-triager": tag "agent:owner" is "mallory@evil.test", whose domain "evil.test" is not in the owner registry (example.com); use an address at a registered domain or add "evil.test" to owners.emailDomains in the policy-pack config.',
    },
    {
      case: 'unregistered team',
      resources: withOwner('team:growth'),
      message:
        'Agent "ticket-triager": tag "agent:owner" is "team:growth", whose team "growth" is not in the owner registry (support, finance, platform); use a registered team or add "growth" to owners.teams in the policy-pack config.',
    },
    {
      case: 'owner computed from an output (unknown value) fails closed',
      resources: withOwner(UNKNOWN),
      message: `Agent "ticket-triager": tag "agent:owner" is unknown at preview (computed from another resource's output), so its owner cannot be verified; set it to a literal value (${HINT}).`,
    },
    {
      case: 'whole tag map unknown fails closed',
      resources: withProps(compliantAgent(), RESOURCE_TYPES.role, (p) => {
        p.tags = UNKNOWN;
      }),
      message: `Agent "agent-ticket-triager": tag "agent:owner" is unknown at preview (computed from another resource's output), so its owner cannot be verified; set it to a literal value (${HINT}).`,
    },
  ])('$case', async ({ resources, message }) => {
    expect(verdicts(await runStackPolicy(agentOwnerRequired, resources))).toEqual([
      { enforcementLevel: 'mandatory', urn: ROLE_URN, message },
    ]);
  });

  test('a registered e-mail owner passes', async () => {
    expect(await runStackPolicy(agentOwnerRequired, withOwner('Jane.Doe@example.com'))).toEqual([]);
  });

  test('an untagged raw role that a Vault role targets is judged as an agent', async () => {
    const role = resource(RESOURCE_TYPES.role, 'shadow', {
      name: 'shadow',
      arn: roleArn('shadow'),
      assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}',
    });
    const vaultRole = resource(RESOURCE_TYPES.vaultAwsRole, 'shadow-vault', {
      backend: 'aws',
      name: 'shadow',
      credentialType: 'assumed_role',
      roleArns: [roleArn('shadow')],
    });
    expect(verdicts(await runStackPolicy(agentOwnerRequired, [role, vaultRole]))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: role.urn,
        message: `Agent "shadow": tag "agent:owner" is missing; add it and ${HINT}.`,
      },
    ]);
  });

  test('a role that is no agent is not judged', async () => {
    const role = resource(RESOURCE_TYPES.role, 'lambda-exec', {
      name: 'lambda-exec',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    });
    expect(await runStackPolicy(agentOwnerRequired, [role])).toEqual([]);
  });

  describe('exemptions', () => {
    const exemption = {
      policy: 'agent-owner-required',
      agent: 'ticket-triager',
      reason: 'Owner team is being renamed.',
      approvedBy: 'ciso@example.com',
    };
    const missing = `Agent "ticket-triager": tag "agent:owner" is "bob", which is not an owner; ${HINT}.`;

    test('a valid exemption turns the violation into an advisory naming approver, reason and date', async () => {
      const ds = await runStackPolicy(agentOwnerRequired, withOwner('bob'), {
        ...compliantConfig,
        exemptions: [{ ...exemption, expiresOn: '2026-03-31' }],
      });
      expect(verdicts(ds)).toEqual([
        {
          enforcementLevel: 'advisory',
          urn: ROLE_URN,
          message: `${missing} Exempted by ciso@example.com until 2026-03-31: Owner team is being renamed.`,
        },
      ]);
    });

    test('an expired exemption no longer counts and is named in the violation', async () => {
      const ds = await runStackPolicy(agentOwnerRequired, withOwner('bob'), {
        ...compliantConfig,
        exemptions: [{ ...exemption, expiresOn: '2026-02-28' }],
      });
      expect(verdicts(ds)).toEqual([
        {
          enforcementLevel: 'mandatory',
          urn: ROLE_URN,
          message: `${missing} The exemption approved by ciso@example.com expired on 2026-02-28; fix the agent or renew the exemption.`,
        },
      ]);
    });

    test('an expired exemption with nothing to exempt is reported as an advisory', async () => {
      const ds = await runStackPolicy(agentOwnerRequired, compliantAgent(), {
        ...compliantConfig,
        exemptions: [{ ...exemption, expiresOn: '2026-02-28' }],
      });
      expect(verdicts(ds)).toEqual([
        {
          enforcementLevel: 'advisory',
          urn: ROLE_URN,
          message:
            'Agent "ticket-triager": the exemption from agent-owner-required approved by ciso@example.com expired on 2026-02-28; remove it from the policy-pack config.',
        },
      ]);
    });

    test('an exemption for another policy does not apply', async () => {
      const ds = await runStackPolicy(agentOwnerRequired, withOwner('bob'), {
        ...compliantConfig,
        exemptions: [{ ...exemption, policy: 'agent-expiry-required', expiresOn: '2026-03-31' }],
      });
      expect(verdicts(ds)).toEqual([
        { enforcementLevel: 'mandatory', urn: ROLE_URN, message: missing },
      ]);
    });
  });

  test('invalid pack config is a clear error naming the policy and key', async () => {
    await expect(
      runStackPolicy(agentOwnerRequired, compliantAgent(), {
        ...compliantConfig,
        maxLifetimeDays: -1,
      }),
    ).rejects.toThrow(
      /policy "agent-owner-required": invalid policy-pack config;[\s\S]*maxLifetimeDays/,
    );
  });
});
