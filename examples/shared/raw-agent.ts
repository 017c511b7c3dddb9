/**
 * An agent written by hand with raw `aws.iam.*` and `vault.*` resources, the way a user who
 * bypasses the components would, correct in every respect unless an example overrides a field.
 * The pack must judge it exactly as it judges a component-built agent.
 */
import * as aws from '@pulumi/aws';
import * as vault from '@pulumi/vault';
import { ACCOUNT_ID, daysFromToday, vaultTrustPolicy } from './fleet';

export const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary`;

export interface RawAgentOverrides {
  tags?: Record<string, string>;
  assumeRolePolicy?: string;
  permissionsBoundary?: string | null;
  maxSessionDuration?: number;
  defaultStsTtl?: number;
  maxStsTtl?: number;
  policy?: object;
}

export function rawAgent(name: string, overrides: RawAgentOverrides = {}): aws.iam.Role {
  const roleName = `agent-${name}`;
  const tags = {
    'agent:name': name,
    'agent:owner': 'team:data',
    'agent:purpose': 'Exports the nightly sales summary',
    'agent:expires-on': daysFromToday(30),
    'agent:managed-by': 'hand-written',
    ...overrides.tags,
  };
  const boundary =
    overrides.permissionsBoundary === null
      ? undefined
      : (overrides.permissionsBoundary ?? BOUNDARY_ARN);
  const role = new aws.iam.Role(`${name}-role`, {
    name: roleName,
    path: '/agents/',
    assumeRolePolicy: overrides.assumeRolePolicy ?? vaultTrustPolicy(name),
    maxSessionDuration: overrides.maxSessionDuration ?? 3600,
    ...(boundary ? { permissionsBoundary: boundary } : {}),
    tags,
  });
  new aws.iam.RolePolicy(`${name}-policy`, {
    role: role.name,
    policy: JSON.stringify(
      overrides.policy ?? {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            Resource: ['arn:aws:s3:::sales-exports/nightly/*'],
          },
        ],
      },
    ),
  });
  new vault.aws.SecretBackendRole(`${name}-vault-role`, {
    backend: 'aws-agents',
    name,
    credentialType: 'assumed_role',
    // Literal, so the binding is visible at preview.
    roleArns: [`arn:aws:iam::${ACCOUNT_ID}:role/agents/${roleName}`],
    defaultStsTtl: overrides.defaultStsTtl ?? 900,
    maxStsTtl: overrides.maxStsTtl ?? 3600,
    sessionTags: { agent: name, owner: tags['agent:owner'] },
  });
  return role;
}
