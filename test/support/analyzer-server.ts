/**
 * The real `@pulumi/policy` analyzer server serving the repo's pack, started the way the Pulumi CLI
 * starts a TypeScript pack (`@pulumi/pulumi/cmd/run-policy-pack`, which type-checks and loads
 * `policy-pack/index.ts` with ts-node and prints the gRPC port), and a client that speaks to it as
 * the engine does. Used to prove `offline/analyzer.ts` returns what the server returns.
 */
import { type ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { type JavaScriptValue, Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { AnalyzerClient } from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import * as proto from '@pulumi/pulumi/proto/analyzer_pb';
import type { EnforcementLevel } from '@pulumi/policy';
import type {
  AnalysisResult,
  AnalyzedResource,
  Diagnostic,
  NormalizedPolicyConfig,
} from '../../offline';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const RUN_POLICY_PACK = path.join(REPO_ROOT, 'node_modules/@pulumi/pulumi/cmd/run-policy-pack');
/** The repo's pack; `startPackServer` takes any folder holding a pack's `index.ts` and `package.json`. */
export const REPO_PACK_DIR = path.join(REPO_ROOT, 'policy-pack');
/** The server never dials the engine while analysing; `run-policy-pack` only needs the argument. */
const UNUSED_ENGINE_ADDRESS = '127.0.0.1:0';

const LEVEL_TO_WIRE: Record<EnforcementLevel, proto.EnforcementLevel> = {
  advisory: proto.EnforcementLevel.ADVISORY,
  mandatory: proto.EnforcementLevel.MANDATORY,
  remediate: proto.EnforcementLevel.REMEDIATE,
  disabled: proto.EnforcementLevel.DISABLED,
};

function levelFromWire(level: proto.EnforcementLevel): EnforcementLevel {
  const found = (Object.keys(LEVEL_TO_WIRE) as EnforcementLevel[]).find(
    (name) => LEVEL_TO_WIRE[name] === level,
  );
  if (!found) throw new Error(`enforcement level ${level} is not in the analyzer protocol`);
  return found;
}

/** Severities the protocol can carry; anything else goes on the wire as UNSPECIFIED (''). */
const SEVERITY_FROM_WIRE: Record<proto.PolicySeverity, string> = {
  [proto.PolicySeverity.POLICY_SEVERITY_UNSPECIFIED]: '',
  [proto.PolicySeverity.POLICY_SEVERITY_LOW]: 'low',
  [proto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: 'medium',
  [proto.PolicySeverity.POLICY_SEVERITY_HIGH]: 'high',
  [proto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: 'critical',
};

const POLICY_TYPE_FROM_WIRE: Record<proto.PolicyType, WirePolicyInfo['type']> = {
  [proto.PolicyType.POLICY_TYPE_UNKNOWN]: 'unknown',
  [proto.PolicyType.POLICY_TYPE_RESOURCE]: 'resource',
  [proto.PolicyType.POLICY_TYPE_STACK]: 'stack',
};

/** One diagnostic as the engine reads it off the wire (unset strings are ''). */
export interface WireDiagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
  severity: string;
}

export interface WireNotApplicable {
  policyName: string;
  reason: string;
}

export interface WireResult {
  diagnostics: WireDiagnostic[];
  notApplicable: WireNotApplicable[];
}

/** A stable order, the same for both sides, so lists compare regardless of emission order. */
function sortedByContent<T>(items: T[]): T[] {
  const keyed = items.map((item) => [JSON.stringify(item), item] as const);
  keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return keyed.map(([, item]) => item);
}

export function resultFromWire(response: proto.AnalyzeResponse): WireResult {
  return {
    diagnostics: sortedByContent(
      response.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        policyPackVersion: d.getPolicypackversion(),
        description: d.getDescription(),
        message: d.getMessage(),
        enforcementLevel: levelFromWire(d.getEnforcementlevel()),
        urn: d.getUrn(),
        severity: SEVERITY_FROM_WIRE[d.getSeverity()],
      })),
    ),
    notApplicable: sortedByContent(
      response.getNotApplicableList().map((n) => ({
        policyName: n.getPolicyName(),
        reason: n.getReason(),
      })),
    ),
  };
}

function diagnosticOnWire(d: Diagnostic): WireDiagnostic {
  const severity = d.severity ?? '';
  return {
    policyName: d.policyName,
    policyPackName: d.policyPackName,
    policyPackVersion: d.policyPackVersion,
    description: d.description,
    message: d.message,
    enforcementLevel: d.enforcementLevel,
    urn: d.urn ?? '',
    severity: Object.values(SEVERITY_FROM_WIRE).includes(severity) ? severity : '',
  };
}

/**
 * What the server would put on the wire for an in-process result: its `PolicyNotApplicable`
 * carries no URN (the engine knows which resource it asked about), so that field is dropped.
 */
export function resultOnWire(result: AnalysisResult): WireResult {
  return {
    diagnostics: sortedByContent(result.diagnostics.map(diagnosticOnWire)),
    notApplicable: sortedByContent(
      result.notApplicable.map((n) => ({ policyName: n.policyName, reason: n.reason ?? '' })),
    ),
  };
}

function struct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(value as Record<string, JavaScriptValue>);
}

function optionsOf(resource: AnalyzedResource): proto.AnalyzerResourceOptions {
  const options = new proto.AnalyzerResourceOptions();
  if (resource.parent) options.setParent(resource.parent);
  return options;
}

