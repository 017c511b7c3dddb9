/** Metadata of every policy in the pack's one explicit list. */
import * as fs from 'fs';
import * as path from 'path';
import { policies } from '../../policy-pack/pack';

const POLICIES_DIR = path.resolve(__dirname, '..', '..', 'policy-pack', 'policies');

describe('policy pack metadata', () => {
  test('names are unique and kebab-case starting agent-', () => {
    const names = policies.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !/^agent-[a-z0-9-]+$/.test(n))).toEqual([]);
  });

  test.each(policies.map((p) => [p.name, p] as const))(
    '%s has one-sentence description and full metadata',
    (_n, p) => {
      expect(p.description).toMatch(/^[A-Z][^]*\.$/);
      expect(p.description.replace(/\.$/, '')).not.toMatch(/\.\s/);
      expect(typeof p.remediationSteps).toBe('string');
      expect((p.remediationSteps ?? '').length).toBeGreaterThan(20);
      expect(['critical', 'high', 'medium', 'low']).toContain(p.severity);
      expect(['advisory', 'mandatory', 'remediate', 'disabled']).toContain(p.enforcementLevel);
      expect(p.configSchema?.properties).toBeDefined();
      expect(p.configSchema?.properties).not.toHaveProperty('enforcementLevel');
      expect(p.configSchema?.required ?? []).not.toContain('enforcementLevel');
    },
  );

  test('every file in policy-pack/policies/ is in the policies array', () => {
    const files = fs.readdirSync(POLICIES_DIR).filter((f) => f.endsWith('.ts'));
    const listed = new Set<unknown>(policies);
    const missing = files.filter((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const policyModule = require(path.join(POLICIES_DIR, file)) as Record<string, unknown>;
      const exported = Object.values(policyModule);
      return !exported.some((e) => listed.has(e));
    });
    expect(missing).toEqual([]);
    expect(policies.length).toBeGreaterThanOrEqual(files.length);
  });
});

describe('step policies (resource policies on a role tagged as an agent, or a Vault role)', () => {
  const stepPolicies = policies.filter((p) => p.name.startsWith('agent-step-'));
  const byName = new Map(policies.map((p) => [p.name, p]));

  test('there is one per rule a resource shows on its own inputs, each a resource policy', () => {
    expect(stepPolicies.map((p) => p.name).sort()).toEqual([
      'agent-step-expiry-required',
      'agent-step-max-session-duration',
      'agent-step-no-admin',
      'agent-step-no-credentials-exposure',
      'agent-step-no-data-exfiltration',
      'agent-step-no-privilege-escalation',
      'agent-step-no-resource-exposure',
      'agent-step-no-static-credentials',
      'agent-step-no-unscoped-write',
      'agent-step-no-wildcard-actions',
      'agent-step-owner-required',
      'agent-step-trust-restricted',
      'agent-step-vault-credential-ttl',
    ]);
    for (const p of stepPolicies) expect('validateResource' in p).toBe(true);
    for (const p of policies.filter((q) => !q.name.startsWith('agent-step-'))) {
      expect('validateStack' in p).toBe(true);
    }
  });

  test.each(stepPolicies.map((p) => [p.name, p] as const))(
    '%s mirrors its stack policy: level, severity, remediation and config schema',
    (name, p) => {
      const rule = byName.get(name.replace(/^agent-step-/, 'agent-'));
      expect(rule).toBeDefined();
      expect(p.enforcementLevel).toBe(rule?.enforcementLevel);
      expect(p.severity).toBe(rule?.severity);
      expect(p.remediationSteps).toBe(rule?.remediationSteps);
      expect(p.configSchema).toEqual(rule?.configSchema);
      expect(p.description).toMatch(/^At a (role|Vault role)'s own step, before it is created, /);
    },
  );
});
