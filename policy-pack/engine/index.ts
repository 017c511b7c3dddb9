/**
 * The least-privilege engine: the IAM action catalogue and the judgement of policy documents.
 * Pure TypeScript; never imports `@pulumi/*`, so `agent-iam lint` starts fast.
 */
export type { AccessLevel, CatalogueAction } from './catalogue';
export { lookupAction, expandActionPattern, isWildcardPattern } from './catalogue';
export { actionNameProblem } from './action-names';
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
export { isUnconstrainedResource } from './scope';
export { conditionNeverHolds, conditionScopesActions } from './conditions';
export { PRIVILEGE_ESCALATION_METHODS } from './rules/privilege-escalation-methods';
export { DATA_EXFILTRATION_ACTIONS } from './rules/data-exfiltration-actions';
export { CREDENTIAL_ACTIONS } from './rules/credential-actions';
export { allowsActionOn, type ResourceMatcher } from './access';
