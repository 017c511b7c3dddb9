/**
 * The resources an Agent component declares for one compliant agent, as the pack sees them at
 * update, built by the components' own document builders: a policy test starts from what the
 * components really produce, and changes one field per case.
 */
import {
  AGENT_ROLE_PATH,
  agentRoleArn,
  agentRoleName,
  agentSessionTags,
  agentTags,
  entityMetadata,
  permissionsDocument,
  trustPolicyDocument,
  vaultCredentialsPolicy,
  vaultPolicyName,
} from '../../components/documents';
import { COMPONENT_TYPES } from '../../policy-pack/lib/conventions';
import { DEFAULTS } from '../../policy-pack/lib/defaults';
import { maxSessionFor } from '../../policy-pack/lib/identity/session';
import { RESOURCE_TYPES } from '../../policy-pack/lib/resource-types';
import type { AnalyzedResource } from '../../offline';
import { BOUNDARY_ARN, FIXTURE_EXPIRES_ON, resource } from './resources';
import { ACCOUNT_ID, REGION, VAULT_PRINCIPAL_ARN } from './constants';

export interface AgentFixtureOptions {
  owner: string;
  purpose: string;
  expiresOn: string;
  /** The fleet component to parent the agent under; none by default. */
  parent?: AnalyzedResource;
}

/** The Vault mounts of the fixtures' fleet. */
const AWS_MOUNT = 'aws';
const APPROLE_MOUNT = 'approle';

/** The resources an Agent component declares for one compliant agent (outputs, as at update). */
export function compliantAgent(
  name = 'ticket-triager',
  overrides: Partial<AgentFixtureOptions> = {},
): AnalyzedResource[] {
  const { parent, ...identityFields } = {
    owner: 'team:support',
    purpose: 'Triages incoming support tickets.',
    expiresOn: FIXTURE_EXPIRES_ON,
    ...overrides,
  };
  const identity = { name, ...identityFields };
  const tags = agentTags(identity);
  const component = resource(COMPONENT_TYPES.agent, name, {}, parent ? { parent } : {});
  const child = { parent: component };
  const roleName = agentRoleName(name);
  const arn = agentRoleArn('aws', ACCOUNT_ID, name);
  const policyName = vaultPolicyName(name);
  const permissions = permissionsDocument([
    {
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
      resources: [`arn:aws:sqs:${REGION}:${ACCOUNT_ID}:support-tickets`],
    },
    {
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resources: [`arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/ticket-labels`],
    },
  ]);
  return [
    component,
    resource(
      RESOURCE_TYPES.role,
      `${name}-role`,
      {
        name: roleName,
        path: AGENT_ROLE_PATH,
        arn,
        assumeRolePolicy: JSON.stringify(trustPolicyDocument(VAULT_PRINCIPAL_ARN, name)),
        permissionsBoundary: BOUNDARY_ARN,
        maxSessionDuration: maxSessionFor(DEFAULTS.maxTtlSeconds),
        tags,
        tagsAll: tags,
      },
      child,
    ),
    resource(
      RESOURCE_TYPES.rolePolicy,
      `${name}-policy`,
      { name: `${roleName}-permissions`, role: roleName, policy: JSON.stringify(permissions) },
      child,
    ),
    resource(
      RESOURCE_TYPES.vaultAwsRole,
      `${name}-vault-role`,
      {
        backend: AWS_MOUNT,
        name,
        credentialType: 'assumed_role',
        roleArns: [arn],
        defaultStsTtl: DEFAULTS.ttlSeconds,
        maxStsTtl: DEFAULTS.maxTtlSeconds,
        sessionTags: agentSessionTags(identity),
      },
      child,
    ),
    resource(
      RESOURCE_TYPES.vaultPolicy,
      `${name}-vault-policy`,
      { name: policyName, policy: vaultCredentialsPolicy(AWS_MOUNT, name) },
      child,
    ),
    resource(
      RESOURCE_TYPES.appRole,
      `${name}-approle`,
      {
        backend: APPROLE_MOUNT,
        roleName: name,
        bindSecretId: true,
        tokenPolicies: [policyName],
        tokenNoDefaultPolicy: true,
        tokenType: 'service',
        tokenTtl: DEFAULTS.ttlSeconds,
        tokenMaxTtl: DEFAULTS.maxTtlSeconds,
        tokenExplicitMaxTtl: DEFAULTS.maxTtlSeconds,
        secretIdTtl: DEFAULTS.secretIdTtlSeconds,
        secretIdNumUses: DEFAULTS.secretIdNumUses,
      },
      child,
    ),
    resource(
      RESOURCE_TYPES.vaultEntity,
      `${name}-entity`,
      { name: roleName, metadata: entityMetadata(identity) },
      child,
    ),
    resource(
      RESOURCE_TYPES.vaultEntityAlias,
      `${name}-entity-alias`,
      {
        name: `role-id-${name}`,
        canonicalId: `entity-${name}`,
        mountAccessor: 'auth_approle_0a1b2c3d',
      },
      child,
    ),
  ];
}
