/**
 * `offline/analyzer.ts` claims to call the pack's policies exactly as `@pulumi/policy`'s analyzer
 * server does. This test holds it to that against the real server: it starts the pack the way the
 * Pulumi CLI does (`run-policy-pack`, in a child process), configures it as the CLI would, sends it
 * the resources the offline check records for real programs, preview and update, and requires the
 * in-process analyzer to return the same diagnostics and not-applicable lists, field for field.
 * agent-iam's step policies (`agent-step-*`) are resource policies, judged by `Analyze` on each
 * resource's inputs; `test/fixtures/step-programs/inline-agents` breaks every one of them (and
 * keeps one compliant role), at preview and at update. A second pack (`test/support/parity-pack`)
 * of resource and stack policies judges the same recordings and covers the server's other paths.
 * Fields compared are the wire's: an `Analyze` diagnostic's urn is compared as the server sends
 * it, before the engine attributes it to the resource it asked about.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { EnforcementLevel } from '@pulumi/policy';
import {
  analyzeResource,
  analyzeStack,
  normalizePolicyConfig,
  type NormalizedPolicyConfig,
  type PackUnderTest,
  MOCK_ACCOUNT,
  asAnalyzed,
  type RecordedResource,
  runProgram,
  UNKNOWN,
  loadPolicyConfig,
  loadProgramProject,
  readPolicyPackDocument,
} from '../../offline';
import { PACK_ENFORCEMENT_LEVEL, PACK_NAME, PACK_VERSION, policies } from '../../policy-pack/pack';
import {
  configureRequest,
  type PackServer,
  REPO_PACK_DIR,
  resultOnWire,
  startPackServer,
  type WireAnalyzerInfo,
  type WireDiagnostic,
  type WireResult,
} from '../support/analyzer-server';
import {
  PARITY_PACK_ENFORCEMENT_LEVEL,
  PARITY_PACK_NAME,
  parityPolicies,
} from '../support/parity-pack/policies';
import { COMPONENT_TYPES } from '../../policy-pack/lib/conventions';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SHARED_CONFIG = path.join(REPO_ROOT, 'agent-iam.config.json');
/** `check`'s region when the stack config sets none. */
const DEFAULT_REGION = 'us-east-1';
/** ts-node type-checks the whole pack before it serves: seconds, more on a busy CI runner. */
const SERVER_START_MS = 45_000;

const PARITY_PACK_DIR = path.join(__dirname, '..', 'support', 'parity-pack');

const pack: PackUnderTest = {
  name: PACK_NAME,
  version: PACK_VERSION,
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies,
};

const parityPack: PackUnderTest = {
  name: PARITY_PACK_NAME,
  version: (readJson(path.join(PARITY_PACK_DIR, 'package.json')) as { version: string }).version,
  enforcementLevel: PARITY_PACK_ENFORCEMENT_LEVEL,
  policies: parityPolicies,
};
/** Disables one policy and overrides one schema default, so both reach the policies. */
const parityConfig = normalizePolicyConfig(parityPack, {
  'parity-disabled': 'disabled',
  'parity-stack-graph': { label: 'stack graph' },
});

interface Served {
  server: PackServer;
  info: WireAnalyzerInfo;
}
let agentIam: Served | undefined;
let parity: Served | undefined;

