/**
 * `agent-step-vault-credential-ttl`: the STS TTLs of a Vault AWS role (defaultStsTtl, maxStsTtl),
 * judged on its own inputs at its own step. The stack policy names the agent the role targets; at
 * the step the target is another resource, so the Vault role's own name stands for the agent.
 * AppRole and other auth roles are judged only in stacks with agents, so the stack policy keeps
 * them.
 */
import { RESOURCE_TYPES } from '../lib/resource-types';
import { agentStepPolicy } from '../lib/step-policy';
import { judgeVaultAwsRoleTtls, vaultRoleName } from '../lib/vault/aws-role-rules';
import { agentVaultCredentialTtl } from './vault-credential-ttl';

export const agentStepVaultCredentialTtl = agentStepPolicy({
  rule: agentVaultCredentialTtl.name,
  description:
    "At a Vault role's own step, before it is created, a Vault AWS role sets explicit STS TTLs within the limits under vault in the policy-pack config.",
  severity: 'high',
  remediationSteps: agentVaultCredentialTtl.remediationSteps ?? '',
  types: [RESOURCE_TYPES.vaultAwsRole],
  judge: (v, vaultRole) =>
    judgeVaultAwsRoleTtls(v, vaultRole, {
      agentName: vaultRoleName(vaultRole),
      urn: vaultRole.urn,
    }),
});
