/** Agents as code: the components, their argument types and the grant helpers. */
export { AgentFleet } from './fleet';
export type { AgentFleetArgs } from './fleet';
export { Agent } from './agent';
export type { AgentArgs, AgentInventoryEntry, AgentInventoryStatement } from './agent';
export { grants } from './grants';
export type { GrantStatement, S3Options } from './grants';
export {
  AgentDeclarationError,
  FLEET_DEFAULTS,
  validateAgentDeclaration,
  validateFleetDeclaration,
} from './schema';
export type { AgentDeclaration, AgentFleetDeclaration } from './schema';
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
