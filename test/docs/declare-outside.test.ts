/**
 * The README's "Declare an agent" works in an adopter's own project, outside this repository:
 * `agent-iam` resolves from the project's `node_modules` to the components, and the check judges
 * the program as written there.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCheckBinary } from '../support/check-binary';
import { REPO_ROOT } from '../support/programs';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

/** The TypeScript block of "Declare an agent", with its dates moved ahead so it never expires. */
function declaredProgram(): string {
  const section = readme.split('## Declare an agent')[1].split('\n## ')[0];
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README "Declare an agent" has no ts block');
  const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return block[1].replace(/'\d{4}-\d{2}-\d{2}'/g, `'${soon}'`);
}

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adopter-'));
  fs.writeFileSync(
    path.join(dir, 'Pulumi.yaml'),
    'name: adopter\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n',
  );
  fs.writeFileSync(path.join(dir, 'index.ts'), declaredProgram());
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules);
  // As `npm install ../agent-iam` would: the package, and the Pulumi SDKs next to it.
  fs.symlinkSync(REPO_ROOT, path.join(modules, 'agent-iam'), 'dir');
  fs.symlinkSync(
    path.join(REPO_ROOT, 'node_modules', '@pulumi'),
    path.join(modules, '@pulumi'),
    'dir',
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the README program imports agent-iam by name', () => {
  expect(declaredProgram()).toContain("from 'agent-iam';");
});

test('it runs outside the repository and passes with its two agents', async () => {
  const run = await runCheckBinary([
    '--program',
    dir,
    '--policy-config',
    path.join(REPO_ROOT, 'agent-iam.config.json'),
    '--json',
  ]);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as {
    inventory: { name: string; runtime?: string }[];
    summary: { mandatory: number };
  };
  expect(report.inventory.map((e) => [e.name, e.runtime])).toEqual([
    ['digest-writer', 'vault'],
    ['ticket-triager', 'vault'],
  ]);
  expect(report.summary.mandatory).toBe(0);
  expect(run.code).toBe(0);
}, 120_000);
