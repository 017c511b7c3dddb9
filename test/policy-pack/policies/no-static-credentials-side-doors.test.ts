/**
 * agent-no-static-credentials: the long-lived credentials that reach agents by a side door (a
 * service-specific credential, AWS keys in a secret store) and a root key Vault rotates too
 * rarely. Each case is the compliant agent plus one resource.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentNoStaticCredentials } from '../../../policy-pack/policies/no-static-credentials';
import {
  compliantStack,
  mandatory,
  resource,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
  unknownAtPreview,
} from '../../support/harness';

useFixtureClockInEachTest();

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const FIX =
  'give the agent short-lived STS credentials from a vault.aws.SecretBackendRole with credentialType "assumed_role" instead';
const NEXT =
  'next to agents (ticket-triager): static credentials an agent could read; delete them and';

const engine = (props: Record<string, unknown>) =>
  resource(RESOURCE_TYPES.vaultAwsBackend, 'aws-engine', {
    path: 'aws',
    accessKey: KEY_ID,
    secretKey: 'secret',
    ...props,
  });
const ENGINE =
  'Vault AWS secrets engine "aws" signs every agent\'s credentials with a static root access key,';
const ENGINE_FIX =
  'use workload identity (identityTokenAudience and roleArn, no accessKey/secretKey), or have Vault rotate the root key at least every 90d (vault.maxRootKeyRotationSeconds) with rotationPeriod (e.g. 2592000, 30 days) or rotationSchedule (e.g. "0 3 * * SAT").';

describe('agent-no-static-credentials: side doors and rarely rotated root keys', () => {
  test.each<{ case: string; add: AnalyzedResource; message: string }>([
    {
      case: 'a Bedrock API key (a service-specific credential)',
      add: resource(RESOURCE_TYPES.serviceSpecificCredential, 'bedrock-key', {
        serviceName: 'bedrock.amazonaws.com',
        userName: 'bedrock-bot',
      }),
      message: `aws.iam.ServiceSpecificCredential "bedrock-key" (service "bedrock.amazonaws.com", user "bedrock-bot") is a long-lived credential (a Bedrock API key) declared next to agents (ticket-triager); delete it and ${FIX}, with the service's actions in the agent's role.`,
    },
    {
      case: 'a vault.generic.Secret whose dataJson holds an access key id',
      add: resource(RESOURCE_TYPES.vaultGenericSecret, 'legacy-creds', {
        path: 'secret/legacy',
        dataJson: JSON.stringify({ id: KEY_ID, key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
      }),
      message: `vault.generic.Secret "legacy-creds" stores AWS keys (the access key id AKIA…MPLE in dataJson) ${NEXT} ${FIX}.`,
    },
    {
      case: 'a vault.kv.SecretV2 with credential field names in any case',
      add: resource(RESOURCE_TYPES.vaultKvSecretV2, 'agent-env', {
        mount: 'kv',
        name: 'agent-env',
        dataJson: JSON.stringify({ AWS_SECRET_ACCESS_KEY: 'x', Aws_Access_Key_Id: 'y' }),
      }),
      message: `vault.kv.SecretV2 "agent-env" stores AWS keys (the field "AWS_SECRET_ACCESS_KEY", the field "Aws_Access_Key_Id" in dataJson) ${NEXT} ${FIX}.`,
    },
    {
      case: 'a vault.kv.Secret with a temporary key id and secret_key nested in JSON inside JSON',
      add: resource(RESOURCE_TYPES.vaultKvSecret, 'nested', {
        path: 'kv/nested',
        dataJson: JSON.stringify({
          blob: JSON.stringify({ creds: { secret_key: 's', token: 'ASIAIOSFODNN7EXAMPLE' } }),
        }),
      }),
      message: `vault.kv.Secret "nested" stores AWS keys (the access key id ASIA…MPLE, the field "secret_key" in dataJson) ${NEXT} ${FIX}.`,
    },
    {
      case: 'a Secrets Manager secret version holding a key id',
      add: resource(RESOURCE_TYPES.secretsManagerSecretVersion, 'deploy-creds', {
        secretId: 'deploy',
        secretString: `{"access":"${KEY_ID}"}`,
      }),
      message: `aws.secretsmanager.SecretVersion "deploy-creds" stores AWS keys (the access key id AKIA…MPLE in secretString) ${NEXT} ${FIX}.`,
    },
    {
      case: 'an SSM parameter holding an env file',
      add: resource(RESOURCE_TYPES.ssmParameter, 'agent-dotenv', {
        name: '/agents/dotenv',
        type: 'SecureString',
        value: 'REGION=eu-west-1\naws_secret_access_key = abc',
      }),
      message: `aws.ssm.Parameter "agent-dotenv" stores AWS keys (the setting "aws_secret_access_key" in value) ${NEXT} ${FIX}.`,
    },
    {
      case: 'a root key rotated every ten years',
      add: engine({ rotationPeriod: 315_360_000 }),
      message: `${ENGINE} which Vault rotates only every 315360000 seconds (3650d) (rotationPeriod), longer than 7776000 seconds (90d); ${ENGINE_FIX}`,
    },
    {
      case: 'a root key rotation period given as a string',
      add: engine({ rotationPeriod: '8760h' }),
      message: `${ENGINE} which Vault rotates only every 31536000 seconds (365d) (rotationPeriod), longer than 7776000 seconds (90d); ${ENGINE_FIX}`,
    },
    {
      case: 'a negative root key rotation period',
      add: engine({ rotationPeriod: -1 }),
      message: `${ENGINE} whose rotationPeriod -1 is negative, which Vault refuses or reads as unset; ${ENGINE_FIX}`,
    },
    {
      case: 'a yearly rotation schedule',
      add: engine({ rotationSchedule: '0 0 1 1 *' }),
      message: `${ENGINE} whose rotationSchedule "0 0 1 1 *" leaves up to 31622400 seconds (366d) between rotations, longer than 7776000 seconds (90d); ${ENGINE_FIX}`,
    },
    {
      case: 'a rotation schedule that never runs',
      add: engine({ rotationSchedule: '0 0 30 2 *' }),
      message: `${ENGINE} whose rotationSchedule "0 0 30 2 *" never runs, so when it rotates cannot be told; ${ENGINE_FIX}`,
    },
    {
      case: 'a weekly schedule with rotation turned off',
      add: engine({ rotationSchedule: '0 3 * * SAT', disableAutomatedRotation: true }),
      message: `${ENGINE} whose rotation is turned off (disableAutomatedRotation); ${ENGINE_FIX}`,
    },
  ])('$case is a violation', async ({ add, message }) => {
    expect(
      await verdictsOf(agentNoStaticCredentials, [...compliantStack('ticket-triager'), add]),
    ).toEqual([mandatory(add.urn, message)]);
  });

  test.each<{ case: string; add: AnalyzedResource }>([
    {
      case: 'a secret without AWS keys (a 20-character id with another prefix)',
      add: resource(RESOURCE_TYPES.vaultKvSecretV2, 'app', {
        dataJson: JSON.stringify({ api_key: 'ABCDIOSFODNN7EXAMPLE', access_key: 'not-aws' }),
      }),
    },
    {
      case: 'a key id embedded in a longer word',
      add: resource(RESOURCE_TYPES.ssmParameter, 'p', { value: 'XAKIAIOSFODNN7EXAMPLE' }),
    },
    { case: 'a root key rotated monthly', add: engine({ rotationPeriod: '720h' }) },
    { case: 'a root key rotated every Saturday', add: engine({ rotationSchedule: '0 3 * * SAT' }) },
  ])('$case passes', async ({ add }) => {
    expect(
      await verdictsOf(agentNoStaticCredentials, [...compliantStack('ticket-triager'), add]),
    ).toEqual([]);
  });

  test('a secret whose data is unknown at preview is a violation', async () => {
    const secret = resource(RESOURCE_TYPES.vaultKvSecretV2, 'later', { dataJson: UNKNOWN });
    expect(
      await verdictsOf(agentNoStaticCredentials, [...compliantStack('ticket-triager'), secret]),
    ).toEqual([
      mandatory(
        secret.urn,
        unknownAtPreview(
          'later',
          'dataJson of vault.kv.SecretV2 "later", in a stack with agents,',
          'vault:kv/secretV2:SecretV2 "later".dataJson',
        ),
      ),
    ]);
  });

  const RUNTIME_FIX = `static credentials whatever runs there holds; delete them and let it use its execution role, or ${FIX}.`;
  test.each<{ case: string; add: AnalyzedResource; message: string }>([
    {
      case: 'a Lambda function with an access key id and secret in its environment variables',
      add: resource('aws:lambda/function:Function', 'summariser', {
        role: 'arn:aws:iam::123456789012:role/agent-ticket-triager',
        environment: { variables: { AWS_ACCESS_KEY_ID: KEY_ID, Aws_Secret_Access_Key: 'x' } },
      }),
      message: `aws.lambda.Function "summariser" puts AWS keys (the field "AWS_ACCESS_KEY_ID", the access key id AKIA…MPLE, the field "Aws_Secret_Access_Key" in environment) in its environment next to agents (ticket-triager): ${RUNTIME_FIX}`,
    },
    {
      case: 'an ECS task definition whose container environment names the secret key setting',
      add: resource('aws:ecs/taskDefinition:TaskDefinition', 'worker', {
        family: 'worker',
        containerDefinitions: JSON.stringify([
          { name: 'app', environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'redacted' }] },
        ]),
      }),
      message: `aws.ecs.TaskDefinition "worker" puts AWS keys (the variable "AWS_SECRET_ACCESS_KEY" in containerDefinitions) in its environment next to agents (ticket-triager): ${RUNTIME_FIX}`,
    },
    {
      case: 'an AgentCore runtime with a key id in its environment, beside values unknown at preview',
      add: resource('aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime', 'rt', {
        environmentVariables: { BUCKET: UNKNOWN, KEY: KEY_ID },
      }),
      message: `aws.bedrock.AgentcoreAgentRuntime "rt" puts AWS keys (the access key id AKIA…MPLE in environmentVariables) in its environment next to agents (ticket-triager): ${RUNTIME_FIX}`,
    },
  ])('$case is a violation', async ({ add, message }) => {
    expect(
      await verdictsOf(agentNoStaticCredentials, [...compliantStack('ticket-triager'), add]),
    ).toEqual([mandatory(add.urn, message)]);
  });

  test('a runtime environment computed from other resources, with no literal key, passes', async () => {
    const fn = resource('aws:lambda/function:Function', 'f', {
      environment: { variables: { TABLE: UNKNOWN, REGION: 'us-east-1' } },
    });
    expect(
      await verdictsOf(agentNoStaticCredentials, [...compliantStack('ticket-triager'), fn]),
    ).toEqual([]);
  });

  test('secrets and service credentials in a stack without agents are not judged', async () => {
    const alone = [
      resource(RESOURCE_TYPES.serviceSpecificCredential, 'k', {
        serviceName: 'bedrock.amazonaws.com',
        userName: 'u',
      }),
      resource(RESOURCE_TYPES.vaultKvSecretV2, 's', { dataJson: JSON.stringify({ id: KEY_ID }) }),
    ];
    expect(await verdictsOf(agentNoStaticCredentials, alone)).toEqual([]);
  });
});
