/**
 * A program that borrows agent-iam's `@pulumi/*` packages is told when its package.json asks for
 * another major version of one of them: the file, the package, the range and the version lent.
 */
import { lentMismatches, lentMismatchWarning, requestedMajor } from '../../offline/lent-versions';
import { removePrograms, writeProgram } from '../support/programs';

afterAll(removePrograms);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AWS = (require('@pulumi/aws/package.json') as { version: string }).version;
const AWS_MAJOR = Number(AWS.split('.')[0]);

test.each([
  { range: '2.22.0', major: 2 },
  { range: '^2.0.2', major: 2 },
  { range: '~3.1', major: 3 },
  { range: '=7.0.0', major: 7 },
  { range: 'v6.1.0', major: 6 },
  { range: '3.x', major: 3 },
  { range: '3', major: 3 },
  { range: 'latest', major: undefined },
  { range: '*', major: undefined },
  { range: '>=6.0.0', major: undefined },
  { range: '^6.0.0 || ^7.0.0', major: undefined },
  { range: '6.0.0 - 7.0.0', major: undefined },
  { range: 'file:../aws', major: undefined },
  { range: 'workspace:*', major: undefined },
])('the range "$range" asks for major $major', ({ range, major }) => {
  expect(requestedMajor(range)).toBe(major);
});

const manifest = (dependencies: Record<string, string>, devDependencies = {}) =>
  JSON.stringify({ name: 'p', dependencies, devDependencies });

test('another major of a lent package, not installed, is named with the version lent', () => {
  const dir = writeProgram(
    { 'package.json': manifest({ '@pulumi/aws': `^${AWS_MAJOR - 1}.0.0`, 'left-pad': '^1.0.0' }) },
    { nodeModules: false },
  );
  const mismatches = lentMismatches(dir);
  expect(mismatches).toEqual([
    {
      packageJson: `${dir}/package.json`,
      name: '@pulumi/aws',
      range: `^${AWS_MAJOR - 1}.0.0`,
      lent: AWS,
    },
  ]);
  expect(lentMismatchWarning(mismatches[0])).toBe(
    `${dir}/package.json: the program asks for @pulumi/aws "^${AWS_MAJOR - 1}.0.0", which is not installed in its folder, and ran with agent-iam's @pulumi/aws ${AWS}, another major version, so what it registers may differ from \`pulumi preview\`; run \`npm install\` in ${dir} to check it with its own.`,
  );
});

test('a devDependency counts; the same major, an open range, or an installed package do not', () => {
  const dev = writeProgram(
    { 'package.json': manifest({}, { '@pulumi/aws': `${AWS_MAJOR + 1}.0.0` }) },
    { nodeModules: false },
  );
  expect(lentMismatches(dev).map((m) => m.name)).toEqual(['@pulumi/aws']);
  const same = writeProgram(
    {
      'package.json': manifest({ '@pulumi/aws': `^${AWS_MAJOR}.0.0`, '@pulumi/pulumi': 'latest' }),
    },
    { nodeModules: false },
  );
  expect(lentMismatches(same)).toEqual([]);
  // Installed in the program's own node_modules (linked to agent-iam's here): nothing is lent.
  const installed = writeProgram({
    'package.json': manifest({ '@pulumi/aws': `^${AWS_MAJOR - 1}.0.0` }),
  });
  expect(lentMismatches(installed)).toEqual([]);
  const none = writeProgram({ 'index.ts': '' }, { nodeModules: false });
  expect(lentMismatches(none)).toEqual([]);
  const broken = writeProgram({ 'package.json': '{ not json' }, { nodeModules: false });
  expect(lentMismatches(broken)).toEqual([]);
});
