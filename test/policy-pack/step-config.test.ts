/**
 * The pack config reaches the step policies as it reaches every policy: `"all"`, a level per
 * policy, disabling; and the check's "gate weakened" lines name a step policy so lowered.
 */
import { gateWeakenings } from '../../cli/commands/check/weakened';
import { analyzeResource, normalizePolicyConfig, type PackUnderTest } from '../../offline';
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, PACK_VERSION, policies } from '../../policy-pack/pack';
import { useFixtureClockInEachTest } from '../support/harness';
import { allow } from './policies/permission-fixtures';
import { inlineRole } from './policies/step-fixtures';

useFixtureClockInEachTest();

const PACK: PackUnderTest = {
  name: PACK_NAME,
  version: PACK_VERSION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies,
};

/** Policy name and level of every diagnostic `Analyze` gives on a role with "Action": "*" inline. */
async function levels(file: Record<string, unknown>): Promise<[string, string][]> {
  const { diagnostics } = await analyzeResource(
    PACK,
    inlineRole(allow('*')),
    normalizePolicyConfig(PACK, file),
  );
  return [...new Set(diagnostics.map((d) => `${d.policyName} ${d.enforcementLevel}`))]
    .sort()
    .map((s) => s.split(' ') as [string, string]);
}

test('by default the step policies that the role breaks are mandatory', async () => {
  expect(await levels({})).toEqual([
    ['agent-step-no-admin', 'mandatory'],
    ['agent-step-no-credentials-exposure', 'mandatory'],
    ['agent-step-no-data-exfiltration', 'mandatory'],
    ['agent-step-no-privilege-escalation', 'mandatory'],
    ['agent-step-no-resource-exposure', 'mandatory'],
    ['agent-step-no-unscoped-write', 'mandatory'],
    ['agent-step-no-wildcard-actions', 'mandatory'],
    // The fixture trusts the harness's Vault principal, which no default config names.
    ['agent-step-trust-restricted', 'mandatory'],
  ]);
});

test('"all": "advisory" lowers every step policy; one policy\'s own level wins over "all"', async () => {
  const found = await levels({ all: 'advisory', 'agent-step-no-admin': 'mandatory' });
  expect(found.filter(([, level]) => level === 'mandatory')).toEqual([
    ['agent-step-no-admin', 'mandatory'],
  ]);
  expect(found.length).toBe(8);
});

test('a disabled step policy does not run, and the check says the gate is weakened', async () => {
  const file = { 'agent-step-no-admin': 'disabled' };
  expect((await levels(file)).map(([name]) => name)).not.toContain('agent-step-no-admin');
  expect(gateWeakenings(PACK, normalizePolicyConfig(PACK, file))).toEqual([
    'policy agent-step-no-admin is disabled by the policy-pack config (its default is mandatory).',
  ]);
});
