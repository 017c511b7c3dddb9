/**
 * `agent-step-no-static-credentials`: the part of agent-no-static-credentials that a Vault AWS role
 * or static role shows on its own inputs, at its own step: a Vault AWS role must issue
 * `assumed_role` credentials, and a static role always hands out a long-lived key. IAM users,
 * access keys, secret stores and the engine's root key are tied to agents by other resources, so
 * the stack policy judges them.
 */
import { RESOURCE_TYPES } from '../lib/resource-types';
import { agentStepPolicy } from '../lib/step-policy';
import {
  judgeVaultAwsRoleCredentialType,
  judgeVaultAwsStaticRole,
} from '../lib/vault/aws-role-rules';
import { agentNoStaticCredentials, FIX_ASSUMED_ROLE } from './no-static-credentials';

export const agentStepNoStaticCredentials = agentStepPolicy({
  rule: agentNoStaticCredentials.name,
  description:
    'At a Vault role\'s own step, before it is created, a Vault AWS role issues only "assumed_role" credentials and no Vault static role hands out a long-lived access key.',
  severity: 'critical',
  remediationSteps: agentNoStaticCredentials.remediationSteps ?? '',
  types: [RESOURCE_TYPES.vaultAwsRole, RESOURCE_TYPES.vaultAwsStaticRole],
  judge: (v, resource) =>
    resource.type === RESOURCE_TYPES.vaultAwsRole
      ? judgeVaultAwsRoleCredentialType(v, resource)
      : judgeVaultAwsStaticRole(v, resource, FIX_ASSUMED_ROLE),
});
