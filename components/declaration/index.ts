/** The declarations users write: field schemas, the agent and fleet schemas, and their error. */
export { AgentDeclarationError } from './errors';
export {
  agentDeclarationSchema,
  validateAgentDeclaration,
  type AgentDeclaration,
  type AgentDeclarationSchema,
  type DeclarationContext,
  type ValidAgentDeclaration,
} from './agent-schema';
export {
  AppRoleAuthSchema,
  AwsSecretsEngineSchema,
  agentFleetSchema,
  validateFleetDeclaration,
  type AgentFleetDeclaration,
  type AgentFleetSchema,
  type ValidAgentFleetDeclaration,
} from './fleet-schema';
export { StatementSchema } from './fields';
export { DEFAULT_LIMITS, resolvedCredentials, type FleetLimits } from './limits';
