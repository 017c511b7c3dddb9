import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentOwnerRequired } from '../../../policy-pack/policies/owner-required';
import {
  advisory,
  compliantConfig,
  compliantUrnOf,
  mandatory,
  resource,
  roleArn,
  runStackPolicy,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withRoleProps,
  withRoleTag,
  withRoleTagKey,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const ROLE_URN = compliantUrnOf(RESOURCE_TYPES.role);
const HINT = 'use an e-mail address ("jane@example.com") or a team handle ("team:payments")';
const withOwner = (owner: unknown) => withRoleTag('agent:owner', owner);

describe('agent-owner-required', () => {
  test.each<{ case: string; stack: () => AnalyzedResource[]; message: string }>([
    {
      case: 'owner tag missing',
      stack: () => withOwner(undefined),
      message: `Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`,
    },
    {
      case: 'owner tag empty',
      stack: () => withOwner(''),
      message: `Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`,
    },
    {
      case: 'owner not an e-mail or team handle',
      stack: () => withOwner('bob'),
      message: `Agent "ticket-triager": tag "agent:owner" is "bob", which is not an owner; ${HINT}.`,
    },
    {
      case: 'e-mail at an unregistered domain',
      stack: () => withOwner('mallory@evil.test'),
      message:
        'Agent "ticket-triager": tag "agent:owner" is "mallory@evil.test", whose domain "evil.test" is not in the owner registry (example.com); use an address at a registered domain or add "evil.test" to owners.emailDomains in the policy-pack config.',
    },
    {
      case: 'unregistered team',
      stack: () => withOwner('team:growth'),
      message:
        'Agent "ticket-triager": tag "agent:owner" is "team:growth", whose team "growth" is not in the owner registry (support, finance, platform); use a registered team or add "growth" to owners.teams in the policy-pack config.',
    },
    {
      case: 'owner computed from an output (unknown value) fails closed',
      stack: () => withOwner(UNKNOWN),
      message: `Agent "ticket-triager": tag "agent:owner" is unknown at preview (computed from another resource's output), so its owner cannot be verified; set it to a literal value (${HINT}).`,
    },
    {
      case: 'whole tag map unknown fails closed',
      stack: () => withRoleProps((p) => (p.tags = UNKNOWN)),
      message: `Agent "agent-ticket-triager": tag "agent:owner" is unknown at preview (computed from another resource's output), so its owner cannot be verified; set it to a literal value (${HINT}).`,
    },
    {
      // IAM reads tag keys case-insensitively, so this role is an agent and must be judged.
      case: 'a role tagged "Agent:Name" only, with no Vault role, is still an agent and judged',
      stack: () =>
        withRoleProps((p) => (p.tags = { 'Agent:Name': 'ticket-triager' })).filter(
          (r) => r.type !== RESOURCE_TYPES.vaultAwsRole,
        ),
      message: `Agent "ticket-triager": tag "agent:owner" is missing; add it and ${HINT}.`,
    },
    {
      case: 'an owner key with a trailing space is named in the violation',
      stack: () => withRoleTagKey('agent:owner', 'agent:owner '),
      message: `Agent "ticket-triager": tag "agent:owner" is missing: the role has "agent:owner " instead, a different key because of its spaces; rename it to "agent:owner" and ${HINT}.`,
    },
  ])('$case', async ({ stack, message }) => {
    expect(await verdictsOf(agentOwnerRequired, stack())).toEqual([mandatory(ROLE_URN, message)]);
  });

  test.each([
    { case: 'a registered e-mail owner passes', stack: () => withOwner('Jane.Doe@example.com') },
    {
      // IAM refuses both keys on one role, so "Agent:Owner" cannot hide another owner.
      case: '"Agent:Owner" is the owner tag',
      stack: () => withRoleTagKey('agent:owner', 'Agent:Owner'),
    },
  ])('$case', async ({ stack }) => {
    expect(await verdictsOf(agentOwnerRequired, stack())).toEqual([]);
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
    expect(await verdictsOf(agentOwnerRequired, [role, vaultRole])).toEqual([
      mandatory(role.urn, `Agent "shadow": tag "agent:owner" is missing; add it and ${HINT}.`),
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
    expect(await verdictsOf(agentOwnerRequired, [role])).toEqual([]);
  });

  describe('exemptions', () => {
    const exemption = {
      policy: 'agent-owner-required',
      agent: 'ticket-triager',
      roleName: 'agent-ticket-triager',
      reason: 'Owner team is being renamed.',
      approvedBy: 'ciso@example.com',
    };
    const approvers = { exemptionApprovers: ['ciso@example.com', 'bob'] };
    const notAnOwner = `Agent "ticket-triager": tag "agent:owner" is "bob", which is not an owner; ${HINT}.`;

    test.each<{
      case: string;
      stack: () => AnalyzedResource[];
      exempt: {
        policy?: string;
        expiresOn: string;
        approvedBy?: string;
        roleName?: string;
        urn?: string;
      };
      config?: Record<string, unknown>;
      verdicts: Verdict[];
    }>([
      {
        case: 'a valid exemption turns the violation into an advisory naming approver, reason and date',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-03-31' },
        verdicts: [
          advisory(
            ROLE_URN,
            `${notAnOwner} Exempted by ciso@example.com until 2026-03-31: Owner team is being renamed.`,
          ),
        ],
      },
      {
        case: 'an expired exemption no longer counts and is named in the violation',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-02-28' },
        verdicts: [
          mandatory(
            ROLE_URN,
            `${notAnOwner} The exemption approved by ciso@example.com expired on 2026-02-28; fix the agent or renew the exemption.`,
          ),
        ],
      },
      {
        case: 'an expired exemption with nothing to exempt is reported as an advisory',
        stack: () => compliantAgent(),
        exempt: { expiresOn: '2026-02-28' },
        verdicts: [
          advisory(
            ROLE_URN,
            'Agent "ticket-triager": the exemption from agent-owner-required approved by ciso@example.com expired on 2026-02-28; remove it from the policy-pack config.',
          ),
        ],
      },
      {
        case: 'an exemption for another policy does not apply',
        stack: () => withOwner('bob'),
        exempt: { policy: 'agent-expiry-required', expiresOn: '2026-03-31' },
        verdicts: [mandatory(ROLE_URN, notAnOwner)],
      },
      {
        case: 'an exemption bound by URN applies to that resource',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-03-31', urn: ROLE_URN },
        verdicts: [
          advisory(
            ROLE_URN,
            `${notAnOwner} Exempted by ciso@example.com until 2026-03-31: Owner team is being renamed.`,
          ),
        ],
      },
      {
        case: "a self-approved exemption (by the agent's own owner) does not apply",
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-03-31', approvedBy: 'bob' },
        verdicts: [
          mandatory(
            ROLE_URN,
            `${notAnOwner} The exemption approved by bob does not apply: it is approved by the agent's own owner (bob); another approver must sign it.`,
          ),
        ],
      },
      {
        case: 'an exemption approved by someone not in exemptionApprovers does not apply',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-03-31', approvedBy: 'mallory@example.com' },
        verdicts: [
          mandatory(
            ROLE_URN,
            `${notAnOwner} The exemption approved by mallory@example.com does not apply: mallory@example.com is not one of the exemptionApprovers (ciso@example.com, bob).`,
          ),
        ],
      },
      {
        case: 'with no exemptionApprovers configured, no exemption applies',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-03-31' },
        config: { exemptionApprovers: [] },
        verdicts: [
          mandatory(
            ROLE_URN,
            `${notAnOwner} The exemption approved by ciso@example.com does not apply: no exemptionApprovers are configured, so no exemption can apply; list who may approve exemptions in exemptionApprovers.`,
          ),
        ],
      },
      {
        case: 'an exemption longer than maxExemptionDays does not apply',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2999-01-01' },
        verdicts: [
          mandatory(
            ROLE_URN,
            `${notAnOwner} The exemption approved by ciso@example.com does not apply: it runs until 2999-01-01, beyond maxExemptionDays (90) from today; renew it for at most until 2026-05-30.`,
          ),
        ],
      },
      {
        case: 'an exemption copied by another role with the same agent name does not apply to it',
        stack: () => withOwner('bob'),
        exempt: { expiresOn: '2026-03-31', roleName: 'agent-ticket-triager-legacy' },
        verdicts: [
          mandatory(
            ROLE_URN,
            `${notAnOwner} An exemption for agent "ticket-triager" names role "agent-ticket-triager-legacy", not this resource, so it does not apply here.`,
          ),
        ],
      },
    ])('$case', async ({ stack, exempt, config: extra, verdicts }) => {
      const config = {
        ...compliantConfig,
        ...approvers,
        ...extra,
        exemptions: [{ ...exemption, ...exempt }],
      };
      expect(await verdictsOf(agentOwnerRequired, stack(), config)).toEqual(verdicts);
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
