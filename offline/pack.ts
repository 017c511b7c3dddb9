/** The policy pack the offline check judges with. */
import type { EnforcementLevel, Policy } from '@pulumi/policy';

export interface PackUnderTest {
  name: string;
  version: string;
  enforcementLevel?: EnforcementLevel;
  policies: Policy[];
}

export interface LoadedPack extends PackUnderTest {
  enforcementLevel: NonNullable<PackUnderTest['enforcementLevel']>;
}

/** The repo's pack, loaded when a check runs (tests replace `policy-pack/pack` with their own). */
export function loadPack(): LoadedPack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pack = require('../policy-pack/pack') as typeof import('../policy-pack/pack');
  return {
    name: pack.PACK_NAME,
    version: pack.PACK_VERSION,
    enforcementLevel: pack.PACK_ENFORCEMENT_LEVEL,
    policies: pack.policies,
  };
}
