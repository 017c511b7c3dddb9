import * as path from 'path';
import { programLocation } from '../../offline/program-location';

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

  test('no frame in the project: no location', () => {
    const err = errorWithFrames(`y (${ROOT}/components/agent.ts:3:3)`);
    expect(programLocation(err, ROOT)).toBeUndefined();
  });
});
