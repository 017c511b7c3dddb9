/**
 * The pack's policies, in one explicit list. Tests and the offline check import this module;
 * only `index.ts` constructs the `PolicyPack`, because its constructor starts a gRPC server.
 */
import type { EnforcementLevel, Policy } from '@pulumi/policy';
import { agentNoAdmin } from './policies/no-admin';
import { agentNoCredentialsExposure } from './policies/no-credentials-exposure';
import { agentNoDataExfiltration } from './policies/no-data-exfiltration';
import { agentNoPrivilegeEscalation } from './policies/no-privilege-escalation';
import { agentNoResourceExposure } from './policies/no-resource-exposure';
import { agentNoUnscopedWrite } from './policies/no-unscoped-write';
import { agentNoWildcardActions } from './policies/no-wildcard-actions';
// Identity, lifetime and credentials (identity-policies helper).
import { agentExpiryRequired } from './policies/expiry-required';
import { agentInlinePolicyNamesUnique } from './policies/inline-policy-names-unique';
import { agentMaxSessionDuration } from './policies/max-session-duration';
import { agentNoStaticCredentials } from './policies/no-static-credentials';
import { agentOwnerRequired } from './policies/owner-required';
import { agentPermissionsBoundaryRequired } from './policies/permissions-boundary-required';
import { agentTrustRestricted } from './policies/trust-restricted';
import { agentVaultBinding } from './policies/vault-binding';
import { agentVaultCredentialTtl } from './policies/vault-credential-ttl';
import { agentVaultTokenScoped } from './policies/vault-token-scoped';
// Gate integrity: what cannot be seen at preview, and one identity per agent.
import { agentKnownAtPreview } from './policies/known-at-preview';
import { agentUniqueIdentity } from './policies/unique-identity';
// Shadow AI: every AI workload is a declared agent.
import { agentAiWorkloadDeclared } from './policies/ai-workload-declared';
// Agents calling agents: declared, accountable, short, and never amplifying.
import { agentDelegationSafe } from './policies/delegation-safe';
// A record of what the agents did (advisory: the trail may live in another stack).
import { agentAuditTrailPresent } from './policies/audit-trail-present';
// The same rules at a role's own step: resource policies on the role's inputs, which block before
// it is created (see lib/step-policy.ts).
import { agentStepExpiryRequired } from './policies/step-expiry-required';
import { agentStepMaxSessionDuration } from './policies/step-max-session-duration';
import { agentStepNoAdmin } from './policies/step-no-admin';
import { agentStepNoCredentialsExposure } from './policies/step-no-credentials-exposure';
import { agentStepNoDataExfiltration } from './policies/step-no-data-exfiltration';
import { agentStepNoPrivilegeEscalation } from './policies/step-no-privilege-escalation';
import { agentStepNoResourceExposure } from './policies/step-no-resource-exposure';
import { agentStepNoUnscopedWrite } from './policies/step-no-unscoped-write';
import { agentStepNoWildcardActions } from './policies/step-no-wildcard-actions';
import { agentStepOwnerRequired } from './policies/step-owner-required';
import { agentStepTrustRestricted } from './policies/step-trust-restricted';
import { agentStepNoStaticCredentials } from './policies/step-no-static-credentials';
import { agentStepVaultCredentialTtl } from './policies/step-vault-credential-ttl';

export const PACK_NAME = 'agent-iam';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const PACK_VERSION: string = require('./package.json').version;
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = 'mandatory';

export const policies: Policy[] = [
  // Effective permissions (permission-policies helper).
  agentNoWildcardActions,
  agentNoUnscopedWrite,
  agentNoPrivilegeEscalation,
  agentNoDataExfiltration,
  agentNoCredentialsExposure,
  agentNoResourceExposure,
  agentNoAdmin,
  // Identity, lifetime and credentials (identity-policies helper).
  agentOwnerRequired,
  agentExpiryRequired,
  agentPermissionsBoundaryRequired,
  agentInlinePolicyNamesUnique,
  agentTrustRestricted,
  agentMaxSessionDuration,
  agentNoStaticCredentials,
  agentVaultCredentialTtl,
  agentVaultBinding,
  agentVaultTokenScoped,
  agentKnownAtPreview,
  agentUniqueIdentity,
  agentAiWorkloadDeclared,
  agentDelegationSafe,
  agentAuditTrailPresent,
  // Resource policies: the rules above that a role tagged as an agent (or a Vault AWS role) shows
  // on its own inputs, judged at its step, before it is created.
  agentStepNoWildcardActions,
  agentStepNoUnscopedWrite,
  agentStepNoPrivilegeEscalation,
  agentStepNoDataExfiltration,
  agentStepNoCredentialsExposure,
  agentStepNoResourceExposure,
  agentStepNoAdmin,
  agentStepOwnerRequired,
  agentStepExpiryRequired,
  agentStepTrustRestricted,
  agentStepMaxSessionDuration,
  agentStepNoStaticCredentials,
  agentStepVaultCredentialTtl,
];
