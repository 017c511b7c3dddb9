/**
 * `agent-iam check`: runs a Pulumi program on the SDK's mock engine and judges every resource with
 * the complete policy pack, the way `pulumi preview --policy-pack ./policy-pack` does on a pull
 * request, with no cloud account. Prints the agent inventory, every violation and a summary.
 *
 * Exit codes: 0 no mandatory violation; 1 a mandatory violation; 2 the program, the config or the
 * command line failed.
 */
import type { PolicyResource } from '@pulumi/policy';
import type { AgentInventoryEntry } from '../components/agent';
import {
  discoverAgents,
  readNumber,
  readTag,
  vaultRolesTargeting,
} from '../policy-pack/lib/agents';
import { COMPONENT_TYPES, formatDuration } from '../policy-pack/lib/conventions';
import type { Known } from '../policy-pack/lib/unknowns';
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { PackConfigSchema } from '../policy-pack/lib/config';
import {
  analyzeResource,
  analyzeStack,
  effectiveLevel,
  type Diagnostic,
  type NormalizedPolicyConfig,
  type PackUnderTest,
  resourceOptions,
} from './analyzer';
import type { Io } from './io';
import { asAnalyzed, ProgramFailure, type RecordedResource, runProgram } from './mock-runtime';
import { UNKNOWN, unknownCheckingProxy } from './policy-internals';
import { loadPolicyConfig, PolicyConfigFileError } from './policy-config';
import { loadProgramProject, StackConfigError } from './stack-config';

const USAGE = `Usage: agent-iam check [--program PATH] [--policy-config FILE] [--stack NAME] [--json] [--update]

  --program PATH        a folder with an index.ts, or a .ts file (default: the repo's index.ts)
  --policy-config FILE  policy-pack config, as for \`pulumi preview --policy-pack-config\`
  --stack NAME          stack whose Pulumi.<stack>.yaml config to load (default: dev)
  --json                print the result as one JSON document
  --update              judge as \`pulumi up\` would: every computed output known
                        (default: as \`pulumi preview\`, where new resources' ARNs and ids are unknown)`;

export const AGENT_COMPONENT_TYPE = COMPONENT_TYPES.agent;
export const MOCK_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';
const REPO_ROOT = path.resolve(__dirname, '..');

export interface CheckOptions {
  program: string;
  policyConfig?: string;
  stack: string;
  json: boolean;
  update: boolean;
}

class UsageError extends Error {}

export function parseCheckArgs(args: string[]): CheckOptions | 'help' {
  const options: CheckOptions = {
    program: path.join(REPO_ROOT, 'index.ts'),
    stack: 'dev',
    json: false,
    update: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--program':
        options.program = value();
        break;
      case '--policy-config':
        options.policyConfig = value();
        break;
      case '--stack':
        options.stack = value();
        break;
      case '--json':
        options.json = true;
        break;
      case '--update':
        options.update = true;
        break;
      case '-h':
      case '--help':
        return 'help';
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return options;
}

/** `--program` takes a folder with an `index.ts`, or a `.ts` file. */
export function resolveProgramFile(program: string): string {
  const resolved = path.resolve(program);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new UsageError(`--program ${program}: no such file or folder`);
  }
  if (stat.isDirectory()) {
    const index = path.join(resolved, 'index.ts');
    if (!fs.existsSync(index)) {
      throw new UsageError(
        `--program ${program}: the folder has no index.ts; pass the program's .ts file instead`,
      );
    }
    return index;
  }
  if (!resolved.endsWith('.ts')) {
    throw new UsageError(
      `--program ${program}: expected a TypeScript program (.ts) or a folder with an index.ts`,
    );
  }
  return resolved;
}

/**
 * One row of the inventory table: the part of an Agent component's `inventory` output the check
 * prints. Its statements are passed through as the program recorded them.
 */
export type InventoryEntry = Pick<
  AgentInventoryEntry,
  'name' | 'owner' | 'purpose' | 'expiresOn' | 'ttl' | 'maxTtl'
> & {
  statements: unknown[];
  /** Set for a role the pack counts as an agent that no Agent component declared. */
  declaredBy?: 'hand';
};

export interface Violation {
  policy: string;
  enforcementLevel: string;
  severity?: string;
  resource?: { urn: string; type: string; name: string };
  message: string;
}

export interface CheckResult {
  program: string;
  project: string;
  stack: string;
  mode: 'preview' | 'update';
  pack: { name: string; version: string };
  inventory: InventoryEntry[];
  violations: Violation[];
  /** Advisory remarks on the check's input (not violations, never a failure). */
  warnings: string[];
  summary: {
    resources: number;
    agents: number;
    mandatory: number;
    advisory: number;
    passed: boolean;
  };
}

interface LoadedPack extends PackUnderTest {
  enforcementLevel: NonNullable<PackUnderTest['enforcementLevel']>;
}

