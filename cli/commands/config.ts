/**
 * `agent-iam config render`: writes the per-policy file `pulumi preview --policy-pack-config` takes
 * from `agent-iam.config.json`, so the Pulumi CLI and the offline check read the same settings.
 *
 * Exit codes: 0 written; 2 the config or the command line is wrong, nothing written.
 */
import * as fs from 'fs';
import {
  AGENT_IAM_CONFIG_FILE,
  loadPack,
  PolicyConfigFileError,
  readPolicyPackDocument,
} from '../../offline';
import type { Io } from '../io';
import { parseCommandLine } from '../options';

const USAGE = `Usage: agent-iam config render [--config FILE] [--out FILE|-]

  --config FILE  the one-document config (default: ${AGENT_IAM_CONFIG_FILE} in the current folder);
                 a per-policy file is checked and written unchanged
  --out FILE|-   where to write the per-policy JSON (default: -, standard output)

Writes one section per policy of the pack: the shared settings, the policy's own level and
overrides, and the exemptions from it. Pass the file to \`pulumi preview --policy-pack-config\`.
Exit codes: 0 written; 2 the config or the command line is wrong (nothing is written).`;

const OPTIONS = { config: 'value', out: 'value' } as const;

export function runConfig(args: string[], io: Io): number {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '-h' || sub === '--help' || sub === 'help') {
    io.out(USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'render') {
    io.err(
      `agent-iam config: unknown subcommand "${sub}"; the one there is is "render".\n\n${USAGE}`,
    );
    return 2;
  }
  const line = parseCommandLine(rest, OPTIONS);
  if ('error' in line) {
    io.err(`agent-iam config render: ${line.error}\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  if (line.positionals.length > 0) {
    io.err(
      `agent-iam config render: unexpected argument "${line.positionals[0]}"; name the file with --config FILE\n\n${USAGE}`,
    );
    return 2;
  }
  const file = line.options.config ?? AGENT_IAM_CONFIG_FILE;
  const out = line.options.out ?? '-';
  let document: Record<string, unknown>;
  try {
    document = readPolicyPackDocument(loadPack(), file);
  } catch (err) {
    if (!(err instanceof PolicyConfigFileError)) throw err;
    io.err(`agent-iam config render: ${err.message}`);
    return 2;
  }
  const text = JSON.stringify(document, null, 2);
  if (out === '-') {
    io.out(text);
    return 0;
  }
  try {
    fs.writeFileSync(out, `${text}\n`);
  } catch (err) {
    io.err(
      `agent-iam config render: --out ${out}: cannot write it (${(err as NodeJS.ErrnoException).code ?? String(err)}); name a file in an existing folder`,
    );
    return 2;
  }
  io.err(`agent-iam config render: wrote ${out} from ${file}.`);
  return 0;
}
