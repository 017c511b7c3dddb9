/**
 * `pulumi policy publish` packs only the `policy-pack/` folder, so nothing in it may reach outside
 * it, and every package it imports must be one of its own dependencies.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';

const PACK_DIR = path.resolve(__dirname, '..', '..', 'policy-pack');
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|js)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
}

const files = sourceFiles(PACK_DIR);
const packDependencies = Object.keys(
  JSON.parse(fs.readFileSync(path.join(PACK_DIR, 'package.json'), 'utf8')).dependencies ?? {},
);
const builtins = new Set(builtinModules);

describe('policy-pack is self-contained', () => {
  test('it has source files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  test('no relative import leaves the policy-pack folder', () => {
    const escaping = files.flatMap((file) =>
      importsOf(file)
        .filter((s) => s.startsWith('.'))
        .filter((s) => !path.resolve(path.dirname(file), s).startsWith(PACK_DIR + path.sep))
        .map((s) => `${path.relative(PACK_DIR, file)} imports ${s}`),
    );
    expect(escaping).toEqual([]);
  });

  test('every package it imports is a dependency in policy-pack/package.json', () => {
    const missing = files.flatMap((file) =>
      importsOf(file)
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
        .map(packageName)
        .filter((name) => !builtins.has(name) && !packDependencies.includes(name))
        .map((name) => `${path.relative(PACK_DIR, file)} imports ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
