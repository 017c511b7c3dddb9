#!/usr/bin/env node
'use strict';
// Run after `npm install` changes package-lock.json.
//
// Some registries (the mirror these machines use among them) do not serve the platform-specific
// optional packages of every dependency, e.g. unrs-resolver's bindings for other systems. npm then
// leaves them out of the lockfile, and `npm ci` refuses the lockfile as out of sync with
// package.json. Listing each missing optional dependency as an optional entry restores the sync;
// `npm ci` skips an optional package it cannot fetch or that does not fit the platform.
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key ? `${key}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    packages[hoisted] = { version, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
);
lock.packages = sorted;
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional entr${added === 1 ? 'y' : 'ies'}`);
