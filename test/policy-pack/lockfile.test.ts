/**
 * The pack's own lockfile (`policy-pack/package-lock.json`, for `pulumi policy publish` and for
 * the CI's `npm ci` in the pack) pins the gate's dependencies: every dependency is an exact
 * version, and each resolves to the version the root lockfile resolves, so the pack the offline
 * check runs and the pack Pulumi runs are the same code.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

const packManifest = read('policy-pack/package.json') as { dependencies: Record<string, string> };
const packLock = read('policy-pack/package-lock.json') as {
  packages: Record<string, { version?: string; dependencies?: Record<string, string> }>;
};
const rootLock = read('package-lock.json') as typeof packLock;
const DEPENDENCIES = Object.keys(packManifest.dependencies);

test('the pack depends on exact versions only', () => {
  for (const [name, spec] of Object.entries(packManifest.dependencies)) {
    expect([name, /^\d+\.\d+\.\d+$/.test(spec)]).toEqual([name, true]);
  }
});

test('the lockfile is in sync with the manifest', () => {
  expect(packLock.packages[''].dependencies).toEqual(packManifest.dependencies);
  for (const name of DEPENDENCIES) {
    expect([name, packLock.packages[`node_modules/${name}`]?.version]).toEqual([
      name,
      packManifest.dependencies[name],
    ]);
  }
});

test.each(DEPENDENCIES)('%s is pinned to the version the root lockfile resolves', (name) => {
  const key = `node_modules/${name}`;
  expect(packLock.packages[key]?.version).toBeDefined();
  expect(packLock.packages[key].version).toBe(rootLock.packages[key]?.version);
});