async function serve(packDir: string): Promise<Served> {
  const server = await startPackServer(packDir, SERVER_START_MS);
  try {
    return { server, info: await server.getAnalyzerInfo() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

beforeAll(async () => {
  // Both start before either is awaited: each spends seconds type-checking its pack.
  const started = await Promise.allSettled([serve(REPO_PACK_DIR), serve(PARITY_PACK_DIR)]);
  const [repo, fixture] = started;
  if (repo.status === 'fulfilled') agentIam = repo.value;
  if (fixture.status === 'fulfilled') parity = fixture.value;
  for (const s of started) if (s.status === 'rejected') throw s.reason;
}, SERVER_START_MS + 10_000);

afterAll(async () => {
  await Promise.all([agentIam?.server.stop(), parity?.server.stop()]);
});

function running(served: Served | undefined): Served {
  if (!served) throw new Error('a policy-pack server did not start (see beforeAll)');
  return served;
}

/** The level `GetAnalyzerInfo` reports for each policy: the CLI's default before the config file. */
function defaultLevels(info: WireAnalyzerInfo): Record<string, EnforcementLevel> {
  return Object.fromEntries(info.policies.map((p) => [p.name, p.enforcementLevel]));
}

/** JSON as it survives a protobuf Struct: what the server can have seen of a value. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? {}));
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

describe('the server describes the pack the in-process analyzer runs', () => {
  test('GetAnalyzerInfo: name, version and every policy with its level, severity and schema', () => {
    const { info } = running(agentIam);
    expect(info.name).toBe('agent-iam');
    expect(info.version).toBe(PACK_VERSION);
    expect(info.policies.length).toBeGreaterThanOrEqual(15);
    expect(info.policies).toEqual(
      policies.map((p) => ({
        name: p.name,
        // The step policies judge one resource's inputs; every other policy correlates resources.
        type: p.name.startsWith('agent-step-') ? 'resource' : 'stack',
        description: p.description,
        enforcementLevel: p.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL,
        severity: p.severity ?? '',
        configSchemaProperties: asJson(p.configSchema?.properties),
        required: p.configSchema?.required ?? [],
      })),
    );
    // The pack is constructed without initial config, so the CLI starts from schema defaults.
    expect(info.initialConfig).toEqual({});
  });

  test.each([
    { case: 'the repo config', file: SHARED_CONFIG },
    {
      case: 'exemption-expired, with an exemption',
      file: path.join(REPO_ROOT, 'examples/exemption-expired/agent-iam.config.json'),
    },
  ])(
    'normalizePolicyConfig reconciles $case as the Pulumi CLI does from the server metadata',
    ({ file }) => {
      const { info } = running(agentIam);
      const normalized = loadPolicyConfig(pack, file);
      // The one-document file, rendered into the per-policy sections Pulumi is given.
      const given = readPolicyPackDocument(pack, file);
      // `ReconcilePolicyPackConfig`: every policy of the metadata, its level, its schema's
      // top-level defaults, then the file's level and properties on top.
      const reconciled = Object.fromEntries(
        info.policies.map((p) => {
          const section = (given[p.name] ?? {}) as Record<string, unknown>;
          const { enforcementLevel, ...properties } = section;
          const defaults = Object.entries(p.configSchemaProperties).flatMap(([key, schema]) => {
            const def = (schema as { default?: unknown }).default;
            return def === undefined ? [] : [[key, def] as const];
          });
          return [
            p.name,
            {
              enforcementLevel:
                (enforcementLevel as EnforcementLevel | undefined) ?? p.enforcementLevel,
              properties: { ...Object.fromEntries(defaults), ...properties },
            },
          ];
        }),
      );
      const resolved = Object.fromEntries(
        Object.entries(normalized).map(([name, section]) => [
          name,
          {
            enforcementLevel: section.enforcementLevel ?? defaultLevels(info)[name],
            properties: asJson(section.properties),
          },
        ]),
      );
      expect(resolved).toEqual(reconciled);
    },
  );
});

test('GetAnalyzerInfo of the parity pack: resource and stack policies, as declared', () => {
  const { info } = running(parity);
  expect(info.name).toBe(PARITY_PACK_NAME);
  expect(info.version).toBe(parityPack.version);
  expect(info.policies.map((p) => [p.name, p.type, p.enforcementLevel])).toEqual([
    ['parity-role-tags', 'resource', 'mandatory'],
    ['parity-untyped-list', 'resource', 'advisory'],
    ['parity-remediate-level', 'resource', 'remediate'],
    ['parity-remediation-only', 'resource', 'advisory'],
    ['parity-disabled', 'resource', 'advisory'],
    ['parity-stack-graph', 'stack', 'mandatory'],
    ['parity-stack-arns', 'stack', 'advisory'],
    ['parity-stack-typed', 'stack', 'advisory'],
  ]);
});

interface Program {
  case: string;
  /** Relative to the repo root: the folder of the program's `index.ts`. */
  program: string;
  policyConfig: string;
  preview: boolean;
}

/** One pack's answers, from the server and from the in-process analyzer. */
interface PackComparison {
  /** Per custom resource, `Analyze` on its inputs. */
  analyze: { urn: string; server: WireResult; inProcess: WireResult }[];
  /** `AnalyzeStack` on every resource's outputs. */
  stack: { server: WireResult; inProcess: WireResult };
}

interface Comparison {
  resources: RecordedResource[];
  agentIam: PackComparison;
  parity: PackComparison;
}

async function recordProgram(program: Program): Promise<RecordedResource[]> {
  const programFile = path.join(REPO_ROOT, program.program, 'index.ts');
  const project = loadProgramProject(programFile, 'dev');
  const region = project.config['aws:region'] ?? DEFAULT_REGION;
  const run = await runProgram({
    programFile,
    project: project.project,
    stack: 'dev',
    preview: program.preview,
    config: project.config,
    secretKeys: project.secretKeys,
    provider: { account: MOCK_ACCOUNT, region, partition: 'aws', preview: program.preview },
  });
  return run.resources;
}

/** `check`'s calls (`analyzeAll`), each made in process and sent to the server too. */
async function comparePack(
  served: Served,
  analyzed: PackUnderTest,
  config: NormalizedPolicyConfig,
  resources: RecordedResource[],
): Promise<PackComparison> {
  const { server, info } = served;
  await server.configure(configureRequest(config, defaultLevels(info)));
  const analyze: PackComparison['analyze'] = [];
  for (const resource of resources.filter((r) => r.custom)) {
    const inputs = asAnalyzed(resource, 'inputs');
    analyze.push({
      urn: resource.urn,
      server: await server.analyze(inputs),
      inProcess: resultOnWire(await analyzeResource(analyzed, inputs, config)),
    });
  }
  const outputs = resources.map((r) => asAnalyzed(r, 'outputs'));
  return {
    analyze,
    stack: {
      server: await server.analyzeStack(outputs),
      inProcess: resultOnWire(await analyzeStack(analyzed, outputs, config)),
    },
  };
}

async function compare(program: Program): Promise<Comparison> {
  const resources = await recordProgram(program);
  const config = loadPolicyConfig(pack, program.policyConfig);
  return {
    resources,
    agentIam: await comparePack(running(agentIam), pack, config, resources),
    parity: await comparePack(running(parity), parityPack, parityConfig, resources),
  };
}

/** Every diagnostic the server gave, `Analyze`'s attributed to its resource as the engine does. */
function serverDiagnostics(c: PackComparison): WireDiagnostic[] {
  return [
    ...c.analyze.flatMap((a) => a.server.diagnostics.map((d) => ({ ...d, urn: d.urn || a.urn }))),
    ...c.stack.server.diagnostics,
  ];
}

function mandatoryPolicies(c: PackComparison): string[] {
  const found = serverDiagnostics(c).filter((d) => d.enforcementLevel === 'mandatory');
  return [...new Set(found.map((d) => d.policyName))].sort();
}

/** How often each parity policy spoke, per level: proof that each path was taken. */
function parityTally(c: PackComparison): Record<string, number> {
  const tally: Record<string, number> = {};
  const count = (key: string) => (tally[key] = (tally[key] ?? 0) + 1);
  for (const d of serverDiagnostics(c)) {
    count(
      `${d.policyName} ${d.enforcementLevel}${d.message.startsWith("can't run") ? ' preview' : ''}`,
    );
  }
  for (const a of c.analyze) for (const n of a.server.notApplicable) count(`${n.policyName} n/a`);
  for (const n of c.stack.server.notApplicable) count(`${n.policyName} n/a`);
  return tally;
}

/** The parity pack took these paths (and never ran its disabled policy). */
function expectPaths(c: PackComparison, paths: string[]): void {
  const taken = Object.keys(parityTally(c));
  expect(taken).toEqual(expect.arrayContaining(paths));
  expect(taken.filter((t) => t.startsWith('parity-disabled'))).toEqual([]);
}

const STEP_PERMISSION_POLICIES = [
  'agent-step-no-admin',
  'agent-step-no-credentials-exposure',
  'agent-step-no-data-exfiltration',
  'agent-step-no-privilege-escalation',
  'agent-step-no-resource-exposure',
  'agent-step-no-unscoped-write',
  'agent-step-no-wildcard-actions',
];
const ALL_STEP_POLICIES = [
  'agent-step-expiry-required',
  'agent-step-max-session-duration',
  ...STEP_PERMISSION_POLICIES,
  'agent-step-owner-required',
  'agent-step-trust-restricted',
].sort();
// The Vault step policies speak on Vault roles only (see `expectVaultSteps`).

/** The server's `Analyze` diagnostics on the resource named `name` (its inputs, at its step). */
function analyzeOn(c: Comparison, name: string): WireDiagnostic[] {
  const urn = c.resources.find((r) => r.name === name && r.custom)?.urn;
  if (!urn) throw new Error(`the recording has no resource named ${name}`);
  return c.agentIam.analyze.filter((a) => a.urn === urn).flatMap((a) => a.server.diagnostics);
}

/** The policies whose mandatory `Analyze` diagnostics name the resource `name`, sorted. */
function stepPoliciesOn(c: Comparison, name: string): string[] {
  const found = analyzeOn(c, name).filter((d) => d.enforcementLevel === 'mandatory');
  return [...new Set(found.map((d) => d.policyName))].sort();
}

/** The Vault roles of `inline-agents`, each judged at its own step. */
function expectVaultSteps(c: Comparison): void {
  expect(analyzeOn(c, 'reader-vault')).toEqual([]);
  expect(stepPoliciesOn(c, 'admin-vault')).toEqual(['agent-step-vault-credential-ttl']);
  expect(stepPoliciesOn(c, 'legacy-vault')).toEqual(['agent-step-no-static-credentials']);
  expect(stepPoliciesOn(c, 'legacy-static')).toEqual(['agent-step-no-static-credentials']);
}

const PROGRAMS: (Program & { expect: (c: Comparison) => void })[] = [
  {
    case: 'the example fleet at preview',
    program: '.',
    policyConfig: SHARED_CONFIG,
    preview: true,
    expect: (c) => {
      expect(c.resources.filter((r) => r.type === COMPONENT_TYPES.agent)).toHaveLength(7);
      expect(c.agentIam.analyze.length).toBeGreaterThan(20);
      expect(mandatoryPolicies(c.agentIam)).toEqual([]);
      expectPaths(c.parity, [
        'parity-role-tags n/a',
        'parity-untyped-list advisory',
        'parity-untyped-list n/a',
        'parity-remediate-level mandatory',
        'parity-remediation-only n/a',
        'parity-stack-graph mandatory',
        'parity-stack-arns advisory preview',
        'parity-stack-typed advisory',
      ]);
    },
  },
  {
    case: 'unowned-admin-role',
    program: 'examples/unowned-admin-role',
    policyConfig: SHARED_CONFIG,
    preview: true,
    expect: (c) => {
      expect(mandatoryPolicies(c.agentIam)).toEqual(
        expect.arrayContaining(['agent-no-wildcard-actions', 'agent-owner-required']),
      );
      expectPaths(c.parity, [
        'parity-role-tags mandatory',
        'parity-untyped-list mandatory',
        'parity-stack-typed n/a',
      ]);
      const graph = c.parity.stack.server.diagnostics.find((d) =>
        d.urn.endsWith('::support-bot-policy'),
      );
      expect(graph?.message).toBe(
        'A stack policy that reports each resource parent and dependencies.\n' +
          'support-bot-policy: parent pulumi:pulumi:Stack::unowned-admin-role-dev; ' +
          'depends on [support-bot]; policy=[] role=[support-bot]',
      );
    },
  },
  {
    case: 'owner-from-output, the owner unknown at preview',
    program: 'examples/owner-from-output',
    policyConfig: SHARED_CONFIG,
    preview: true,
    expect: (c) => {
      const role = c.resources.find((r) => r.type === 'aws:iam/role:Role');
      expect((role?.inputs.tags as Record<string, unknown>)['agent:owner']).toBe(UNKNOWN);
      expect(mandatoryPolicies(c.agentIam)).toContain('agent-owner-required');
      expectPaths(c.parity, ['parity-role-tags advisory preview']);
    },
  },
  {
    case: 'exemption-expired, with its own config',
    program: 'examples/exemption-expired',
    policyConfig: path.join(REPO_ROOT, 'examples/exemption-expired/agent-iam.config.json'),
    preview: true,
    expect: (c) => {
      const boundary = serverDiagnostics(c.agentIam).filter(
        (d) => d.policyName === 'agent-permissions-boundary-required',
      );
      expect(boundary.map((d) => d.enforcementLevel)).toContain('mandatory');
      expect(boundary.some((d) => d.message.includes('2025-01-31'))).toBe(true);
    },
  },
  {
    case: 'inline-agents at preview: every step policy, an unknown document and a compliant role',
    program: 'test/fixtures/step-programs/inline-agents',
    policyConfig: SHARED_CONFIG,
    preview: true,
    expect: (c) => {
      expect(stepPoliciesOn(c, 'admin')).toEqual(ALL_STEP_POLICIES);
      // The document computed from a new bucket fails closed at preview, in each permission rule.
      expect(stepPoliciesOn(c, 'computed')).toEqual(STEP_PERMISSION_POLICIES);
      expect(analyzeOn(c, 'computed').every((d) => d.message.includes('unknown at preview'))).toBe(
        true,
      );
      expect(analyzeOn(c, 'reader')).toEqual([]);
      expectVaultSteps(c);
    },
  },
  {
    case: 'inline-agents at update',
    program: 'test/fixtures/step-programs/inline-agents-update',
    policyConfig: SHARED_CONFIG,
    preview: false,
    expect: (c) => {
      expect(stepPoliciesOn(c, 'admin')).toEqual(ALL_STEP_POLICIES);
      // At update the bucket's ARN is known: the exact grant on it passes at the step.
      expect(analyzeOn(c, 'computed')).toEqual([]);
      expect(analyzeOn(c, 'reader')).toEqual([]);
      expectVaultSteps(c);
    },
  },
  {
    case: 'passrole-lambda at update',
    program: 'examples/passrole-lambda',
    policyConfig: SHARED_CONFIG,
    preview: false,
    expect: (c) => {
      expect(mandatoryPolicies(c.agentIam)).toContain('agent-no-privilege-escalation');
      // At update every ARN is known, so the stack policy runs to the end.
      expectPaths(c.parity, ['parity-stack-arns advisory']);
    },
  },
];

describe.each(PROGRAMS)('$case: the in-process analyzer returns what the server returns', (p) => {
  let comparison: Comparison;

  beforeAll(async () => {
    comparison = await compare(p);
  });

  test.each([{ pack: 'agentIam' as const }, { pack: 'parity' as const }])(
    '$pack pack: Analyze, for every custom resource',
    ({ pack: which }) => {
      const { analyze } = comparison[which];
      expect(analyze.map((a) => ({ urn: a.urn, result: a.inProcess }))).toEqual(
        analyze.map((a) => ({ urn: a.urn, result: a.server })),
      );
    },
  );

  test.each([{ pack: 'agentIam' as const }, { pack: 'parity' as const }])(
    '$pack pack: AnalyzeStack, over every resource',
    ({ pack: which }) => {
      const { stack } = comparison[which];
      expect(stack.inProcess).toEqual(stack.server);
    },
  );

  test('the server found what this program is meant to show', () => {
    p.expect(comparison);
  });
});
