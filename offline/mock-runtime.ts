/**
 * Runs a Pulumi TypeScript program in-process on the SDK's mock engine (`pulumi.runtime.setMocks`)
 * and records every registration the way the real engine would hand it to a policy pack: the raw
 * wire inputs (unknowns kept as the engine's sentinel, so a policy sees exactly what it would see
 * in `pulumi preview`), the dependencies, and the outputs `analyzeStack` receives.
 */
import Module from 'module';
import * as pulumi from '@pulumi/pulumi';
import type { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import type { AnalyzedResource } from './analyzer';
import {
  answerInvoke,
  checkedInputs,
  type ProviderContext,
  providerOutputs,
} from './mock-provider';
import { withDerivedUnknowns } from './derived-unknowns';
import { UNKNOWN } from './policy-internals';
import { withoutResourceReferences } from './resource-references';
import { readUnsetConfigAsUnknown } from './unset-config';

/* eslint-disable @typescript-eslint/no-require-imports */
const resproto = require('@pulumi/pulumi/proto/resource_pb') as {
  RegisterResourceResponse: new () => {
    setUrn(urn: string): void;
    setId(id: string): void;
    setObject(object: Struct): void;
  };
};
const { Struct: StructClass } = require('google-protobuf/google/protobuf/struct_pb') as {
  Struct: { fromJavaScript(value: Record<string, unknown>): Struct };
};
const debuggable = require('@pulumi/pulumi/runtime/debuggable') as {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};
const sdkRuntime = require('@pulumi/pulumi/runtime') as {
  serializeFunction: (
    func: unknown,
    args?: { exportName?: string },
  ) => Promise<{ text: string; exportName: string; containsSecrets: boolean }>;
  computeCodePaths: (...args: unknown[]) => Promise<Map<string, unknown>>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * In place of the SDK's `serializeFunction` (a `CallbackFunction`'s code, an `onEvent` handler):
 * it reads a closure's captured variables through the V8 inspector, which the host's sandbox
 * (`HOST_SANDBOX_ARGS` of `isolated-run.ts`) refuses, and no policy reads a function's code. The
 * function is stood in for by a handler that says so; the resources around it are registered as
 * the program writes them.
 */
async function standInFunction(
  _func: unknown,
  args: { exportName?: string } = {},
): Promise<{ text: string; exportName: string; containsSecrets: boolean }> {
  const exportName = args.exportName || 'handler';
  const text = `exports.${exportName} = () => { throw new Error('not serialized by agent-iam check'); };\n`;
  return { text, exportName, containsSecrets: false };
}

/**
 * The SDK's closure serialiser as `pulumi.dynamic.Resource` loads it, by its own path
 * (`require("../runtime/closure/serializeClosure")` in `dynamic/index.js`, to serialise the
 * provider into `__provider`), not through `pulumi.runtime`: its `serializeFunction` is stood in
 * for there too, or a program with a dynamic provider fails on the inspector the sandbox refuses.
 * The module is left unloaded when nothing has loaded it yet (it loads the TypeScript compiler):
 * the stand-in takes its place in the module cache.
 */
function standInClosureSerializer(): void {
  const file = require.resolve('@pulumi/pulumi/runtime/closure/serializeClosure');
  const serializeFunctionAsync = async (func: unknown): Promise<string> =>
    (await standInFunction(func)).text;
  const loaded = require.cache[file];
  if (loaded) {
    Object.assign(loaded.exports as object, {
      serializeFunction: standInFunction,
      serializeFunctionAsync,
    });
    return;
  }
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = { serializeFunction: standInFunction, serializeFunctionAsync };
  require.cache[file] = stub;
}

/**
 * In place of the SDK's `computeCodePaths` (the `node_modules` folders a `CallbackFunction`'s
 * archive carries): it reads the `package.json` found upward of the working directory and walks its
 * installed dependency tree, which fails the run ("Failed to find package.json.") for a program with
 * none above it, prints a warning per dependency for a program that borrows agent-iam's packages
 * instead of installing its own, and walks agent-iam's own tree for a program inside its checkout.
 * No policy reads a function's code, so the archive carries only the stand-in body.
 */
async function noCodePaths(): Promise<Map<string, unknown>> {
  return new Map();
}

/**
 * In place of the SDK's `debuggablePromise`, which wraps every promise of every resource: it
 * renders a stack trace for each (printed only by its leaked-promise report) and chains two more
 * promises to track leaks. Neither is used here: the leak report runs from an exit handler that
 * only the SDK's own wrapper installs, and from the automation server, which the check does not
 * use. Profiling a 1,000-agent fleet showed the stacks, then the chaining and the
 * garbage it leaves, as the largest costs of running the program. The promise itself is returned,
 * so values and rejections flow as before.
 */
function passThroughPromise<T>(p: Promise<T>): Promise<T> {
  return p;
}

/**
 * `Resource.stackTrace`, a private static of the SDK: every resource constructor calls it to find
 * the program's source position, capturing and parsing a full stack (`Error.stackTraceLimit` set to
 * Infinity inside). The positions only fill `RegisterResourceRequest.sourcePosition`/`stackTrace`,
 * which feed the engine's diagnostics; the recorder never reads them. Profiling a 1,000-agent
 * fleet showed the capture, and the garbage it leaves, as the largest cost of running the program,
 * so it is stubbed while the program runs: what the program registers is unchanged.
 */
const resourceClass = pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] };
const noSourcePositions = (): unknown[] => [];

