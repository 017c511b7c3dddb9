/**
 * `agent-iam audit FILE [--policy-config FILE] [--json]`: judges what is deployed with the complete
 * policy pack, offline, the way `pulumi policy analyze` judges a stack's state: resource policies on
 * each resource's inputs, stack policies on every resource's outputs, with the same agent
 * detection and config as `check`. FILE is either
 *  - `pulumi stack export` output: the stack's deployed resources, as they are;
 *  - `aws iam get-account-authorization-details` output: the account's roles, customer-managed
 *    policies and users, put in the shape a stack would hold them (`audit/account-resources.ts`).
 * The result has the shape of `check --json`, so `report` and `diff` read it.
 *
 * Exit codes: 0 a complete verdict with no mandatory violation; 1 a mandatory violation; 2 no
 * verdict: FILE or the config cannot be read or is neither format, or no mandatory violation was
 * found but a policy could not read an encrypted secret of the export.
 */
import {
  deployedState,
  judge,
  loadPack,
  loadPolicyConfig,
  looksLikeStackExport,
  PolicyConfigFileError,
  STACK_EXPORT_VERSION,
  StackExportSchema,
  type Diagnostic,
  type EncryptedSecret,
  type LoadedPack,
  type NormalizedPolicyConfig,
  type RecordedResource,
} from '../../offline';
import type { CheckReport } from '../check-report';
import { issueLines, readJsonInput, readProcessStdin, type StdinReader } from '../input';
import type { Io } from '../io';
import { parseCommandLine } from '../options';
import { plural } from '../output';
import { ACCOUNT_PROJECT, accountOf, accountResources } from './audit/account-resources';
import { parseAuthorizationDetails } from './audit/authorization-details';
import { formatJson, formatText } from './check/format';
import { judgedReport } from './check/result';

const USAGE = `Usage: agent-iam audit FILE [--policy-config FILE] [--json]

  FILE                  what is deployed, in one of two formats (told apart by content; "-": stdin):
                        - \`pulumi stack export --show-secrets\`: a stack's state, judged as
                          \`pulumi policy analyze\` judges it (resource policies on inputs, stack
                          policies on outputs)
                        - \`aws iam get-account-authorization-details --output json\`: an account's
                          roles, customer-managed policies and users (with each user's
                          AccessKeyMetadata when merged from \`aws iam list-access-keys\`)
                        Both are judged by every policy of the pack, as \`check\` judges a program.
  --policy-config FILE  policy-pack config, as \`check\` and \`pulumi preview --policy-pack-config\` take
  --json                print the result as one JSON document, in the shape of \`check --json\`
                        (so \`report\` and \`diff\` read it)

Exit codes: 0 a complete verdict with no mandatory violation; 1 a mandatory violation (a shadow,
expired, unowned or over-permissioned agent, a static key, ...); 2 no verdict: FILE or the config is
unreadable or in neither format, or a policy could not read a secret the export holds encrypted.`;

/** What was judged: its resources and how to name it. */
interface Audited {
  kind: 'stack' | 'account';
  project: string;
  stack: string;
  resources: RecordedResource[];
  encrypted: EncryptedSecret[];
}

const FORMATS =
  '`pulumi stack export --show-secrets` output or `aws iam get-account-authorization-details --output json` output';

/** Reads FILE as either format; a message names the file, the field and what was received. */
async function loadAudited(
  file: string,
  readStdin: StdinReader,
): Promise<{ ok: true; value: Audited } | { ok: false; message: string }> {
  const label = file === '-' ? 'standard input' : file;
  const json = await readJsonInput(file, readStdin);
  if (!json.ok) return { ok: false, message: `${json.message} Expected ${FORMATS}.` };
  const raw = json.value;
  if (looksLikeStackExport(raw)) {
    const parsed = StackExportSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        message: [
          `${label}: not a valid \`pulumi stack export\` document (deployment version ${STACK_EXPORT_VERSION}); export it again with \`pulumi stack export --show-secrets --file FILE\`:`,
          ...issueLines(raw, parsed.error.issues),
        ].join('\n'),
      };
    }
    const state = deployedState(parsed.data);
    return { ok: true, value: { kind: 'stack', ...state } };
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'RoleDetailList' in raw) {
    const details = parseAuthorizationDetails(raw, label);
    if (!details.ok) return details;
    return {
      ok: true,
      value: {
        kind: 'account',
        project: ACCOUNT_PROJECT,
        stack: accountOf(details.value),
        resources: accountResources(details.value),
        encrypted: [],
      },
    };
  }
  return {
    ok: false,
    message: `${label}: neither a stack export (no "version" and "deployment") nor an account export (no "RoleDetailList"); expected ${FORMATS}.`,
  };
}

/**
 * Policies whose verdict rests on Vault's configuration, which an account export does not hold:
 * on an account they would report every agent, so they are left to the stack's audit (or check),
 * and the report says so. agent-vault-binding asks which vault.aws.SecretBackendRole targets a role.
 */