/** `Analyze`: one resource's inputs, as the engine sends them before a step. */
export function analyzeRequest(resource: AnalyzedResource): proto.AnalyzeRequest {
  return new proto.AnalyzeRequest()
    .setType(resource.type)
    .setName(resource.name)
    .setUrn(resource.urn)
    .setProperties(struct(resource.props))
    .setOptions(optionsOf(resource));
}

/** `AnalyzeStack`: every resource's outputs, parent and dependencies. */
export function analyzeStackRequest(resources: AnalyzedResource[]): proto.AnalyzeStackRequest {
  return new proto.AnalyzeStackRequest().setResourcesList(
    resources.map((r) => {
      const wire = new proto.AnalyzerResource()
        .setType(r.type)
        .setName(r.name)
        .setUrn(r.urn)
        .setProperties(struct(r.props))
        .setOptions(optionsOf(r))
        .setDependenciesList(r.dependencies ?? []);
      if (r.parent) wire.setParent(r.parent);
      const byProperty = wire.getPropertydependenciesMap();
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        byProperty.set(key, new proto.AnalyzerPropertyDependencies().setUrnsList(urns));
      }
      return wire;
    }),
  );
}

/**
 * `Configure` as the CLI sends it after reconciling the config file with the pack's metadata
 * (`ReconcilePolicyPackConfig`): every policy, each with a resolved enforcement level (the
 * protocol cannot say "unset": its zero value is ADVISORY) and its properties.
 */
export function configureRequest(
  config: NormalizedPolicyConfig,
  defaultLevels: Record<string, EnforcementLevel>,
): proto.ConfigureAnalyzerRequest {
  const request = new proto.ConfigureAnalyzerRequest();
  const byPolicy = request.getPolicyconfigMap();
  for (const [policy, section] of Object.entries(config)) {
    const level = section.enforcementLevel ?? defaultLevels[policy];
    if (!level) throw new Error(`no enforcement level for policy "${policy}"`);
    byPolicy.set(
      policy,
      new proto.PolicyConfig()
        .setEnforcementlevel(LEVEL_TO_WIRE[level])
        .setProperties(struct(section.properties)),
    );
  }
  return request;
}

/** A policy as `GetAnalyzerInfo` describes it. */
export interface WirePolicyInfo {
  name: string;
  type: 'resource' | 'stack' | 'unknown';
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: string;
  configSchemaProperties: Record<string, unknown>;
  required: string[];
}

export interface WireAnalyzerInfo {
  name: string;
  version: string;
  policies: WirePolicyInfo[];
  initialConfig: Record<string, { enforcementLevel: EnforcementLevel; properties: unknown }>;
}

function infoFromWire(info: proto.AnalyzerInfo): WireAnalyzerInfo {
  const initialConfig: WireAnalyzerInfo['initialConfig'] = {};
  info.getInitialconfigMap().forEach((config, policy) => {
    initialConfig[policy] = {
      enforcementLevel: levelFromWire(config.getEnforcementlevel()),
      properties: config.getProperties()?.toJavaScript() ?? {},
    };
  });
  return {
    name: info.getName(),
    version: info.getVersion(),
    policies: info.getPoliciesList().map((p) => ({
      name: p.getName(),
      type: POLICY_TYPE_FROM_WIRE[p.getPolicyType()],
      description: p.getDescription(),
      enforcementLevel: levelFromWire(p.getEnforcementlevel()),
      severity: SEVERITY_FROM_WIRE[p.getSeverity()],
      configSchemaProperties: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
      required: p.getConfigschema()?.getRequiredList() ?? [],
    })),
    initialConfig,
  };
}

type Unary<Req, Res> = (
  request: Req,
  callback: (err: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

function call<Req, Res>(method: Unary<Req, Res>, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method(request, (err, response) => (err ? reject(err) : resolve(response)));
  });
}

export interface PackServer {
  getAnalyzerInfo(): Promise<WireAnalyzerInfo>;
  configure(request: proto.ConfigureAnalyzerRequest): Promise<void>;
  analyze(resource: AnalyzedResource): Promise<WireResult>;
  analyzeStack(resources: AnalyzedResource[]): Promise<WireResult>;
  /** Closes the client and ends the server process; safe to call more than once. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killLater = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited(child);
  clearTimeout(killLater);
}

/** The port the server prints once it listens; rejects with its stderr if it exits or stalls. */
function portOf(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`the policy-pack server ${why}; stderr:\n${stderr}\nstdout:\n${stdout}`));
    };
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(\d+)\r?\n/m.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal})`));
  });
}

/** Starts `run-policy-pack` on the pack in `packDir` and connects to it. */
export async function startPackServer(packDir: string, timeoutMs: number): Promise<PackServer> {
  const child = spawn(
    process.execPath,
    [RUN_POLICY_PACK, '--pwd', packDir, UNUSED_ENGINE_ADDRESS, '.'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let port: number;
  try {
    port = await portOf(child, timeoutMs);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    // As the engine does: a big stack's request exceeds gRPC's 4 MB default.
    'grpc.max_send_message_length': 400 * 1024 * 1024,
  });
  let stopped = false;
  return {
    getAnalyzerInfo: async () =>
      infoFromWire(await call(client.getAnalyzerInfo.bind(client), new Empty())),
    configure: async (request) => {
      await call(client.configure.bind(client), request);
    },
    analyze: async (resource) =>
      resultFromWire(await call(client.analyze.bind(client), analyzeRequest(resource))),
    analyzeStack: async (resources) =>
      resultFromWire(await call(client.analyzeStack.bind(client), analyzeStackRequest(resources))),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      client.close();
      await stopProcess(child);
    },
  };
}
