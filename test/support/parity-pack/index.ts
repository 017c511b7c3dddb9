import { PolicyPack } from '@pulumi/policy';
import { PARITY_PACK_ENFORCEMENT_LEVEL, PARITY_PACK_NAME, parityPolicies } from './policies';

new PolicyPack(PARITY_PACK_NAME, {
  policies: parityPolicies,
  enforcementLevel: PARITY_PACK_ENFORCEMENT_LEVEL,
});