/** A registered resource: `inputs` go to `analyze`, `outputs` to `analyzeStack`. */
export interface RecordedResource {
  type: string;
  name: string;
  urn: string;
  parent?: string;
  custom: boolean;
  /** A multi-language (remote) component: its children are not registered under mocks. */
  remote?: true;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  /** Wire form after the provider's Check (autonames, defaults); unknowns are the sentinel. */
  inputs: Record<string, unknown>;
  /** Wire form: a custom resource's state, a component's registered outputs. */
  outputs: Record<string, unknown>;
}

export interface ProgramRunOptions {
  /** Absolute path of the program's entry file. */
  programFile: string;
  project: string;
  stack: string;
  /** What `pulumi.getOrganization()` returns (Pulumi's own default when unset). */
  organization?: string;
  preview: boolean;
  /** The run with every output known that accompanies a preview (see `HostRequest`). */
  companion?: boolean;
  /** Fully qualified config keys (`aws:region`, `proj:key`) to string values, as the CLI passes them. */
  config: Record<string, string>;
  secretKeys: string[];
  provider: ProviderContext;
}

export interface ProgramRun {
  resources: RecordedResource[];
}

/** Told of each registration as it is recorded, so that it can be streamed while the program runs. */
export interface RegistrationListener {
  /** A resource was registered; its `inputs` are final, and so are a custom resource's `outputs`. */
  registered(resource: RecordedResource): void;
  /** A component registered its outputs (`record.outputs` now holds them). */
  outputs(resource: RecordedResource): void;
}

/** The program itself failed: it threw, or a registration failed. */
export class ProgramFailure extends Error {
  constructor(
    message: string,
    readonly causes: unknown[],
  ) {
    super(message);
    this.name = 'ProgramFailure';
  }
}

interface WireRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getRemote(): boolean;
  getObject(): Struct | undefined;
  getDependenciesList(): string[];
  getTransformsList(): unknown[];
  getPropertydependenciesMap(): {
    forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): Struct | undefined;
}

type Callback = (err: unknown, response?: unknown) => void;

interface MockMonitorLike {
  resources: Map<string, { urn: string; id: string | null; state: Record<string, unknown> }>;
  registerResource(req: WireRequest, callback: Callback): void;
  registerResourceOutputs(req: OutputsRequest, callback: Callback): void;
  registerStackTransform?: (req: unknown, callback: Callback) => void;
  registerStackInvokeTransform?: (req: unknown, callback: Callback) => void;
}

/**
 * Transforms are applied by Pulumi's engine (`transforms` resource option, applied to the resource
 * and every resource under it; `pulumi.runtime.registerResourceTransform` and
 * `registerInvokeTransform`, applied to every later registration or data-source call), through
 * callbacks the mock engine never calls: a transform could add `AdministratorAccess` to every role
 * at deploy time and the check would judge the untransformed inputs. The run fails instead (exit
 * 2), naming what uses them. The SDK's own `transformations` option is applied in the program's
 * process, so what it yields is what is judged.
 */
export function transformsRefusal(what: string): Error {
  return new Error(
    `${what}, which Pulumi's engine applies at deploy time and the offline check cannot: it would judge inputs other than those deployed; write the properties directly (or use the SDK-side \`transformations\` option), or check this program with \`pulumi preview --policy-pack\``,
  );
}

const ROOT_STACK_TYPE = 'pulumi:pulumi:Stack';

/**
 * Records registrations in place of `MockMonitor.registerResource`. URNs follow the engine
 * (`resource/urn.go`): the parent's full qualified type is prefixed, except for the root stack.
 */
