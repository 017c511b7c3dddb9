/**
 * The module boundaries: no import cycle anywhere in the source, and no layer reaching up (the
 * pack never imports the components, the emulator or the CLI; the emulator never the CLI).
 */
import * as path from 'path';
import {
  findCycles,
  importGraph,
  layerViolations,
  relativeImports,
  type ImportGraph,
} from './support/import-graph';

const ROOT = path.join(__dirname, '..');
const FOLDERS = ['components', 'policy-pack', 'offline', 'cli'];

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('the source tree', () => {
  const graph = importGraph(ROOT, FOLDERS);

  test('is read: every folder that exists has modules, and imports resolve', () => {
    expect(graph.get('components/agent.ts')).toContain('components/declaration/index.ts');
    expect(graph.get('policy-pack/index.ts')).toContain('policy-pack/pack.ts');
  });

  test('has no import cycle', () => {
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  test('has no import from a lower layer into a higher one', () => {
    expect(layerViolations(graph)).toEqual([]);
  });
});

describe('the checks fail when they should', () => {
  test('relative imports, re-exports, type imports and requires are all read', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "export * from './d';",
      "import './e';",
      "const f = require('./f');",
      "const g = await import('./g');",
      "import * as fs from 'fs';",
      "import {\n  h,\n  i,\n} from './h';",
    ].join('\n');
    expect(relativeImports(source)).toEqual([
      './a',
      '../b',
      './c',
      './d',
      './e',
      './f',
      './g',
      './h',
    ]);
  });

  test.each<{ case: string; edges: Record<string, string[]>; cycles: string[] }>([
    { case: 'a cycle of two', edges: { a: ['b'], b: ['a'] }, cycles: ['a → b → a'] },
    {
      case: 'a cycle of three behind an entry',
      edges: { entry: ['x'], x: ['y'], y: ['z'], z: ['x'] },
      cycles: ['x → y → z → x'],
    },
    { case: 'a module importing itself', edges: { self: ['self'] }, cycles: ['self → self'] },
    {
      case: 'a diamond, which is no cycle',
      edges: { a: ['b', 'c'], b: ['d'], c: ['d'] },
      cycles: [],
    },
  ])('$case', ({ edges, cycles }) => {
    expect(findCycles(graphOf(edges)).map((c) => c.join(' → '))).toEqual(cycles);
  });

  test('an import from the pack into the components, the emulator or the CLI is refused', () => {
    const graph = graphOf({
      'policy-pack/lib/a.ts': ['components/agent.ts', 'policy-pack/engine/index.ts'],
      'policy-pack/b.ts': ['cli/lint.ts', 'offline/runner.ts'],
      'offline/runner.ts': ['cli/main.ts', 'policy-pack/index.ts'],
      'cli/main.ts': ['offline/runner.ts', 'components/index.ts', 'policy-pack/index.ts'],
    });
    expect(layerViolations(graph)).toEqual([
      'offline/runner.ts → cli/main.ts',
      'policy-pack/b.ts → cli/lint.ts',
      'policy-pack/b.ts → offline/runner.ts',
      'policy-pack/lib/a.ts → components/agent.ts',
    ]);
  });
});
