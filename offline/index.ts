/**
 * The Pulumi emulator: runs a Pulumi TypeScript program on the SDK's mock engine with mock AWS and
 * Vault providers, and judges what it registers with a policy pack exactly as `@pulumi/policy`'s
 * analyzer server would, with no cloud account. Imports nothing from the CLI.
 */
export {
  analyzeResource,
  analyzeStack,
  resourceOptions,
  type AnalysisResult,
  type AnalyzedResource,
  type Diagnostic,
  type NotApplicable,
} from './analyzer';
export {
  checkProgram,
  noConfigWarning,
  type ProgramCheck,
  type ProgramCheckOptions,
} from './check-program';
export {
  ACCOUNT_ID,
  DEFAULT_REGION,
  MOCK_ACCOUNT,
  mockTarget,
  partitionOf,
  REGION_NAME,
  type MockTarget,
  type MockTargetFlags,
} from './mock-target';
export { ProgramEntryError, resolveProgramEntry, type ProgramEntry } from './program-entry';
export {
  DEFAULT_TIMEOUT_SECONDS,
  ProgramRunError,
  runIsolated,
  type IsolatedRun,
  type ProgramRunErrorKind,
} from './isolated-run';
export { judge, type Judging, startJudging } from './judge';
export { type ProviderContext } from './mock-provider';
export {
  asAnalyzed,
  ProgramFailure,
  runProgram,
  type ProgramRun,
  type ProgramRunOptions,
  type RecordedResource,
} from './mock-runtime';
export {
  effectiveLevel,
  normalizePolicyConfig,
  PolicyConfigError,
  type NormalizedPolicyConfig,
} from './normalized-config';
export { loadPack, type LoadedPack, type PackUnderTest } from './pack';
export {
  UNKNOWN,
  UnknownValueError,
  unknownCheckingProxy,
  type UnknownValueErrorLike,
} from './policy-internals';
export { loadPolicyConfig, PolicyConfigFileError, readPolicyPackDocument } from './policy-config';
export {
  AGENT_IAM_CONFIG_FILE,
  AgentIamConfigError,
  isAgentIamConfig,
  type PolicyPackConfigDocument,
  renderPolicyPackConfig,
} from './agent-iam-config';
export { asPolicyResources } from './policy-resource';
export {
  loadProgramProject,
  SECRET_PLACEHOLDER,
  StackConfigError,
  type ProgramProject,
} from './stack-config';
export {
  deployedState,
  looksLikeStackExport,
  STACK_EXPORT_VERSION,
  StackExportSchema,
  stackExportOf,
  urnParts,
  type DeployedState,
  type EncryptedSecret,
  type StackExport,
  type StateResource,
} from './stack-export';
export { plainValue, WireProps, wireProps } from './wire-props';
