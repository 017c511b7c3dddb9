/**
 * `agent-iam.config.json`: shared settings once, per-policy levels and overrides, exemptions once;
 * rendered into the per-policy sections `pulumi preview --policy-pack-config` takes, and refused
 * with one message per mistake (file, field, value received, fix).
 */
import {
  AgentIamConfigError,
  isAgentIamConfig,
  renderPolicyPackConfig,
  type PackUnderTest,
} from '../../offline';
import { PACK_NAME, PACK_VERSION, policies } from '../../policy-pack/pack';

const pack: PackUnderTest = { name: PACK_NAME, version: PACK_VERSION, policies };
const NAMES = policies.map((p) => p.name);
const VAULT = ['arn:aws:iam::123456789012:role/vault-secrets-engine'];
const EXEMPTION = {
  policy: 'agent-permissions-boundary-required',
  agent: 'legacy-exporter',
  roleName: 'agent-legacy-exporter',
  reason: 'Legacy exporter predates the boundary',
  approvedBy: 'security@example.com',
  expiresOn: '2027-02-15',
};

function refused(raw: Record<string, unknown>): string[] {
  try {
    renderPolicyPackConfig(pack, raw, 'cfg.json');
  } catch (err) {
    expect(err).toBeInstanceOf(AgentIamConfigError);
    return (err as Error).message.split('\n');
  }
  throw new Error('the config was accepted');
}

describe('render', () => {
  test('every policy gets a section with the shared settings, in the pack order', () => {
    const out = renderPolicyPackConfig(pack, { vaultPrincipalArns: VAULT, maxLifetimeDays: 60 });
    expect(Object.keys(out)).toEqual(NAMES);
    for (const name of NAMES) {
      expect([name, out[name]]).toEqual([name, { vaultPrincipalArns: VAULT, maxLifetimeDays: 60 }]);
    }
  });

  test('an exemption goes to its own policy only; approvers are shared', () => {
    const out = renderPolicyPackConfig(pack, {
      vaultPrincipalArns: VAULT,
      exemptionApprovers: ['security@example.com'],
      exemptions: [EXEMPTION],
    });
    expect(out['agent-permissions-boundary-required']).toEqual({
      vaultPrincipalArns: VAULT,
      exemptionApprovers: ['security@example.com'],
      exemptions: [EXEMPTION],
    });
    expect(out['agent-no-admin']).toEqual({
      vaultPrincipalArns: VAULT,
      exemptionApprovers: ['security@example.com'],
    });
  });

  test('a level, short or long, and a per-policy override win over the shared setting; "all" comes first', () => {
    const out = renderPolicyPackConfig(pack, {
      maxLifetimeDays: 60,
      policies: {
        all: 'mandatory',
        'agent-no-admin': 'advisory',
        'agent-expiry-required': { enforcementLevel: 'mandatory', maxLifetimeDays: 30 },
      },
    });
    expect(Object.keys(out)[0]).toBe('all');
    expect(out.all).toBe('mandatory');
    expect(out['agent-no-admin']).toEqual({ maxLifetimeDays: 60, enforcementLevel: 'advisory' });
    expect(out['agent-expiry-required']).toEqual({
      maxLifetimeDays: 30,
      enforcementLevel: 'mandatory',
    });
    expect(out['agent-owner-required']).toEqual({ maxLifetimeDays: 60 });
  });
});

describe('mistakes are refused with the field, the value and the fix', () => {
  test.each([
    {
      case: 'a misspelt shared setting',
      raw: { vaultPrincipalArn: VAULT },
      messages: [
        'cfg.json: vaultPrincipalArn: unknown setting; remove it or fix its spelling (the settings are the keys of the pack config schema, see README.md "Configuration")',
      ],
    },
    {
      case: 'a shared setting of the wrong type',
      raw: { owners: { teams: 'payments' } },
      messages: [
        'cfg.json: owners.teams: Invalid input: expected array, received string; received "payments"',
      ],
    },
    {
      case: 'a bad level in short form',
      raw: { policies: { 'agent-no-admin': 'warn' } },
      messages: [
        'cfg.json: policies.agent-no-admin.enforcementLevel: Invalid option: expected one of "advisory"|"mandatory"|"remediate"|"disabled"; received "warn"; use one of advisory, mandatory, remediate, disabled',
      ],
    },
    {
      case: 'a policy the pack does not have',
      raw: { policies: { 'agent-no-admn': 'advisory' } },
      messages: [
        `cfg.json: policies.agent-no-admn: "agent-no-admn" is not a policy of pack "${PACK_NAME}"; use "all" or one of: ${NAMES.join(', ')}`,
      ],
    },
    {
      case: 'settings under "all"',
      raw: { policies: { all: { enforcementLevel: 'advisory', maxLifetimeDays: 30 } } },
      messages: [
        'cfg.json: policies.all.maxLifetimeDays: "all" takes only an enforcement level; put shared settings at the top level of the file; received 30',
      ],
    },
    {
      case: 'exemptions inside a policy entry',
      raw: { policies: { 'agent-no-admin': { exemptions: [EXEMPTION] } } },
      messages: [
        'cfg.json: policies.agent-no-admin.exemptions: unknown setting; remove it or fix its spelling (the settings are the keys of the pack config schema, see README.md "Configuration")',
      ],
    },
    {
      case: 'an exemption from a policy the pack does not have',
      raw: { exemptions: [{ ...EXEMPTION, policy: 'agent-boundary' }] },
      messages: [
        `cfg.json: exemptions[0].policy: not a policy of pack "${PACK_NAME}"; received "agent-boundary"`,
      ],
    },
  ])('$case', ({ raw, messages }) => {
    expect(refused(raw)).toEqual(messages);
  });
});

describe('which form a file is', () => {
  test.each([
    { raw: {}, one: true },
    { raw: { vaultPrincipalArns: VAULT, policies: {} }, one: true },
    { raw: { all: 'advisory', 'agent-no-admin': { vaultPrincipalArns: VAULT } }, one: false },
    { raw: { 'agent-owner-requird': 'mandatory' }, one: false },
  ])('$raw is one document: $one', ({ raw, one }) => {
    expect(isAgentIamConfig(pack, raw, 'cfg.json')).toBe(one);
  });

  test('a file mixing policy sections and shared settings is refused', () => {
    expect(() =>
      isAgentIamConfig(pack, { vaultPrincipalArns: VAULT, all: 'advisory' }, 'cfg.json'),
    ).toThrow(
      'cfg.json: mixes policy sections ("all") with top-level settings ("vaultPrincipalArns"); in agent-iam.config.json put per-policy entries under "policies", e.g. {"vaultPrincipalArns": [...], "policies": {"agent-no-admin": "mandatory"}}',
    );
  });
});
