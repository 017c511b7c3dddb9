/** Golden scenarios: each fixture in test/fixtures/engine is a document (or a role) and its verdict. */
import * as fs from 'fs';
import * as path from 'path';
import {
  judgeEffectivePermissions,
  judgePolicy,
  resolveManagedPolicy,
  type DocumentProblem,
  type Finding,
  type PolicySource,
} from '../../../policy-pack/engine';

interface Scenario {
  description: string;
  document?: unknown;
  role?: {
    policies: { source: string; document?: unknown; managed?: boolean }[];
    boundary?: { source: string; document: unknown };
  };
  expect: {
    overPermissioned: boolean;
    /** The exact set of categories; defaults to the categories of `findings`. */
    categories?: string[];
    /** Each must match one finding (listed fields only); with no `categories`, the list is exhaustive. */
    findings?: Partial<Finding>[];
    problems?: DocumentProblem[];
  };
}

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'engine');
const scenarios = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const scenario = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Scenario;
    return { name: file.replace(/\.json$/, ''), ...scenario };
  });

function resolveSource(policy: {
  source: string;
  document?: unknown;
  managed?: boolean;
}): PolicySource {
  if (!policy.managed) return { source: policy.source, document: policy.document };
  const document = resolveManagedPolicy(policy.source);
  if (!document) throw new Error(`fixture names an unknown managed policy ${policy.source}`);
  return { source: policy.source, document };
}

describe('golden scenarios', () => {
  test('there is a scenario for each rule', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  test.each(scenarios)('$name: $description', (scenario) => {
    const verdict = scenario.role
      ? judgeEffectivePermissions({
          policies: scenario.role.policies.map(resolveSource),
          ...(scenario.role.boundary ? { boundary: scenario.role.boundary } : {}),
        })
      : judgePolicy(scenario.document);

    expect(verdict.overPermissioned).toBe(scenario.expect.overPermissioned);
    const categories = [...new Set(verdict.findings.map((f) => f.category))].sort();
    const expectedCategories = scenario.expect.categories ?? [
      ...new Set((scenario.expect.findings ?? []).map((f) => f.category)),
    ];
    expect(categories).toEqual([...expectedCategories].sort());
    for (const expected of scenario.expect.findings ?? []) {
      expect(verdict.findings).toContainEqual(expect.objectContaining(expected));
    }
    if (!scenario.expect.categories && scenario.expect.findings) {
      expect(verdict.findings).toHaveLength(scenario.expect.findings.length);
    }
    if (scenario.expect.problems) {
      expect(verdict.problems).toEqual(expect.arrayContaining(scenario.expect.problems));
      expect(verdict.problems).toHaveLength(scenario.expect.problems.length);
    } else {
      expect(verdict.problems).toEqual([]);
    }
    for (const finding of verdict.findings) {
      expect(finding.message).toMatch(/; [a-z].*\.$/); // says what to do instead
    }
  });
});
