/**
 * Ways around the pack found by attacking it with raw resources, one change each to the compliant
 * fixture: a differently-cased agent tag, a tag key with stray spaces, an action wildcard in the
 * trust policy, NotPrincipal, an exclusive attachment computed at preview, a static root key.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentExpiryRequired } from '../../../policy-pack/policies/expiry-required';
import { agentNoAdmin } from '../../../policy-pack/policies/no-admin';
import { agentNoStaticCredentials } from '../../../policy-pack/policies/no-static-credentials';
import { agentOwnerRequired } from '../../../policy-pack/policies/owner-required';
import { agentTrustRestricted } from '../../../policy-pack/policies/trust-restricted';
import {
  compliantAgent,
  compliantStack,
  find,
  resource,
  roleTags,
  runStackPolicy,
  UNKNOWN,
  useFixtureClock,
  VAULT_PRINCIPAL_ARN,
  verdicts,
  withProps,
  type AnalyzedResource,
} from '../harness';

beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

const ROLE_URN = find(compliantAgent(), RESOURCE_TYPES.role).urn;
const withRole = (mutate: (props: Record<string, unknown>) => void) =>
  withProps(compliantAgent(), RESOURCE_TYPES.role, mutate);
const renameTag = (from: string, to: string) =>
  withRole((p) => {
    const tags = roleTags(p);
    tags[to] = tags[from];
    delete tags[from];
  });

describe('tag keys as IAM reads them (case-insensitive)', () => {
  test('a role tagged "Agent:Name" only, with no Vault role, is still an agent and judged', async () => {
    const resources = withRole((p) => {
      p.tags = { 'Agent:Name': 'ticket-triager' };
    }).filter((r) => r.type !== RESOURCE_TYPES.vaultAwsRole);
    expect(verdicts(await runStackPolicy(agentOwnerRequired, resources))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: ROLE_URN,
        message:
          'Agent "ticket-triager": tag "agent:owner" is missing; add it and use an e-mail address ("jane@example.com") or a team handle ("team:payments").',
      },
    ]);
  });

  test('"Agent:Owner" is the owner tag: IAM refuses both keys on one role', async () => {
    expect(
      await runStackPolicy(agentOwnerRequired, renameTag('agent:owner', 'Agent:Owner')),
    ).toEqual([]);
  });

  test.each([
    {
      case: 'an owner key with a trailing space',
      policy: agentOwnerRequired,
      from: 'agent:owner',
      to: 'agent:owner ',
      message:
        'Agent "ticket-triager": tag "agent:owner" is missing: the role has "agent:owner " instead, a different key because of its spaces; rename it to "agent:owner" and use an e-mail address ("jane@example.com") or a team handle ("team:payments").',
    },
    {
      case: 'an expiry key with a leading space',
      policy: agentExpiryRequired,
      from: 'agent:expires-on',
      to: ' agent:expires-on',
      message:
        'Agent "ticket-triager": tag "agent:expires-on" is missing: the role has " agent:expires-on" instead, a different key because of its spaces; rename it to "agent:expires-on" and use a date as YYYY-MM-DD, at most 90 days away (on or before 2026-05-30).',
    },
  ])('$case is named in the violation', async (c) => {
    expect(verdicts(await runStackPolicy(c.policy, renameTag(c.from, c.to)))).toEqual([
      { enforcementLevel: 'mandatory', urn: ROLE_URN, message: c.message },
    ]);
  });
});

describe('trust policies', () => {
  const WHO = 'Agent "ticket-triager": trust policy of role "agent-ticket-triager"';
  const vaultStatement = {
    Effect: 'Allow',
    Principal: { AWS: VAULT_PRINCIPAL_ARN },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: { StringEquals: { 'aws:RequestTag/agent': 'ticket-triager' } },
  };
  const withTrust = (...statements: object[]) =>
    withRole((p) => {
      p.assumeRolePolicy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    });

  test.each([
    {
      case: 'Vault allowed "sts:Assume*" without the session tag',
      statements: [
        vaultStatement,
        { Effect: 'Allow', Principal: { AWS: VAULT_PRINCIPAL_ARN }, Action: 'sts:Assume*' },
      ],
      message: `${WHO}: Statement[1] lets Vault assume the role without requiring the "agent" session tag; add the condition StringEquals "aws:RequestTag/agent": "ticket-triager".`,
    },
    {
      case: 'NotPrincipal, without calling the principal it excludes trusted',
      statements: [
        vaultStatement,
        {
          Effect: 'Allow',
          NotPrincipal: { AWS: 'arn:aws:iam::123456789012:user/bob' },
          Action: 'sts:AssumeRole',
        },
      ],
      message: `${WHO}: NotPrincipal trusts every principal it does not list; allow only "${VAULT_PRINCIPAL_ARN}".`,
    },
  ])('$case is a violation', async (c) => {
    expect(
      verdicts(await runStackPolicy(agentTrustRestricted, withTrust(...c.statements))),
    ).toEqual([{ enforcementLevel: 'mandatory', urn: ROLE_URN, message: c.message }]);
  });
});

describe('RolePolicyAttachmentsExclusive grants what it lists', () => {
  test('a policyArns list unknown at preview is an advisory, verified at update', async () => {
    const resources: AnalyzedResource[] = [
      ...compliantAgent(),
      resource(RESOURCE_TYPES.rolePolicyAttachmentsExclusive, 'exclusive', {
        roleName: 'agent-ticket-triager',
        policyArns: UNKNOWN,
      }),
    ];
    expect(verdicts(await runStackPolicy(agentNoAdmin, resources))).toEqual([
      {
        enforcementLevel: 'advisory',
        urn: ROLE_URN,
        message:
          'Agent "ticket-triager": the policy ARN attached by rolePolicyAttachmentsExclusive:exclusive is unknown at preview (.policyArns); it will be verified at update.',
      },
    ]);
  });
});

describe("the AWS secrets engine's root key", () => {
  const backend = (props: Record<string, unknown>) => [
    ...compliantStack('ticket-triager'),
    resource(RESOURCE_TYPES.vaultAwsBackend, 'aws-engine', { path: 'aws', ...props }),
  ];
  const BACKEND_URN = backend({})[backend({}).length - 1].urn;

  test('a static key that Vault never rotates is a violation', async () => {
    const resources = backend({ accessKey: 'AKIAEXAMPLEEXAMPLE00', secretKey: 'secret' });
    expect(verdicts(await runStackPolicy(agentNoStaticCredentials, resources))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: BACKEND_URN,
        message:
          'Vault AWS secrets engine "aws" signs every agent\'s credentials with a static root access key, which Vault never rotates (no rotationPeriod or rotationSchedule); use workload identity (identityTokenAudience and roleArn, no accessKey/secretKey), or set rotationPeriod (e.g. 2592000, 30 days) or rotationSchedule so that Vault rotates the root key.',
      },
    ]);
  });

  test.each([
    {
      case: 'workload identity',
      props: { identityTokenAudience: 'vault', roleArn: VAULT_PRINCIPAL_ARN },
    },
    {
      case: 'a rotation period',
      props: { accessKey: 'AKIAEXAMPLE', secretKey: 's', rotationPeriod: 86400 },
    },
    {
      case: 'a rotation schedule',
      props: { accessKey: 'AKIAEXAMPLE', secretKey: 's', rotationSchedule: '0 3 * * SAT' },
    },
  ])('$case passes', async ({ props }) => {
    expect(await runStackPolicy(agentNoStaticCredentials, backend(props))).toEqual([]);
  });
});
