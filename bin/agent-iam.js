#!/usr/bin/env node
'use strict';
require('./register-ts');
// Parts of the Pulumi SDK the CLI never runs load on first use (offline/lazy-sdk.ts).
require('../offline/lazy-sdk').deferUnusedSdkModules();
// `agent-iam check | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require('../cli/main')
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      // Only a bug in agent-iam itself reaches here: user mistakes are reported by the commands.
      console.error(err && err.stack ? err.stack : String(err));
      process.exitCode = 2;
    },
  );
