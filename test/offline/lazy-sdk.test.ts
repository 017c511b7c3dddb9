/**
 * The SDK modules that `deferUnusedSdkModules` defers load on first use and then behave as the
 * SDK's own. Run in a child process: jest's module system does not go through Node's loader.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

const SCRIPT = `
const loaded = (pattern) => Object.keys(require.cache).some((f) => pattern.test(f));
require('./offline/lazy-sdk').deferUnusedSdkModules();
const pulumi = require('@pulumi/pulumi');
const report = { before: { automation: loaded(/automation[\\\\/]index\\.js$/), closure: loaded(/serializeClosure\\.js$/) } };
report.serializeFunction = typeof pulumi.runtime.serializeFunction;
report.closureAfterTypeof = loaded(/serializeClosure\\.js$/);
report.localWorkspace = typeof pulumi.automation.LocalWorkspace;
report.automationAfterUse = loaded(/automation[\\\\/]index\\.js$/);
report.automationKeys = Object.keys(pulumi.automation).includes('LocalWorkspace');
pulumi.runtime.computeCodePaths({}).then((paths) => {
  report.codePaths = paths instanceof Map;
  console.log(JSON.stringify(report));
});
`;

test('the Automation API and closure serialisation load on first use and work as the SDK', () => {
  const run = spawnSync(process.execPath, ['-r', './bin/register-ts.js', '-e', SCRIPT], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual({
    before: { automation: false, closure: false },
    serializeFunction: 'function',
    closureAfterTypeof: false,
    localWorkspace: 'function',
    automationAfterUse: true,
    automationKeys: true,
    codePaths: true,
  });
});