function loadPack(): LoadedPack {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pack = require('../policy-pack/pack') as typeof import('../policy-pack/pack');
  return {
    name: pack.PACK_NAME,
    version: pack.PACK_VERSION,
    enforcementLevel: pack.PACK_ENFORCEMENT_LEVEL,
    policies: pack.policies,
  };
}

const UNKNOWN_CELL = '(unknown)';

/** Wire values back to plain data: secrets unwrapped, unknowns shown as `unknown` says. */
function plain(value: unknown, unknown: unknown = UNKNOWN_CELL): unknown {
  if (value === UNKNOWN) return unknown;
  if (Array.isArray(value)) return value.map((v) => plain(v, unknown));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj[specialSigKey] === specialSecretSig) return plain(obj.value, unknown);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, plain(v, unknown)]));
  }
  return value;
}

/** A recorded resource's outputs as a stack policy sees them: unknowns throw when read. */
function asPolicyResource(r: RecordedResource): PolicyResource {
  const props = unknownCheckingProxy(plain(r.outputs, UNKNOWN) as Record<string, unknown>);
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props,
    opts: resourceOptions(),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: (() => undefined) as PolicyResource['asType'],
  };
}

/**
 * Roles the pack counts as agents (the `agent-owner-required` section's settings decide, as for
 * that policy) that no Agent component declared: agents written by hand belong in the inventory
 * too, with what their tags and Vault role say.
 */
function undeclaredAgents(
  resources: RecordedResource[],
  config: NormalizedPolicyConfig,
  declared: ReadonlySet<string>,
): InventoryEntry[] {
  const section = config['agent-owner-required'] ?? Object.values(config)[0];
  const settings = PackConfigSchema.safeParse(section?.properties ?? {});
  const packConfig = settings.success ? settings.data : PackConfigSchema.parse({});
  const stack = resources.filter((r) => r.custom).map(asPolicyResource);
  const cell = (known: Known<unknown>) =>
    !known.known ? UNKNOWN_CELL : typeof known.value === 'string' ? known.value : '';
  const seconds = (known: Known<number | undefined>) =>
    !known.known ? UNKNOWN_CELL : known.value === undefined ? '' : formatDuration(known.value);
  return discoverAgents(stack, packConfig)
    .filter((agent) => !declared.has(agent.agentName))
    .map((agent) => {
      const tag = (key: string) => cell(readTag(agent.role, key));
      const vaultRole = vaultRolesTargeting(agent, stack)[0];
      return {
        name: agent.agentName,
        owner: tag(packConfig.tagKeys.owner),
        purpose: tag(packConfig.tagKeys.purpose),
        expiresOn: tag(packConfig.tagKeys.expiresOn),
        ttl: vaultRole ? seconds(readNumber(vaultRole, 'defaultStsTtl')) : '',
        maxTtl: vaultRole ? seconds(readNumber(vaultRole, 'maxStsTtl')) : '',
        statements: [],
        declaredBy: 'hand' as const,
      };
    });
}

function inventoryOf(resources: RecordedResource[]): InventoryEntry[] {
  const text = (v: unknown) =>
    v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return resources
    .filter((r) => r.type === AGENT_COMPONENT_TYPE)
    .map((r) => {
      const inv = plain(r.outputs.inventory);
      const e = (inv && typeof inv === 'object' ? inv : {}) as Record<string, unknown>;
      return {
        name: text(e.name) || r.name,
        owner: text(e.owner),
        purpose: text(e.purpose),
        expiresOn: text(e.expiresOn),
        ttl: text(e.ttl),
        maxTtl: text(e.maxTtl),
        statements: Array.isArray(e.statements) ? e.statements : [],
      };
    });
}

function toViolation(d: Diagnostic, byUrn: Map<string, RecordedResource>): Violation {
  const r = d.urn ? byUrn.get(d.urn) : undefined;
  return {
    policy: d.policyName,
    enforcementLevel: d.enforcementLevel,
    ...(d.severity ? { severity: d.severity } : {}),
    ...(d.urn ? { resource: { urn: d.urn, type: r?.type ?? '', name: r?.name ?? d.urn } } : {}),
    message: d.message,
  };
}

/** Settings that decide which roles are agents (`discoverAgents`). */
const AGENT_DETECTION_SETTINGS = ['vaultPrincipalArns', 'tagKeys'] as const;

/** A setting's value as the policies read it (schema defaults applied), comparable as text. */
function detectionValue(key: (typeof AGENT_DETECTION_SETTINGS)[number], value: unknown): string {
  const parsed = PackConfigSchema.shape[key].safeParse(value);
  if (!parsed.success) return JSON.stringify(value) ?? 'undefined';
  const data = parsed.data;
  return JSON.stringify(Array.isArray(data) ? [...new Set(data)].sort() : data);
}

