/**
 * The relative-import graph of the source folders, for the architecture test: which module
 * imports which, its cycles, and the imports that cross a layer the wrong way.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Module (path relative to the root, with `/`) → the modules it imports. */
export type ImportGraph = Map<string, string[]>;

const IMPORT =
  /(?:\bimport\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?|\bexport\s+(?:type\s+)?[^'"]*?\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;

/** The relative specifiers a source text imports, re-exports or requires. */
export function relativeImports(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1]);
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolve(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** The graph of every .ts file under `folders` (relative to `root`; absent folders are skipped). */
export function importGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  const key = (file: string) => path.relative(root, file).split(path.sep).join('/');
  for (const file of folders.flatMap((f) => sourceFiles(path.join(root, f)))) {
    const targets = relativeImports(fs.readFileSync(file, 'utf8'))
      .map((s) => resolve(file, s))
      .filter((t): t is string => t !== undefined)
      .map(key);
    graph.set(key(file), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle, once each, as the modules on it with the first repeated at the end. */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const id = [...cycle.slice(0, -1)].sort().join(' ');
        if (!seen.has(id)) {
          seen.add(id);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** A folder that may not import from the others listed. */
export interface LayerRule {
  from: string;
  mayNotImport: string[];
}

/** The lower layers never reach up: the pack is self-contained, the emulator serves the CLI. */
export const LAYER_RULES: LayerRule[] = [
  { from: 'policy-pack/', mayNotImport: ['cli/', 'components/', 'offline/'] },
  { from: 'offline/', mayNotImport: ['cli/'] },
];

/** `from → to` for every import that breaks a rule. */
export function layerViolations(graph: ImportGraph, rules: LayerRule[] = LAYER_RULES): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const rule of rules.filter((r) => from.startsWith(r.from))) {
      for (const to of targets) {
        if (rule.mayNotImport.some((folder) => to.startsWith(folder))) out.push(`${from} → ${to}`);
      }
    }
  }
  return out.sort();
}
