import { gateWeakenings } from '../../../../cli/commands/check/weakened';
import { normalizePolicyConfig, type PackUnderTest } from '../../../../offline';
import {
  PACK_ENFORCEMENT_LEVEL,
  PACK_NAME,
  PACK_VERSION,
  policies,
} from '../../../../policy-pack/pack';

const PACK: PackUnderTest = {
  name: PACK_NAME,
  version: PACK_VERSION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies,
};

const callers = [{ role: 'nightly-summary', reason: 'Batch summary job, no autonomy.' }];

describe('gate weakened: known model callers', () => {
  test('a role excused from agent-ai-workload-declared is a line of its own on every run', () => {
    const config = normalizePolicyConfig(PACK, {
      'agent-ai-workload-declared': { knownModelCallers: callers },
    });
    expect(gateWeakenings(PACK, config)).toEqual([
      'policy agent-ai-workload-declared lets role "nightly-summary" invoke models without being declared as an agent (knownModelCallers): Batch summary job, no autonomy.',
    ]);
  });

  test('the same list under another policy, which never reads it, weakens nothing', () => {
    const config = normalizePolicyConfig(PACK, {
      'agent-owner-required': { knownModelCallers: callers },
    });
    expect(gateWeakenings(PACK, config)).toEqual([]);
  });
});

describe('gate weakened: levels and exemptions', () => {
  test('"all": "advisory" is a line for every mandatory policy the pack has, each saying its violations no longer block', () => {
    const lines = gateWeakenings(PACK, normalizePolicyConfig(PACK, { all: 'advisory' }));
    // A policy that is advisory by default (agent-audit-trail-present) is not weakened by it.
    expect(policies.some((p) => p.enforcementLevel === 'advisory')).toBe(true);
    expect(lines).toEqual(
      policies
        .filter((p) => p.enforcementLevel === 'mandatory')
        .map(
          (p) =>
            `policy ${p.name} is advisory by the policy-pack config (its default is mandatory): its violations no longer block.`,
        ),
    );
  });

  test('every exemption is a line of its own, whether or not it applies', () => {
    const exemption = {
      policy: 'agent-owner-required',
      agent: 'ticket-triager',
      roleName: 'agent-ticket-triager',
      reason: 'Owner registry migration.',
      approvedBy: 'bob@example.com',
      expiresOn: '2999-01-01',
    };
    const config = normalizePolicyConfig(PACK, {
      'agent-owner-required': { exemptions: [exemption] },
    });
    expect(gateWeakenings(PACK, config)).toEqual([
      'exemption from agent-owner-required for agent "ticket-triager" (role "agent-ticket-triager"), approved by bob@example.com until 2999-01-01: Owner registry migration.',
    ]);
  });
});