function someNames(names: readonly string[], limit = 3): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/**
 * One warning per agent-detection setting that the policy-pack config sets differently for
 * different (enabled) policies: each policy finds agents with its own section of the config, so
 * they would then disagree on which roles are agents, and a role could escape some of them.
 */
export function agentDetectionWarnings(
  pack: PackUnderTest,
  policyConfig: NormalizedPolicyConfig,
): string[] {
  const warnings: string[] = [];
  for (const key of AGENT_DETECTION_SETTINGS) {
    const policiesByValue = new Map<string, string[]>();
    for (const policy of pack.policies) {
      if (!policy.configSchema?.properties?.[key]) continue;
      if (effectiveLevel(pack, policy, policyConfig) === 'disabled') continue;
      const value = detectionValue(key, policyConfig[policy.name]?.properties[key]);
      const names = policiesByValue.get(value);
      if (names) names.push(policy.name);
      else policiesByValue.set(value, [policy.name]);
    }
    if (policiesByValue.size < 2) continue;
    const groups = [...policiesByValue].map(([value, names]) => `${value} for ${someNames(names)}`);
    warnings.push(
      `the policy-pack config gives different ${key} to different policies, so they may not agree on which roles are agents: ${groups.join('; ')}. Give every policy the same ${key}.`,
    );
  }
  return warnings;
}

/** `analyze` for every custom resource (inputs), then `analyzeStack` once (outputs). */
async function analyzeAll(
  pack: PackUnderTest,
  resources: RecordedResource[],
  policyConfig: NormalizedPolicyConfig,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    if (!resource.custom) continue;
    const { diagnostics: found } = await analyzeResource(
      pack,
      asAnalyzed(resource, 'inputs'),
      policyConfig,
    );
    // The engine attributes an `analyze` diagnostic to the resource it was called for.
    diagnostics.push(...found.map((d) => ({ ...d, urn: d.urn ?? resource.urn })));
  }
  const stackResult = await analyzeStack(
    pack,
    resources.map((r) => asAnalyzed(r, 'outputs')),
    policyConfig,
  );
  diagnostics.push(...stackResult.diagnostics);
  return diagnostics;
}

/**
 * Policies read unknown values by catching `UnknownValueError`, thrown once per unknown read;
 * profiling a 300-agent fleet showed capturing those errors' stacks as over half the run. They are
 * never shown, so analysis runs without stacks; if a policy crashes, it runs again with them, so
 * the crash is reported with its stack. Analysis is deterministic, so the rerun fails the same way.
 */
