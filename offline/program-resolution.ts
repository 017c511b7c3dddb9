/**
 * Module resolution as `pulumi preview` gives a TypeScript program, installed in the program host
 * before the program loads:
 * - NodeNext-style relative imports of `./x.js` load `./x.ts` when only the TypeScript file exists
 *   (ts-node, which Pulumi uses, does the same);
 * - `@pulumi/*` and `agent-iam` resolve from the project's own `node_modules` first, so the
 *   mocked SDK is the very instance the program registers its resources with. When the project has
 *   none, they resolve from agent-iam's own installation.
 */
import * as fs from 'fs';
import Module from 'module';
import * as path from 'path';

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
}

const SHARED_PACKAGES = /^(@pulumi\/[^/]+|agent-iam)(\/.*)?$/;
/** The SDK's own protobuf runtime: messages must be built by the instance the SDK checks against. */
const SDK_PACKAGES = /^google-protobuf(\/.*)?$/;

/** agent-iam's own folder: the package a program imports as `agent-iam`. */
const OWN_ROOT = path.resolve(__dirname, '..');

/** The `@pulumi/*` packages agent-iam installs itself, which a project without them borrows. */
export function lentPackages(): string[] {
  const scope = path.dirname(path.dirname(require.resolve('@pulumi/pulumi/package.json')));
  return fs
    .readdirSync(scope)
    .filter((name) => !name.startsWith('.'))
    .map((name) => `@pulumi/${name}`);
}

export function installProgramResolution(projectDir: string): void {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._resolveFilename;
  const projectRequire = Module.createRequire(path.join(path.resolve(projectDir), 'index.ts'));
  // agent-iam's own installation, for a project that has not installed the package itself.
  const ownRequire = Module.createRequire(__filename);
  const fromProject = new Map<string, string | null>();
  let sdkRequire: NodeJS.Require | null | undefined;
  const sdk = (): NodeJS.Require | null => {
    if (sdkRequire === undefined) {
      const sdkPackage =
        lookUp(projectRequire, '@pulumi/pulumi/package.json') ??
        lookUp(ownRequire, '@pulumi/pulumi/package.json');
      sdkRequire = sdkPackage === null ? null : Module.createRequire(sdkPackage);
    }
    return sdkRequire;
  };
  // `require.resolve` goes through `Module._resolveFilename`, this very hook: a lookup made from
  // inside it must take Node's own resolution, or each one would recurse until the stack overflows.
  let inside = false;
  const lookUp = (from: NodeJS.Require, request: string): string | null => {
    inside = true;
    try {
      return from.resolve(request);
    } catch {
      return null;
    } finally {
      inside = false;
    }
  };
  internals._resolveFilename = function resolve(request, parent, isMain, options) {
    if (inside) return original.call(this, request, parent, isMain, options);
    const shared = SHARED_PACKAGES.test(request);
    if (shared || SDK_PACKAGES.test(request)) {
      let hit = fromProject.get(request);
      if (hit === undefined) {
        const from = shared ? projectRequire : sdk();
        hit = from ? lookUp(from, request) : null;
        if (hit === null) {
          // agent-iam itself, by its own folder (a package cannot require its own name).
          const own = /^agent-iam(\/.*)?$/.exec(request);
          hit = lookUp(ownRequire, own ? path.join(OWN_ROOT, own[1] ?? '') : request);
        }
        fromProject.set(request, hit);
      }
      if (hit) return hit;
    }
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (err) {
      const from = (parent as { filename?: string } | undefined)?.filename;
      if (request.startsWith('.') && request.endsWith('.js') && from) {
        const candidate = path.resolve(path.dirname(from), `${request.slice(0, -3)}.ts`);
        if (fs.existsSync(candidate)) return candidate;
      }
      throw err;
    }
  };
}
