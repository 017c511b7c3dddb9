/** Agents as code: the components, their argument types and the grant helpers. */
export { AgentFleet } from './fleet';
export type { AgentFleetArgs } from './fleet';
export { Agent } from './agent';
export type { AgentArgs } from './agent';
export { AgentAuditTrail } from './audit-trail';
export type { AgentAuditTrailArgs, AuditedAgent } from './audit-trail';
export type { AgentInventoryEntry, AgentInventoryStatement } from './inventory';
export type { FleetContext } from './fleet-context';
export { grants } from './grants';
export type { GrantStatement, S3Options } from './grants';
export {
  AgentDeclarationError,
  validateAgentDeclaration,
  validateFleetDeclaration,
} from './declaration';
export type { AgentDeclaration, AgentFleetDeclaration } from './declaration';
export { DEFAULTS } from '../policy-pack/lib/defaults';
export { COMPONENT_TYPES } from '../policy-pack/lib/conventions';
export {
  AGENT_ROLE_PATH,
  DEFAULT_BOUNDARY_DENIES,
  agentRoleArn,
  agentRoleName,
  boundaryDocument,
  credentialsPath,
  trustPolicyDocument,
  vaultCredentialsPolicy,
} from './documents';
export type { AgentStatement, IamDocument, IamStatement } from './documents';