async function withoutStackTraces<T>(analysis: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await analysis();
  } catch {
    Error.stackTraceLimit = limit;
    return await analysis();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Relative to the working directory when inside it, else absolute. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Runs the program and the pack; throws `ProgramFailure`, config and usage errors. */
export async function check(options: CheckOptions): Promise<CheckResult> {
  const programFile = resolveProgramFile(options.program);
  const pack = loadPack();
  const policyConfig: NormalizedPolicyConfig = loadPolicyConfig(pack, options.policyConfig);
  const project = loadProgramProject(programFile, options.stack);
  const region = project.config['aws:region'] ?? DEFAULT_REGION;
  const preview = !options.update;
  const run = await runProgram({
    programFile,
    project: project.project,
    stack: options.stack,
    preview,
    config: project.config,
    secretKeys: project.secretKeys,
    provider: { account: MOCK_ACCOUNT, region, partition: 'aws', preview },
  });
  const diagnostics = await withoutStackTraces(() => analyzeAll(pack, run.resources, policyConfig));
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const violations = diagnostics.map((d) => toViolation(d, byUrn));
  const declared = inventoryOf(run.resources);
  const inventory = [
    ...declared,
    ...undeclaredAgents(run.resources, policyConfig, new Set(declared.map((e) => e.name))),
  ];
  const mandatory = violations.filter((v) => v.enforcementLevel === 'mandatory').length;
  return {
    program: displayPath(programFile),
    project: project.project,
    stack: options.stack,
    mode: preview ? 'preview' : 'update',
    pack: { name: pack.name, version: pack.version },
    inventory,
    violations,
    warnings: agentDetectionWarnings(pack, policyConfig),
    summary: {
      resources: run.resources.filter((r) => r.custom).length,
      agents: inventory.length,
      mandatory,
      advisory: violations.length - mandatory,
      passed: mandatory === 0,
    },
  };
}

const TABLE_COLUMNS: { title: string; cell: (e: InventoryEntry) => string }[] = [
  { title: 'AGENT', cell: (e) => (e.declaredBy === 'hand' ? `${e.name} (hand-written)` : e.name) },
  { title: 'OWNER', cell: (e) => e.owner },
  { title: 'PURPOSE', cell: (e) => e.purpose },
  { title: 'EXPIRES', cell: (e) => e.expiresOn },
  { title: 'TTL', cell: (e) => e.ttl },
  { title: 'MAX TTL', cell: (e) => e.maxTtl },
  // A hand-written agent's statements are in its policies, judged above, not declared here.
  {
    title: 'STATEMENTS',
    cell: (e) => (e.declaredBy === 'hand' ? '' : String(e.statements.length)),
  },
];

/** The inventory as an aligned text table, one line per agent. */
export function formatInventory(inventory: InventoryEntry[]): string[] {
  if (inventory.length === 0)
    return ['No agents: no Agent component, and no role the pack counts as an agent.'];
  const rows = [
    TABLE_COLUMNS.map((c) => c.title),
    ...inventory.map((e) => TABLE_COLUMNS.map((c) => c.cell(e))),
  ];
  const widths = TABLE_COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

function resourceLabel(v: Violation): string {
  return v.resource ? `${v.resource.name} (${v.resource.type})` : 'stack';
}

export function formatViolations(violations: Violation[]): string[] {
  if (violations.length === 0) return ['No policy violations.'];
  // Several policies can say the same thing of one resource (a document none of them can see at
  // preview): print it once, naming every policy, in the place of its first report.
  const groups = new Map<string, { first: Violation; policies: string[] }>();
  for (const v of violations) {
    const key = JSON.stringify([v.enforcementLevel, v.resource?.urn ?? '', v.message]);
    const group = groups.get(key);
    if (group) group.policies.push(v.policy);
    else groups.set(key, { first: v, policies: [v.policy] });
  }
  const lines: string[] = [];
  for (const { first: v, policies } of groups.values()) {
    lines.push(`${v.enforcementLevel}  ${policies.join(', ')}  ${resourceLabel(v)}`);
    for (const line of v.message.split('\n')) lines.push(`    ${line}`);
  }
  return lines;
}

export function formatSummary(result: CheckResult): string {
  const { summary: s } = result;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `${s.passed ? 'PASS' : 'FAIL'}: ${plural(s.mandatory, 'mandatory violation')}, ` +
    `${s.advisory} ${s.advisory === 1 ? 'advisory' : 'advisories'}; ${plural(s.agents, 'agent')}, ` +
    `${plural(s.resources, 'resource')} checked at ${result.mode} (${result.pack.name}@${result.pack.version}).`
  );
}

function printText(result: CheckResult, io: Io): void {
  io.out(`Agents (${result.inventory.length}):`);
  for (const line of formatInventory(result.inventory)) io.out(`  ${line}`);
  io.out('');
  io.out(`Violations (${result.violations.length}):`);
  for (const line of formatViolations(result.violations)) io.out(`  ${line}`);
  io.out('');
  for (const warning of result.warnings) io.out(`Warning: ${warning}`);
  io.out(formatSummary(result));
}

/** A user's mistake is printed as a message; anything else is a crash and keeps its stack. */
export function isUserMistake(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const declaration = /DeclarationError$/;
  return (
    declaration.test(err.name) ||
    declaration.test(err.constructor.name) ||
    pulumi.RunError.isInstance(err) ||
    (pulumi.ResourceError.isInstance(err) && (err as { hideStack?: boolean }).hideStack === true)
  );
}

function describeFailure(
  err: ProgramFailure,
  program: string,
): { message: string; stack?: string } {
  const first = err.causes[0];
  const message = `the program ${program} failed: ${err.message}`;
  if (isUserMistake(first) || !(first instanceof Error) || !first.stack) return { message };
  return { message, stack: first.stack };
}

export async function runCheck(args: string[], io: Io): Promise<number> {
  let options: CheckOptions | 'help';
  try {
    options = parseCheckArgs(args);
  } catch (err) {
    io.err(`agent-iam check: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  const opts = options;
  const fail = (kind: string, message: string, stack?: string): number => {
    if (opts.json) io.out(JSON.stringify({ error: { kind, message } }, null, 2));
    io.err(`agent-iam check: ${message}`);
    // A stack's first line repeats the message.
    if (stack) io.err(stack.split('\n').slice(1).join('\n'));
    return 2;
  };
  let result: CheckResult;
  try {
    result = await check(opts);
  } catch (err) {
    if (err instanceof UsageError) return fail('usage', err.message);
    if (err instanceof PolicyConfigFileError) return fail('policy-config', err.message);
    if (err instanceof StackConfigError) return fail('stack-config', err.message);
    if (err instanceof ProgramFailure) {
      const { message, stack } = describeFailure(err, opts.program);
      return fail('program', message, stack);
    }
    const e = err as Error;
    return fail('internal', e?.message ?? String(err), e?.stack);
  }
  if (opts.json) io.out(JSON.stringify(result, null, 2));
  else printText(result, io);
  return result.summary.passed ? 0 : 1;
}
