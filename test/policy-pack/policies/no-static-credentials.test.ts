import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentNoStaticCredentials } from '../../../policy-pack/policies/no-static-credentials';
import {
  advisory,
  compliantStack,
  compliantUrnOf,
  mandatory,
  resource,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withProps,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';
import { VAULT_PRINCIPAL_ARN } from '../../support/constants';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const VAULT_URN = compliantUrnOf(RESOURCE_TYPES.vaultAwsRole);
const FIX =
  'give the agent short-lived STS credentials from a vault.aws.SecretBackendRole with credentialType "assumed_role" instead';
const VAULT_ROLE = 'Agent "ticket-triager": Vault AWS role "ticket-triager"';

const withCredentialType = (credentialType: string) =>
  withProps(compliantAgent(), RESOURCE_TYPES.vaultAwsRole, (p) => {
    p.credentialType = credentialType;
  });

// Resources declared next to the compliant agent, with their URNs for the expected verdicts.
const taggedUser = resource(RESOURCE_TYPES.user, 'triager-user', {
  name: 'triager-bot',
  tags: { 'agent:name': 'ticket-triager' },
});
const taggedUserKey = resource(RESOURCE_TYPES.accessKey, 'triager-key', { user: 'triager-bot' });
const ciUser = resource(RESOURCE_TYPES.user, 'ci', { name: 'ci' });
const ciKeyOfUnknownUser = resource(RESOURCE_TYPES.accessKey, 'ci-key', { user: UNKNOWN });
const staticRole = resource(RESOURCE_TYPES.vaultAwsStaticRole, 'legacy', {
  backend: 'aws',
  name: 'legacy-agent',
  username: 'legacy-bot',
  rotationPeriod: 86400,
});

/** The AWS secrets engine's mount, with the props that say how it holds its root key. */
const engine = (props: Record<string, unknown>) =>
  resource(RESOURCE_TYPES.vaultAwsBackend, 'aws-engine', { path: 'aws', ...props });
const withEngine = (props: Record<string, unknown>) => [
  ...compliantStack('ticket-triager'),
  engine(props),
];

const ENGINE =
  'Vault AWS secrets engine "aws" signs every agent\'s credentials with a static root access key,';
const ENGINE_FIX =
  'use workload identity (identityTokenAudience and roleArn, no accessKey/secretKey), or have Vault rotate the root key at least every 90d (vault.maxRootKeyRotationSeconds) with rotationPeriod (e.g. 2592000, 30 days) or rotationSchedule (e.g. "0 3 * * SAT").';

describe('agent-no-static-credentials', () => {
  test.each<{ case: string; stack: () => AnalyzedResource[]; verdicts: Verdict[] }>([
    {
      case: 'a Vault AWS role issuing iam_user credentials',
      stack: () => withCredentialType('iam_user'),
      verdicts: [
        mandatory(
          VAULT_URN,
          `${VAULT_ROLE} has credentialType "iam_user", which creates IAM users with long-lived access keys; use credentialType "assumed_role" with roleArns set to the agent's role.`,
        ),
      ],
    },
    ...['federation_token', 'session_token'].map((credentialType) => ({
      case: `a Vault AWS role issuing ${credentialType} credentials from the mount's own IAM user`,
      stack: () => withCredentialType(credentialType),
      verdicts: [
        mandatory(
          VAULT_URN,
          `${VAULT_ROLE} has credentialType "${credentialType}", which issues credentials derived from the Vault mount's own IAM user key, outside any agent role the pack can judge; use credentialType "assumed_role" with roleArns set to the agent's role.`,
        ),
      ],
    })),
    {
      case: 'an IAM user and access key tagged as the agent',
      stack: () => [...compliantAgent(), taggedUser, taggedUserKey],
      verdicts: [
        mandatory(
          taggedUser.urn,
          `Agent "ticket-triager": IAM user "triager-bot" belongs to the agent; agents must not be IAM users; delete it and ${FIX}.`,
        ),
        mandatory(
          taggedUserKey.urn,
          `Agent "ticket-triager": aws.iam.AccessKey "triager-key" is a long-lived key for the agent's IAM user "triager-bot"; delete it and ${FIX}.`,
        ),
      ],
    },
    {
      case: 'an untagged user and key next to agents: the key is refused, the user is an advisory',
      stack: () => [...compliantAgent(), ciUser, ciKeyOfUnknownUser],
      verdicts: [
        advisory(
          ciUser.urn,
          `IAM user "ci" is declared next to agents (ticket-triager); check that no agent uses it; if one does, delete it and ${FIX}.`,
        ),
        mandatory(
          ciKeyOfUnknownUser.urn,
          `aws.iam.AccessKey "ci-key" (user unknown at preview) is a long-lived key declared next to agents (ticket-triager); delete it and ${FIX}.`,
        ),
      ],
    },
    {
      case: 'a Vault static role',
      stack: () => [...compliantAgent(), staticRole],
      verdicts: [
        mandatory(
          staticRole.urn,
          `Agent "legacy-agent": vault.aws.SecretBackendStaticRole "legacy-agent" hands out the long-lived access key of IAM user "legacy-bot"; ${FIX}.`,
        ),
      ],
    },
    {
      case: 'users and keys in a stack without agents are not judged',
      stack: () => [ciUser, resource(RESOURCE_TYPES.accessKey, 'ci-key', { user: 'ci' })],
      verdicts: [],
    },
    {
      case: "the secrets engine's static root key that Vault never rotates",
      stack: () => withEngine({ accessKey: 'AKIAEXAMPLEEXAMPLE00', secretKey: 'secret' }),
      verdicts: [
        mandatory(
          engine({}).urn,
          `${ENGINE} which Vault never rotates (no rotationPeriod or rotationSchedule); ${ENGINE_FIX}`,
        ),
      ],
    },
  ])('$case', async ({ stack, verdicts }) => {
    expect(await verdictsOf(agentNoStaticCredentials, stack())).toEqual(verdicts);
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
  ])("the secrets engine's root key with $case passes", async ({ props }) => {
    expect(await verdictsOf(agentNoStaticCredentials, withEngine(props))).toEqual([]);
  });
});
