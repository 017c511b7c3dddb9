import * as path from 'path';
import { programLocation } from '../../offline/program-location';
import { runCheckBinary } from '../support/check-binary';
import { removePrograms, writeProgram } from '../support/programs';

const ROOT = path.resolve(__dirname, '..', '..');

function errorWithFrames(...frames: string[]): Error {
  const err = new Error('Agent "x": invalid declaration');
  err.stack = [`Error: ${err.message}`, ...frames.map((f) => `    at ${f}`)].join('\n');
  return err;
}

describe('programLocation', () => {
  test('a declaration error thrown by a component points at the program line that declared it', () => {
    const err = errorWithFrames(
      `Function.validate (${ROOT}/components/agent.ts:210:13)`,
      `new Agent (${ROOT}/components/agent.ts:57:30)`,
      `Object.<anonymous> (${ROOT}/index.ts:94:18)`,
    );
    expect(programLocation(err, ROOT)).toEqual({ file: `${ROOT}/index.ts`, line: 94 });
  });

  test('frames in node_modules and in the checker are never the program’s', () => {
    const err = errorWithFrames(
      `x (${ROOT}/node_modules/@pulumi/pulumi/resource.js:1:1)`,
      `y (${ROOT}/offline/mock-runtime.ts:3:3)`,
      `z (${ROOT}/examples/expired-agent/index.ts:12:5)`,
    );
    expect(programLocation(err, path.join(ROOT, 'examples', 'expired-agent'))).toEqual({
      file: `${ROOT}/examples/expired-agent/index.ts`,
      line: 12,
    });
  });

  test('a JavaScript file Node cannot parse: the file and line Node names above the stack', () => {
    const err = new SyntaxError("Unexpected token ';'");
    err.stack = [
      `${ROOT}/examples/broken/index.js:4`,
      'const x = ;',
      '          ^',
      '',
      "SyntaxError: Unexpected token ';'",
      '    at wrapSafe (node:internal/modules/cjs/loader:1464:18)',
    ].join('\n');
    expect(programLocation(err, path.join(ROOT, 'examples', 'broken'))).toEqual({
      file: `${ROOT}/examples/broken/index.js`,
      line: 4,
    });
    // A package the program imports is not the program's line.
    err.stack = err.stack.replace(
      `${ROOT}/examples/broken/index.js`,
      `${ROOT}/examples/broken/node_modules/x/index.js`,
    );
    expect(programLocation(err, path.join(ROOT, 'examples', 'broken'))).toBeUndefined();
  });

  test('no frame in the project: no location', () => {
    const err = errorWithFrames(`y (${ROOT}/components/agent.ts:3:3)`);
    expect(programLocation(err, ROOT)).toBeUndefined();
  });
});

describe('a syntax error in the program', () => {
  afterAll(removePrograms);

  test.each([
    { case: 'without a tsconfig', files: {} as Record<string, string> },
    {
      case: 'with the project tsconfig',
      files: { 'tsconfig.json': '{"compilerOptions":{"strict":true}}' },
    },
  ])(
    'is reported at its TypeScript line and column, not a line of the transpiled output ($case), exit 2',
    async ({ files }) => {
      const dir = writeProgram({
        ...files,
        'Pulumi.yaml': 'name: typo\nruntime: nodejs\n',
        'index.ts': [
          "import * as aws from '@pulumi/aws';",
          '',
          "const bucket = new aws.s3.Bucket('b');",
          '',
          'const x = ;',
          'const y = ;',
          '',
        ].join('\n'),
      });
      const run = await runCheckBinary(['--program', dir]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `agent-iam check: the program ${dir} failed: index.ts:5:11: Expression expected. (TS1109) (and 1 more); fix the syntax\n`,
      );
    },
  );
});
