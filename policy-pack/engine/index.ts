/**
 * The least-privilege engine: the IAM action catalogue and the judgement of policy documents.
 * Pure TypeScript; never imports `@pulumi/*`, so `agent-iam lint` starts fast.
 */
export type { AccessLevel, CatalogueAction } from './catalogue';
export {
  lookupAction,
  expandActionPattern,
  isWildcardPattern,
  actionNameProblem,
} from './catalogue';
export type {
  FindingCategory,
  Severity,
  Finding,
  DocumentProblem,
  PolicyVerdict,
  PolicySource,
  RolePermissions,
} from './types';
export { judgePolicy, judgeEffectivePermissions } from './judge';
export { resolveManagedPolicy } from './managed-policies';
export { isUnconstrainedResource, conditionLimitsResources } from './scope';
export { PRIVILEGE_ESCALATION_METHODS } from './privilege-escalation-methods';
export { DATA_EXFILTRATION_ACTIONS } from './data-exfiltration-actions';
export { CREDENTIAL_ACTIONS } from './credential-actions';
