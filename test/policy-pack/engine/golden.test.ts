/** Golden scenarios: each fixture in test/fixtures/engine is a document (or a role) and its verdict. */
import * as fs from 'fs';
import * as path from 'path';
import {
  judgeEffectivePermissions,
  judgePolicy,
  resolveManagedPolicy,
  PRIVILEGE_ESCALATION_METHODS,
  type DocumentProblem,
  type Finding,
  type PolicySource,
} from '../../../policy-pack/engine';

interface Scenario {
  description: string;
  /** For documents collected from public test suites: repository@commit:path::test. */
  source?: string;
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
    /** The exact set of privilege-escalation methods (Cloudsplaining's names) the findings name. */
    privescMethods?: string[];
    /** Warnings (e.g. an unknown action name) are not the subject; errors still fail. */
    warningsAllowed?: boolean;
  };
}

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'engine');
/** Hand-written rule scenarios, then the documents collected from Parliament's and Cloudsplaining's tests. */
const COLLECTED = 'collected';

function readScenarios(folder: string): (Scenario & { name: string })[] {
  return fs
    .readdirSync(path.join(FIXTURES, folder))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(FIXTURES, folder, file), 'utf8');
      const name = path.posix.join(folder, file.replace(/\.json$/, ''));
      return { name, ...(JSON.parse(text) as Scenario) };
    });
}

const scenarios = [...readScenarios('.'), ...readScenarios(COLLECTED)];

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
    expect(scenarios.filter((s) => !s.source).length).toBeGreaterThanOrEqual(20);
  });

  test('collected documents name their source and cover every privilege-escalation method', () => {
    const collected = scenarios.filter((s) => s.name.startsWith(`${COLLECTED}/`));
    expect(collected.length).toBeGreaterThanOrEqual(100);
    for (const s of collected) {
      expect(s.source).toMatch(/^(duo-labs\/parliament|salesforce\/cloudsplaining)@[0-9a-f]{7}/);
    }
    const methods = new Set(collected.flatMap((s) => s.expect.privescMethods ?? []));
    expect([...methods].sort()).toEqual(Object.keys(PRIVILEGE_ESCALATION_METHODS).sort());
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
    if (scenario.expect.privescMethods) {
      const methods = verdict.findings.flatMap((f) => (f.privescMethod ? [f.privescMethod] : []));
      expect(methods.sort()).toEqual([...scenario.expect.privescMethods].sort());
    }
    if (scenario.expect.warningsAllowed) {
      expect(verdict.problems.filter((p) => p.severity !== 'warning')).toEqual([]);
    } else if (scenario.expect.problems) {
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
