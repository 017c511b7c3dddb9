/**
 * The README is the contract users read first; these tests keep it true to the code: every policy
 * in the pack and every example is documented, and the sample policy config is valid and
 * consistent.
 */
import * as fs from 'fs';
import * as path from 'path';
import { normalizePolicyConfig, renderPolicyPackConfig } from '../../offline';
import { PackConfigSchema } from '../../policy-pack/lib/config';
import { PACK_NAME, PACK_VERSION, policies } from '../../policy-pack/pack';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pack = { name: PACK_NAME, version: PACK_VERSION, policies };

describe('README', () => {
  test('the quick start is exactly the two commands', () => {
    const quickStart = readme.split('## Quick start')[1].split('```')[1];
    const commands = quickStart
      .split('\n')
      .slice(1) // the fence's language
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
  });

  test.each(policies.map((p) => [p.name, p]))(
    'documents policy %s with its description',
    (name, p) => {
      expect(readme).toContain(
        `| \`${name}\` | ${p.enforcementLevel} | ${p.severity} | ${p.description} |`,
      );
    },
  );

  const examples = fs
    .readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', e.name, 'index.ts')),
    )
    .map((e) => e.name);

  test('there are examples to document', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
  });

  test.each(examples)('documents example %s', (example) => {
    expect(readme).toContain(`\`${example}\``);
  });
});

describe('agent-iam.config.json', () => {
  const file = path.join(ROOT, 'agent-iam.config.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const rendered = renderPolicyPackConfig(pack, raw, file);
  const config = normalizePolicyConfig(pack, rendered, file);

  test('names the Vault principal once, at the top, not per policy', () => {
    expect(raw.vaultPrincipalArns).toEqual(['arn:aws:iam::123456789012:role/vault-secrets-engine']);
    expect(raw.policies).toBeUndefined();
  });

  test('renders a section for every policy, each valid against the pack schema', () => {
    expect(Object.keys(rendered).sort()).toEqual(policies.map((p) => p.name).sort());
    for (const p of policies) {
      const parsed = PackConfigSchema.strict().safeParse(config[p.name].properties);
      expect([p.name, parsed.success]).toEqual([p.name, true]);
    }
  });

  test('every rendered section names the same Vault principal, so every policy finds the same agents', () => {
    const principals = new Set(
      policies.map((p) => JSON.stringify(config[p.name].properties.vaultPrincipalArns)),
    );
    expect([...principals]).toEqual([
      JSON.stringify(['arn:aws:iam::123456789012:role/vault-secrets-engine']),
    ]);
  });

  test('the Vault principal is the one the example stack config declares', () => {
    const stack = fs.readFileSync(path.join(ROOT, 'Pulumi.dev.yaml'), 'utf8');
    expect(stack).toContain(
      'agent-iam-example:vaultPrincipalArn: arn:aws:iam::123456789012:role/vault-secrets-engine',
    );
  });
});
