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

export function installProgramResolution(projectDir: string): void {
  const internals = Module as unknown as ModuleInternals;
  const original = internals._resolveFilename;
  const projectRequire = Module.createRequire(path.join(path.resolve(projectDir), 'index.ts'));
  const fromProject = new Map<string, string | null>();
  let sdkRequire: NodeJS.Require | null | undefined;
  const sdk = (): NodeJS.Require | null => {
    if (sdkRequire === undefined) {
      try {
        sdkRequire = Module.createRequire(projectRequire.resolve('@pulumi/pulumi/package.json'));
      } catch {
        sdkRequire = null;
      }
    }
    return sdkRequire;
  };
  internals._resolveFilename = function resolve(request, parent, isMain, options) {
    const shared = SHARED_PACKAGES.test(request);
    if (shared || SDK_PACKAGES.test(request)) {
      let hit = fromProject.get(request);
      if (hit === undefined) {
        try {
          const from = shared ? projectRequire : sdk();
          hit = from ? from.resolve(request) : null;
        } catch {
          hit = null;
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
