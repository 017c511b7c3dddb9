/**
 * `agent-iam lint PATH... [--json]`: judges IAM identity-policy documents (files, or folders of
 * `.json` files searched recursively) with the engine, printing each verdict as soon as it is ready.
 *
 * Exit codes: 0 none over-permissioned; 1 one is; 2 one could not be read or is malformed (the
 * others are still judged), or the command line is wrong. 2 wins over 1.
 *
 * Imports only the engine: never `@pulumi/*`, so it starts in milliseconds.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readProcessStdin, type StdinReader } from '../input';
import { BlockOutput, type Io } from '../io';
import { parseCommandLine } from '../options';
import { judgeFile, judgeText, unreadableFile, type LintRecord, type Target } from './lint/record';

const USAGE = `Usage: agent-iam lint PATH... [--json]

  PATH    an IAM policy JSON file, or a folder searched recursively for .json files, or "-":
          one document on standard input
  --json  print one JSON object per document and line:
          {"file","overPermissioned","findings":[...],"agentRules":[...],"problems":[...]}

Exit codes: 0 none over-permissioned or refused for agents; 1 one is over-permissioned, or is
refused for agents (agentRules: an agent lists exact actions); 2 one could not be read or is
malformed (the others are still judged).`;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Names made only of these characters sort the same by UTF-16 code unit as by the collator: in
 * the CLDR root collation order that ICU applies, "-" < "." < digits < letters, as in ASCII, and
 * there is no case to weigh (a property test checks it against the collator).
 */
const CODE_UNIT_ORDERED = /^[a-z0-9.-]*$/;

let collator: Intl.Collator | undefined;

/**
 * @internal `entries` in the order `localeCompare` gives (ECMA-402 defines it as the default
 * collator's). A folder whose names all match `CODE_UNIT_ORDERED` (generated files, such as
 * 0001.json) is sorted by code unit: building the collator loads ICU's collation data, about 8 ms
 * of a run's start.
 */
export function sortByName<T extends { name: string }>(entries: T[]): T[] {
  if (entries.every((e) => CODE_UNIT_ORDERED.test(e.name))) {
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  const byName = (collator ??= new Intl.Collator());
  return entries.sort((a, b) => byName.compare(a.name, b.name));
}

function collect(paths: string[], io: Io): { targets: Target[]; missing: boolean } {
  const targets: Target[] = [];
  let missing = false;
  const walk = (dir: string): void => {
    const entries = sortByName(fs.readdirSync(dir, { withFileTypes: true }));
    // `path.join(dir, name)` for each entry: a name from readdir is never "." or ".." and holds
    // no separator, so joining it to the folder's joined prefix is the same text, and a folder
    // of 1,000 files is not normalised 1,000 times.
    const prefix = path.join(dir, '_').slice(0, -1);
    for (const entry of entries) {
      const full = prefix + entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.name.toLowerCase().endsWith('.json')) {
        targets.push({ file: full, discovered: true });
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      targets.push({ file: p, discovered: false });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      io.err(
        `agent-iam lint: ${p}: no such file or folder; pass a policy .json file or a folder of them.`,
      );
      missing = true;
      continue;
    }
    if (stat.isDirectory()) {
      try {
        walk(p);
      } catch (err) {
        io.err(`agent-iam lint: ${p}: cannot read the folder (${(err as Error).message}).`);
        missing = true;
      }
    } else targets.push({ file: p, discovered: false });
  }
  return { targets, missing };
}

function printHuman(record: LintRecord, io: Io): void {
  if (record.error) {
    io.err(`${record.file}: ${record.error}`);
    return;
  }
  const errors = record.problems.filter((p) => p.severity !== 'warning');
  const status = record.overPermissioned
    ? `over-permissioned (${record.findings.length} finding${record.findings.length === 1 ? '' : 's'})`
    : record.agentRules.length > 0
      ? `refused for agents (${record.agentRules.length} agent rule${record.agentRules.length === 1 ? '' : 's'})`
      : errors.length > 0
        ? 'malformed'
        : 'ok';
  io.out(`${record.file}: ${status}`);
  for (const f of record.findings) io.out(`  ${f.severity} ${f.category}: ${f.message}`);
  for (const r of record.agentRules) io.out(`  ${r.policy}: ${r.message}`);
  for (const p of record.problems) io.out(`  ${p.severity ?? 'error'} ${p.field}: ${p.message}`);
}

export async function runLint(
  args: string[],
  io: Io,
  readStdin: StdinReader = readProcessStdin,
): Promise<number> {
  const line = parseCommandLine(args, { json: 'flag' });
  if ('error' in line) {
    io.err(`agent-iam lint: ${line.error}.\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  const json = line.options.json === true;
  const paths = line.positionals;
  if (paths.length === 0) {
    io.err(`agent-iam lint: no PATH given; pass policy .json files or folders.\n\n${USAGE}`);
    return 2;
  }
  if (paths.filter((p) => p === '-').length > 1) {
    io.err('agent-iam lint: "-" (standard input) can be given once.');
    return 2;
  }
  const output = new BlockOutput(io);
  try {
    return await judgeTargets(paths, json, output, readStdin);
  } finally {
    output.flush();
  }
}

async function judgeTargets(
  paths: string[],
  json: boolean,
  io: Io,
  readStdin: StdinReader,
): Promise<number> {
  const { targets, missing } = collect(paths, io);
  let failed = missing;
  let overPermissioned = 0;
  let refused = 0;
  let malformed = 0;
  let ok = 0;
  let judged = 0;
  const report = (record: LintRecord | undefined): void => {
    if (!record) return;
    judged++;
    const isMalformed =
      record.error !== undefined || record.problems.some((p) => p.severity !== 'warning');
    if (isMalformed) {
      malformed++;
      failed = true;
    }
    if (record.overPermissioned) overPermissioned++;
    else if (record.agentRules.length > 0) refused++;
    if (!isMalformed && !record.overPermissioned && record.agentRules.length === 0) ok++;
    if (json) io.out(JSON.stringify(record));
    else printHuman(record, io);
  };
  for (const target of targets) {
    if (target.file !== '-') {
      report(judgeFile(target));
      continue;
    }
    let text: string;
    try {
      text = await readStdin();
    } catch (err) {
      report(unreadableFile(target.file, err));
      continue;
    }
    report(judgeText(target, text));
  }
  if (judged === 0 && !missing) {
    io.err(`agent-iam lint: no IAM policy documents found in ${paths.join(', ')}.`);
    return 2;
  }
  if (!json) {
    io.out(
      `${judged} document${judged === 1 ? '' : 's'}: ${overPermissioned} over-permissioned, ${refused > 0 ? `${refused} refused for agents, ` : ''}${malformed} malformed or unreadable, ${ok} ok`,
    );
  }
  if (failed) return 2;
  return overPermissioned > 0 || refused > 0 ? 1 : 0;
}