/**
 * Failures seen during this process's run: registrations refused, and errors the program raised
 * outside its main flow. A program with such a failure may never finish (what depends on it waits
 * forever), so the program host reads this list when the event loop drains, to say what went wrong
 * rather than only what was left waiting.
 */
export const registrationFailures: Error[] = [];

class RegistrationRecorder {
  readonly resources: RecordedResource[] = [];
  /** Registrations the engine refuses (a duplicate URN): the run fails with them. */
  readonly failures = registrationFailures;
  private readonly byUrn = new Map<string, RecordedResource>();

  constructor(
    private readonly monitor: MockMonitorLike,
    private readonly options: ProgramRunOptions,
    private readonly listener?: RegistrationListener,
  ) {}

  private urnOf(parent: string, type: string, name: string): string {
    const { stack, project } = this.options;
    let qualified = type;
    if (parent) {
      const parentQualified = parent.split('::')[2];
      if (parentQualified !== ROOT_STACK_TYPE) qualified = `${parentQualified}$${type}`;
    }
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
  }

  registerResource(req: WireRequest, callback: Callback): void {
    try {
      const type = req.getType();
      const name = req.getName();
      const parent = req.getParent();
      const custom = req.getCustom();
      const urn = this.urnOf(parent, type, name);
      if (req.getTransformsList().length > 0) {
        const refused = transformsRefusal(
          `${type} "${name}" is registered with the \`transforms\` resource option`,
        );
        this.failures.push(refused);
        throw refused;
      }
      if (this.byUrn.has(urn)) {
        // The engine's own words (pkg/resource/deploy/step_generator.go). The SDK does not always
        // surface a failed registration, so the run records it too.
        const duplicate = new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
        this.failures.push(duplicate);
        throw duplicate;
      }
      const raw = withDerivedUnknowns(
        withoutResourceReferences(req.getObject()?.toJavaScript() ?? {}),
      ) as Record<string, unknown>;
      const inputs = custom ? checkedInputs(type, name, urn, raw) : raw;
      const { id, state } = custom
        ? providerOutputs(type, name, urn, inputs, this.options.provider)
        : { id: '', state: {} };
      const propertyDependencies: Record<string, string[]> = {};
      req.getPropertydependenciesMap().forEach((deps, key) => {
        propertyDependencies[key] = deps.getUrnsList();
      });
      const record: RecordedResource = {
        type,
        name,
        urn,
        ...(parent ? { parent } : {}),
        custom,
        ...(req.getRemote() ? { remote: true as const } : {}),
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs,
        outputs: state,
      };
      this.resources.push(record);
      this.byUrn.set(urn, record);
      this.listener?.registered(record);
      this.monitor.resources.set(urn, { urn, id: id || null, state });
      const response = new resproto.RegisterResourceResponse();
      response.setUrn(urn);
      response.setId(id);
      response.setObject(StructClass.fromJavaScript(state));
      callback(null, response);
    } catch (err) {
      callback(err);
    }
  }

  registerResourceOutputs(req: OutputsRequest, callback: Callback): void {
    const record = this.byUrn.get(req.getUrn());
    if (!record) {
      callback(new Error(`unknown resource ${req.getUrn()}`));
      return;
    }
    record.outputs = withDerivedUnknowns(
      withoutResourceReferences(req.getOutputs()?.toJavaScript() ?? {}),
    ) as Record<string, unknown>;
    this.listener?.outputs(record);
    callback(null, {});
  }
}

const STACK_REFERENCE = 'pulumi:pulumi:StackReference';

/**
 * Another stack's outputs, which only the Pulumi service holds. At preview they are unknown, so
 * what the pack needs from them fails closed. At `--update` the SDK turns an unknown into
 * `undefined` (`deserializeProperty` outside a dry run), which would judge a program with values
 * missing, or crash it in an `apply`: the run stops there, saying why.
 */
function stackReference(
  name: string,
  preview: boolean,
  companion: boolean,
): { id: string; state: object } {
  // The run that accompanies a preview only adds what it finds to the preview's verdict, where
  // these outputs are unknown: it reads none (`getOutput` is `undefined`), and a program that
  // fails on that (`requireOutput`) fails the check.
  if (!preview && !companion) {
    const shown = name.includes(UNKNOWN) ? 'named by unset config' : `"${name}"`;
    const error = new Error(
      `pulumi.StackReference ${shown}: another stack's outputs cannot be known offline, and --update judges every value as known; check at preview (without --update), where they are unknown`,
    );
    registrationFailures.push(error);
    throw error;
  }
  return { id: name, state: { name, outputs: preview ? UNKNOWN : {}, secretOutputNames: [] } };
}

