/**
 * `agent-iam.config.json`: the pack's settings in one document. Shared settings (the pack config
 * schema's keys: `vaultPrincipalArns`, `owners`, `maxLifetimeDays`, ...) are written once at the
 * top; `policies` holds what differs per policy (an enforcement level, or an object with
 * `enforcementLevel` and settings that override the shared ones; `"all"` sets every level).
 * Exemptions are listed once, each naming its policy.
 *
 * Pulumi wants one section per policy (`pulumi preview --policy-pack-config`), so the document is
 * rendered into that shape: every policy's section holds the shared settings, its own overrides and
 * the exemptions from it. The offline check reads the rendered sections exactly as it reads a
 * per-policy file.
 */
import { z } from 'zod';
import { PackConfigSchema } from '../policy-pack/lib/config';
import { fieldPath, valueAt } from './config-paths';
import type { PackUnderTest } from './pack';

/** The file `check` reads from the program's folder when `--policy-config` is not given. */
export const AGENT_IAM_CONFIG_FILE = 'agent-iam.config.json';

/** Thrown for a user's mistake in the file; the message names the file, field, value and fix. */
export class AgentIamConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentIamConfigError';
  }
}

/** A per-policy policy-pack config document, as `pulumi preview --policy-pack-config` takes. */
export type PolicyPackConfigDocument = Record<string, unknown>;

const LEVELS = ['advisory', 'mandatory', 'remediate', 'disabled'] as const;
const Level = z.enum(LEVELS);

/**
 * What one policy may change: its level and any shared setting except exemptions (listed once).
 * The settings' defaults are dropped, so an entry holds only what it sets.
 */
const PolicyOverrideSchema = z
  .object({
    ...Object.fromEntries(
      Object.entries(PackConfigSchema.omit({ exemptions: true }).shape).map(([key, schema]) => [
        key,
        (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional(),
      ]),
    ),
    enforcementLevel: Level.optional(),
  })
  .strict();

/** `"agent-x": "advisory"` is short for `"agent-x": {"enforcementLevel": "advisory"}`. */
const PolicyEntrySchema = z.preprocess(
  (v) => (typeof v === 'string' ? { enforcementLevel: v } : v),
  PolicyOverrideSchema,
);

/** The one zod schema of the file: the pack's schema, strict, plus the per-policy entries. */
function agentIamConfigSchema(pack: PackUnderTest) {
  const names = new Set(pack.policies.map((p) => p.name));
  return PackConfigSchema.extend({
    policies: z
      .record(
        z.string().refine((k) => k === 'all' || names.has(k), {
          message: `not a policy of pack "${pack.name}"`,
        }),
        PolicyEntrySchema,
      )
      .default({})
      .superRefine((entries, ctx) => {
        const all = entries.all;
        if (all === undefined) return;
        for (const key of Object.keys(all)) {
          if (key === 'enforcementLevel') continue;
          ctx.addIssue({
            code: 'custom',
            path: ['all', key],
            message: `"all" takes only an enforcement level; put shared settings at the top level of the file`,
          });
        }
      }),
  })
    .strict()
    .superRefine((config, ctx) => {
      config.exemptions.forEach((e, i) => {
        if (names.has(e.policy)) return;
        ctx.addIssue({
          code: 'custom',
          path: ['exemptions', i, 'policy'],
          message: `not a policy of pack "${pack.name}"`,
        });
      });
    });
}

/**
 * Whether a parsed config file is the one-document form rather than per-policy sections: a
 * per-policy file has only policy names (the pack's, or any `agent-` name) and `all` as keys. A
 * file mixing both is refused.
 */
export function isAgentIamConfig(
  pack: PackUnderTest,
  raw: Record<string, unknown>,
  file: string,
): boolean {
  const names = new Set(pack.policies.map((p) => p.name));
  const keys = Object.keys(raw);
  const sections = keys.filter((k) => k === 'all' || names.has(k) || k.startsWith('agent-'));
  if (sections.length === 0) return true;
  if (sections.length === keys.length) return false;
  const settings = keys.filter((k) => !sections.includes(k));
  throw new AgentIamConfigError(
    `${file}: mixes policy sections (${sections.map((k) => JSON.stringify(k)).join(', ')}) with top-level settings (${settings.map((k) => JSON.stringify(k)).join(', ')}); in ${AGENT_IAM_CONFIG_FILE} put per-policy entries under "policies", e.g. {"vaultPrincipalArns": [...], "policies": {"agent-no-admin": "mandatory"}}`,
  );
}

function describeIssue(
  file: string,
  pack: PackUnderTest,
  raw: unknown,
  issue: z.core.$ZodIssue,
): string[] {
  if (issue.code === 'invalid_key') {
    const key = String(issue.path[issue.path.length - 1]);
    const known = pack.policies.map((p) => p.name).join(', ');
    return [
      `${file}: ${fieldPath(issue.path)}: "${key}" is not a policy of pack "${pack.name}"; use "all" or one of: ${known}`,
    ];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = fieldPath([...issue.path, key]);
      return `${file}: ${where}: unknown setting; remove it or fix its spelling (the settings are the keys of the pack config schema, see README.md "Configuration")`;
    });
  }
  // A level given in short form (`"agent-x": "advise"`) is found at the policy's own key.
  let received = valueAt(raw, issue.path);
  if (received === undefined && issue.path[issue.path.length - 1] === 'enforcementLevel') {
    const parent = valueAt(raw, issue.path.slice(0, -1));
    if (typeof parent === 'string') received = parent;
  }
  const shown = received === undefined ? 'nothing' : JSON.stringify(received);
  const fix =
    issue.path[issue.path.length - 1] === 'enforcementLevel'
      ? `; use one of ${LEVELS.join(', ')}`
      : '';
  return [`${file}: ${fieldPath(issue.path)}: ${issue.message}; received ${shown}${fix}`];
}

/**
 * Validates an `agent-iam.config.json` document with the pack's schema (one zod pass; every
 * problem reported, each naming the file, the field, the value received and the fix) and renders
 * it into the per-policy document Pulumi takes. Throws `AgentIamConfigError`.
 */
export function renderPolicyPackConfig(
  pack: PackUnderTest,
  raw: Record<string, unknown>,
  file: string = AGENT_IAM_CONFIG_FILE,
): PolicyPackConfigDocument {
  const result = agentIamConfigSchema(pack).safeParse(raw);
  if (!result.success) {
    throw new AgentIamConfigError(
      result.error.issues.flatMap((issue) => describeIssue(file, pack, raw, issue)).join('\n'),
    );
  }
  // The sections carry the file's own values, not the schema's defaults: the pack fills those in
  // itself, as it does for a hand-written per-policy file.
  const { policies: rawPolicies, exemptions: rawExemptions, ...shared } = raw;
  const entries = (rawPolicies ?? {}) as Record<string, unknown>;
  const exemptions = (rawExemptions ?? []) as { policy: string }[];
  const out: PolicyPackConfigDocument = {};
  const all = entries.all;
  if (all !== undefined) out.all = structuredClone(all);
  for (const policy of pack.policies) {
    const entry = entries[policy.name];
    const override = typeof entry === 'string' ? { enforcementLevel: entry } : (entry ?? {});
    const own = exemptions.filter((e) => e.policy === policy.name);
    out[policy.name] = {
      ...structuredClone(shared),
      ...structuredClone(override as Record<string, unknown>),
      ...(own.length > 0 ? { exemptions: structuredClone(own) } : {}),
    };
  }
  return out;
}
