/**
 * The pack's policies, in one explicit list. Tests and the offline check import this module;
 * only `index.ts` constructs the `PolicyPack`, because its constructor starts a gRPC server.
 */
import type { EnforcementLevel, Policy } from '@pulumi/policy';

export const PACK_NAME = 'agent-iam';
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const PACK_VERSION: string = require('./package.json').version;
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = 'mandatory';

export const policies: Policy[] = [];