const VAULT_SIDE_POLICIES: readonly string[] = ['agent-vault-binding'];

/**
 * The diagnostics that say a policy judged without seeing a value: it could not run on an unknown
 * (the server's "can't run policy"), or it reported an unknown as an advisory (`unknownAtPreview:
 * "advisory"`) on a resource whose secret the export holds encrypted.
 */
function unreadable(diagnostics: Diagnostic[], encrypted: EncryptedSecret[]): Diagnostic[] {
  const blind = new Set(encrypted.map((e) => e.urn));
  return diagnostics.filter(
    (d) =>
      d.enforcementLevel === 'advisory' &&
      (d.message.startsWith("can't run policy '") || (d.urn !== undefined && blind.has(d.urn))),
  );
}

function encryptedWarning(encrypted: EncryptedSecret[]): string[] {
  if (encrypted.length === 0) return [];
  const first = encrypted[0];
  return [
    `the export holds ${plural(encrypted.length, 'secret')} encrypted (the first: ${first.path} of ${first.urn}); a policy that reads one cannot judge it; export with \`pulumi stack export --show-secrets\``,
  ];
}

async function audit(
  audited: Audited,
  label: string,
  pack: LoadedPack,
  policyConfig: NormalizedPolicyConfig,
): Promise<{ report: CheckReport; diagnostics: Diagnostic[] }> {
  const judged = await judge(pack, audited.resources, policyConfig);
  const vaultSide = audited.kind === 'account' ? VAULT_SIDE_POLICIES : [];
  const diagnostics = judged.filter((d) => !vaultSide.includes(d.policyName));
  const notJudged = vaultSide.filter((name) => pack.policies.some((p) => p.name === name));
  const report = judgedReport({
    program: label,
    project: audited.project,
    stack: audited.stack,
    // Deployed: every value is known, as at `pulumi up`.
    mode: 'update',
    pack,
    policyConfig,
    resources: audited.resources,
    diagnostics,
    warnings: [
      ...encryptedWarning(audited.encrypted),
      ...notJudged.map(
        (name) =>
          `${name} is not judged on an account export: it reads Vault's configuration, which the export does not hold; audit the stack's \`pulumi stack export\` for it`,
      ),
    ],
  });
  return { report, diagnostics };
}

export async function runAudit(
  args: string[],
  io: Io,
  readStdin: StdinReader = readProcessStdin,
): Promise<number> {
  const line = parseCommandLine(args, { json: 'flag', 'policy-config': 'value' });
  if ('error' in line) {
    io.err(`agent-iam audit: ${line.error}.\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  if (line.positionals.length !== 1) {
    io.err(`agent-iam audit: expected one FILE, got ${line.positionals.length}.\n\n${USAGE}`);
    return 2;
  }
  const json = line.options.json === true;
  const fail = (kind: string, message: string): number => {
    if (json) io.out(JSON.stringify({ error: { kind, message } }, null, 2));
    io.err(`agent-iam audit: ${message}`);
    return 2;
  };
  const pack = loadPack();
  let policyConfig: NormalizedPolicyConfig;
  try {
    policyConfig = loadPolicyConfig(pack, line.options['policy-config']);
  } catch (err) {
    if (err instanceof PolicyConfigFileError) return fail('policy-config', err.message);
    throw err;
  }
  const file = line.positionals[0];
  const loaded = await loadAudited(file, readStdin);
  if (!loaded.ok) return fail('input', loaded.message);
  const label = file === '-' ? 'standard input' : file;
  let judged: { report: CheckReport; diagnostics: Diagnostic[] };
  try {
    judged = await audit(loaded.value, label, pack, policyConfig);
  } catch (err) {
    // A policy crashed: no verdict. Its stack is kept, as `check` keeps a crash's.
    const e = err as Error;
    io.err(e?.stack ?? String(err));
    return fail('internal', e?.message ?? String(err));
  }
  const { report, diagnostics } = judged;
  if (json) io.out(formatJson(report));
  else {
    const what =
      loaded.value.kind === 'stack'
        ? `Deployed state of stack "${report.stack}" (project "${report.project}") from ${label}`
        : `AWS account ${report.stack} from ${label} (get-account-authorization-details)`;
    io.out(`${what}:`);
    for (const text of formatText(report)) io.out(text);
  }
  if (!report.summary.passed) return 1;
  const blind = unreadable(diagnostics, loaded.value.encrypted);
  if (blind.length > 0) {
    io.err(
      `agent-iam audit: ${label}: no complete verdict: ${plural(blind.length, 'policy', 'policies')} could not read a value (${[...new Set(blind.map((d) => d.policyName))].join(', ')}); export the state with \`pulumi stack export --show-secrets\` so every value can be judged.`,
    );
    return 2;
  }
  return 0;
}
