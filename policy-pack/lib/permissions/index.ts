/**
 * What an agent's role can really do, gathered from every resource in the stack that grants it
 * permissions, with what could not be seen, and the engine's verdict on it.
 */
export { gatherRolePermissions, type AgentPermissions } from './gather';
export { userGrants, type UserGrants } from './user-grants';
export { judgeAgentPermissions } from './verdict';
export { indexStackPermissions, type StackPermissionIndex } from './stack-index';
export type { UnverifiableKind, UnverifiablePermission } from './unverifiable';
export { assumedRoles, type ReachedRole } from './assumed-roles';
export { resourcePolicyGrants } from './resource-policies';
