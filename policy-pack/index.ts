import { PolicyPack } from '@pulumi/policy';
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, policies } from './pack';

new PolicyPack(PACK_NAME, { policies, enforcementLevel: PACK_ENFORCEMENT_LEVEL });
