/**
 * Defers the parts of `@pulumi/pulumi` that its entry modules load eagerly and the check never
 * runs: the Automation API (`pulumi.automation`, which loads npm's arborist, pacote and sigstore)
 * and closure serialisation (`pulumi.runtime.serializeFunction` and `computeCodePaths`, which load
 * the TypeScript compiler). Profiling the check of a 1,000-agent fleet showed loading them as
 * about 0.9 s of CPU in each of its two processes (the judge loads the SDK through
 * `@pulumi/policy`, the program host through the program). They are loaded on first use instead:
 * a program that does use them gets the same functions and values.
 *
 * Installed by `bin/agent-iam.js` and by the program host before the SDK loads; only requests from
 * the SDK's own `index.js` and `runtime/index.js` are deferred, whichever copy of the SDK it is.
 */
import Module from 'module';
import * as path from 'path';

interface ModuleLoader {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

/**
 * Per SDK entry module (path suffix), the requests deferred, each with the names that entry reads
 * from the module while it loads: those are answered with functions that load it on first call.
 */
const DEFERRED: Record<string, Record<string, readonly string[]>> = {
  [path.join('@pulumi', 'pulumi', 'index.js')]: { './automation': [] },
  [path.join('@pulumi', 'pulumi', 'runtime', 'index.js')]: {
    './closure/serializeClosure': ['serializeFunctionAsync', 'serializeFunction'],
    './closure/codePaths': ['computeCodePaths'],
  },
};

let installed = false;

export function deferUnusedSdkModules(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as ModuleLoader;
  const original = loader._load;
  loader._load = function load(request, parent, isMain) {
    const from = parent?.filename;
    if (from !== undefined) {
      for (const [suffix, requests] of Object.entries(DEFERRED)) {
        const functions = requests[request];
        if (functions && from.endsWith(suffix)) {
          return deferred(functions, () => original.call(loader, request, parent, false));
        }
      }
    }
    return original.call(this, request, parent, isMain);
  };
}

/** A stand-in for a module's exports that loads the module on first use and forwards to it. */
function deferred(functions: readonly string[], loadModule: () => unknown): object {
  let loaded: object | undefined;
  const real = (): object => (loaded ??= loadModule() as object);
  const stubs = new Map<PropertyKey, unknown>(
    functions.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]): unknown {
        const fn = (real() as Record<string, (...a: unknown[]) => unknown>)[name];
        return fn.apply(this, args);
      },
    ]),
  );
  return new Proxy(
    {},
    {
      get: (_target, key) => {
        // The SDK's `__importStar` keeps an ES module's exports object as it is.
        if (key === '__esModule') return true;
        if (loaded === undefined && stubs.has(key)) return stubs.get(key);
        return Reflect.get(real(), key);
      },
      has: (_target, key) => key === '__esModule' || Reflect.has(real(), key),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
        // A proxy may not report a property its (empty) target lacks as non-configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
      set: (_target, key, value) => Reflect.set(real(), key, value),
    },
  );
}
