#!/usr/bin/env node
'use strict';
require('./register-ts');
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
