'use strict';
/**
 * Generates the engine's compact data files at install time (root `prepare`, the pack's
 * `postinstall`), so no run pays for parsing the source packages. The engine rebuilds any file
 * that is missing or stale itself, so a failure here only costs start-up time.
 */
const path = require('path');

for (const generator of [
  './build-catalogue.js',
  './build-condition-keys.js',
  './build-managed-policies.js',
]) {
  try {
    require('fs').accessSync(path.join(__dirname, generator));
  } catch {
    continue;
  }
  const { build } = require(generator);
  try {
    console.log(build());
  } catch (err) {
    console.warn(
      `agent-iam: ${generator} failed (${err && err.message}); the engine will build it on first use.`,
    );
  }
}
