'use strict';
// The baseline of `npm run bench -- check`: the same generated program under the bare SDK mocks,
// in one plain node process and nothing else (no recording, no isolation, no judging). Run as
// `node --stack-trace-limit=0 -r bin/register-ts.js bench/bare-mocks.js <program dir>`: the
// stack trace limit turns off the SDK's per-promise stack capture (`debuggablePromise` in
// @pulumi/pulumi/runtime/debuggable.js stores `new Error().stack` on every promise it wraps, an
// empty trace at limit 0; the SDK has no setting of its own for it).
const path = require('path');
const dir = path.resolve(process.argv[2]);
const pulumi = require(require.resolve('@pulumi/pulumi', { paths: [dir] }));

async function main() {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args) => args.inputs,
    },
    'bench',
    'dev',
    true,
  );
  await pulumi.runtime.runInPulumiStack(async () => require(path.join(dir, 'index.ts')));
  await pulumi.runtime.disconnect();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