/**
 * Loads the program under mocks and waits until every registration and output has settled
 * (`pulumi.runtime.disconnect()` drains the SDK's outstanding-RPC queue, as the language host does
 * when a program ends). Throws `ProgramFailure` when the program or a registration fails.
 */
export async function runProgram(
  options: ProgramRunOptions,
  listener?: RegistrationListener,
): Promise<ProgramRun> {
  const provider = options.provider;
  await pulumi.runtime.setMocks(
    {
      call: (args) => {
        try {
          return answerInvoke(args.token, args.inputs as Record<string, unknown>, provider);
        } catch (err) {
          // The SDK rethrows a failed invoke as `new Error(err.details)`, as for a gRPC error.
          throw Object.assign(err as Error, { details: (err as Error).message });
        }
      },
      // Only `Resource.get` reaches here (registrations are recorded below): an existing resource.
      newResource: (args) => {
        if (args.type === STACK_REFERENCE) {
          return stackReference(args.name, options.preview, options.companion === true);
        }
        const urn = `urn:pulumi:${options.stack}::${options.project}::${args.type}::${args.name}`;
        const inputs = checkedInputs(
          args.type,
          args.name,
          urn,
          args.inputs as Record<string, unknown>,
        );
        const { state } = providerOutputs(args.type, args.name, urn, inputs, {
          ...provider,
          preview: false,
        });
        return { id: args.id ?? `${args.name}-id`, state };
      },
    },
    options.project,
    options.stack,
    options.preview,
    options.organization ?? 'organization',
  );
  pulumi.runtime.setAllConfig(options.config, options.secretKeys);
  readUnsetConfigAsUnknown();
  sdkRuntime.serializeFunction = standInFunction;
  sdkRuntime.computeCodePaths = noCodePaths;
  standInClosureSerializer();
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorLike;
  const recorder = new RegistrationRecorder(monitor, options, listener);
  monitor.registerResource = (req, cb) => recorder.registerResource(req, cb);
  monitor.registerResourceOutputs = (req, cb) => recorder.registerResourceOutputs(req, cb);
  // Thrown, not called back: the SDK rejects with no reason on a called-back error.
  monitor.registerStackTransform = () => {
    throw transformsRefusal('The program calls `pulumi.runtime.registerResourceTransform`');
  };
  monitor.registerStackInvokeTransform = () => {
    throw transformsRefusal('The program calls `pulumi.runtime.registerInvokeTransform`');
  };

  // A failure inside an `apply` or a registration surfaces as an unhandled rejection; the
  // language host turns those into a failed run, and so do we.
  const stray: unknown[] = [];
  const onStray = (err: unknown) => {
    stray.push(err);
    // Also where the program host looks when the run never finishes (a throw inside an apply
    // leaves what depends on it waiting): the error, not only what was left waiting, is reported.
    registrationFailures.push(err instanceof Error ? err : new Error(String(err)));
  };
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
  const fullDebuggablePromise = debuggable.debuggablePromise;
  debuggable.debuggablePromise = passThroughPromise;
  const fullStackTrace = resourceClass.stackTrace;
  resourceClass.stackTrace = noSourcePositions;
  try {
    try {
      await pulumi.runtime.runInPulumiStack(async () => {
        // A program is run once per check; drop a cached copy so a second check in this process
        // (tests, the bench) runs it again rather than reusing the first run's module.
        delete require.cache[options.programFile];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported: unknown = require(options.programFile);
        const main = (exported as { default?: unknown } | undefined)?.default ?? exported;
        return typeof main === 'function' ? await (main as () => unknown)() : exported;
      });
    } catch (err) {
      stray.unshift(err);
    }
    await pulumi.runtime.disconnect();
    stray.push(...recorder.failures.splice(0).filter((f) => !stray.includes(f)));
    // Rejections are reported on a later turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    debuggable.debuggablePromise = fullDebuggablePromise;
    resourceClass.stackTrace = fullStackTrace;
    process.off('unhandledRejection', onStray);
    process.off('uncaughtException', onStray);
  }
  if (stray.length > 0) {
    const first = stray[0];
    throw new ProgramFailure(first instanceof Error ? first.message : String(first), stray);
  }
  return { resources: recorder.resources };
}

/** The resource as `analyze` receives it (inputs) or as `analyzeStack` does (outputs). */
export function asAnalyzed(
  resource: RecordedResource,
  which: 'inputs' | 'outputs',
): AnalyzedResource {
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    props: resource[which],
    ...(resource.parent ? { parent: resource.parent } : {}),
    dependencies: resource.dependencies,
    propertyDependencies: resource.propertyDependencies,
  };
}
