/**
 * The file a project runs, found as Pulumi's Node.js language host finds it
 * (`@pulumi/pulumi/cmd/run/run.js`): `main` in Pulumi.yaml, else `exports`/`main` in package.json,
 * else the folder's index.js, then index.ts; and the tsconfig it is transpiled with.
 */
import * as path from 'path';
import { ProgramEntryError, resolveProgramEntry, StackConfigError } from '../../offline';
import { removePrograms, writeProgram } from '../support/programs';

afterAll(removePrograms);

const PROJECT = 'name: shop\nruntime: nodejs\n';

test('main in package.json without its extension: as Pulumi, a warning, then Node finds it', () => {
  const dir = writeProgram({
    'Pulumi.yaml': PROJECT,
    'package.json': '{"main":"src/main"}',
    'src/main.ts': '',
    'index.ts': '',
  });
  expect(resolveProgramEntry(dir)).toEqual({
    projectDir: dir,
    programFile: path.join(dir, 'src/main.ts'),
    chosenBy: 'main in package.json',
    warnings: [
      `${path.join(dir, 'package.json')}: main "src/main" is not a file; like \`pulumi preview\`, the check loads the project folder instead, as Node does`,
    ],
  });
});

test.each<{ case: string; files: Record<string, string>; file: string; chosenBy: string }>([
  {
    case: 'main in Pulumi.yaml, a file',
    files: { 'Pulumi.yaml': `${PROJECT}main: infra/app.ts\n`, 'infra/app.ts': '', 'index.ts': '' },
    file: 'infra/app.ts',
    chosenBy: 'main in Pulumi.yaml',
  },
  {
    case: 'main in Pulumi.yaml, a folder with an index.ts',
    files: { 'Pulumi.yaml': `${PROJECT}main: infra/\n`, 'infra/index.ts': '', 'index.ts': '' },
    file: 'infra/index.ts',
    chosenBy: 'main in Pulumi.yaml',
  },
  {
    case: 'main in package.json',
    files: {
      'Pulumi.yaml': PROJECT,
      'package.json': '{"name":"shop","main":"src/main.ts"}',
      'src/main.ts': '',
      'index.ts': '',
    },
    file: 'src/main.ts',
    chosenBy: 'main in package.json',
  },
  {
    case: 'exports in package.json, before main',
    files: {
      'Pulumi.yaml': PROJECT,
      'package.json': '{"main":"index.ts","exports":{".":{"require":"./lib/entry.ts"}}}',
      'lib/entry.ts': '',
      'index.ts': '',
    },
    file: 'lib/entry.ts',
    chosenBy: 'exports["."] in package.json',
  },
  {
    case: 'no main anywhere: index.ts',
    files: { 'Pulumi.yaml': PROJECT, 'package.json': '{"name":"shop"}', 'index.ts': '' },
    file: 'index.ts',
    chosenBy: 'index.ts',
  },
])('$case', ({ files, file, chosenBy }) => {
  const dir = writeProgram(files);
  const entry = resolveProgramEntry(dir);
  expect(entry).toEqual({
    projectDir: dir,
    programFile: path.join(dir, file),
    chosenBy,
    warnings: [],
  });
});

test('a package.json main that does not exist is warned about, and the folder runs instead', () => {
  const dir = writeProgram({
    'Pulumi.yaml': PROJECT,
    'package.json': '{"main":"bin/index.js"}',
    'index.ts': '',
  });
  const entry = resolveProgramEntry(dir);
  expect(entry.programFile).toBe(path.join(dir, 'index.ts'));
  expect(entry.warnings).toEqual([
    `${path.join(dir, 'package.json')}: main "bin/index.js" is not a file; like \`pulumi preview\`, the check loads the project folder instead, as Node does`,
  ]);
});

test('index.js and index.ts side by side: index.js runs, as Node loads it, with a warning', () => {
  const dir = writeProgram({ 'Pulumi.yaml': PROJECT, 'index.js': '', 'index.ts': '' });
  const entry = resolveProgramEntry(dir);
  expect(entry.programFile).toBe(path.join(dir, 'index.js'));
  expect(entry.warnings).toEqual([
    `${dir} has both index.js and index.ts; like \`pulumi preview\`, the check runs index.js`,
  ]);
});

test('a Pulumi.yaml main that names nothing is refused', () => {
  const dir = writeProgram({ 'Pulumi.yaml': `${PROJECT}main: src/\n`, 'index.ts': '' });
  expect(() => resolveProgramEntry(dir)).toThrow(ProgramEntryError);
  expect(() => resolveProgramEntry(dir)).toThrow(
    `${path.join(dir, 'Pulumi.yaml')}: main "src/" names no program (no such file, or a folder without an index.ts or index.js); fix "main" or remove it`,
  );
});

describe('the tsconfig', () => {
  test("the project's tsconfig.json", () => {
    const dir = writeProgram({ 'Pulumi.yaml': PROJECT, 'index.ts': '', 'tsconfig.json': '{}' });
    expect(resolveProgramEntry(dir).tsconfig).toBe(path.join(dir, 'tsconfig.json'));
  });

  test('runtime.options.tsconfig in Pulumi.yaml, as PULUMI_NODEJS_TSCONFIG_PATH', () => {
    const dir = writeProgram({
      'Pulumi.yaml':
        'name: shop\nruntime:\n  name: nodejs\n  options:\n    tsconfig: tsconfig.pulumi.json\n',
      'index.ts': '',
      'tsconfig.json': '{}',
      'tsconfig.pulumi.json': '{}',
    });
    expect(resolveProgramEntry(dir).tsconfig).toBe(path.join(dir, 'tsconfig.pulumi.json'));
  });

  test('a runtime.options.tsconfig that does not exist is refused, as the language host does', () => {
    const dir = writeProgram({
      'Pulumi.yaml': 'name: shop\nruntime:\n  name: nodejs\n  options:\n    tsconfig: nope.json\n',
      'index.ts': '',
    });
    expect(() => resolveProgramEntry(dir)).toThrow(StackConfigError);
    expect(() => resolveProgramEntry(dir)).toThrow(
      `${path.join(dir, 'Pulumi.yaml')}: runtime.options.tsconfig is "nope.json", but ${path.join(dir, 'nope.json')} does not exist; fix the path or remove the option`,
    );
  });

  test('none without a tsconfig.json', () => {
    const dir = writeProgram({ 'Pulumi.yaml': PROJECT, 'index.ts': '' });
    expect(resolveProgramEntry(dir).tsconfig).toBeUndefined();
  });
});
