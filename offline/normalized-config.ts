/**
 * A policy-pack config as the Pulumi CLI hands it to the analyzer: each policy's enforcement level
 * and properties, with the defaults of the policy's config schema filled in.
 */
import type { EnforcementLevel, Policy } from '@pulumi/policy';
import type { PackUnderTest } from './pack';

/** Policy-pack config after the CLI has normalised the config file. */
export type NormalizedPolicyConfig = Record<
  string,
  { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }
>;

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  'advisory',
  'mandatory',
  'remediate',
  'disabled',
];

/** Thrown by a user-facing config problem; the CLI prints its message without a stack. */
export class PolicyConfigError extends Error {}

/**
 * Normalises a policy-pack config file the way `pulumi preview --policy-pack-config` does: a policy
 * key may hold an enforcement level or an object with `enforcementLevel` and properties; `all` sets
 * the level of every policy. Property defaults come from each policy's `configSchema`.
 */
export function normalizePolicyConfig(
  pack: PackUnderTest,
  file: Record<string, unknown> = {},
  source = 'policy config',
): NormalizedPolicyConfig {
  const byName = new Map(pack.policies.map((p) => [p.name, p]));
  const allLevel = levelOf(file.all, `${source}: "all"`);
  const out: NormalizedPolicyConfig = {};
  for (const key of Object.keys(file)) {
    if (key !== 'all' && !byName.has(key)) {
      throw new PolicyConfigError(
        `${source}: "${key}" is not a policy of pack "${pack.name}"; known policies: ${[...byName.keys()].join(', ')}`,
      );
    }
  }
  for (const policy of pack.policies) {
    const raw = file[policy.name];
    let enforcementLevel = allLevel;
    let properties: Record<string, unknown> = {};
    if (typeof raw === 'string') {
      enforcementLevel = levelOf(raw, `${source}: "${policy.name}"`);
    } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      const { enforcementLevel: level, ...rest } = raw as Record<string, unknown>;
      if (level !== undefined)
        enforcementLevel = levelOf(level, `${source}: "${policy.name}".enforcementLevel`);
      properties = rest;
    } else if (raw !== undefined) {
      throw new PolicyConfigError(
        `${source}: "${policy.name}" must be an enforcement level or an object, received ${JSON.stringify(raw)}`,
      );
    }
    out[policy.name] = { enforcementLevel, properties: withSchemaDefaults(policy, properties) };
  }
  return out;
}

function levelOf(value: unknown, where: string): EnforcementLevel | undefined {
  if (value === undefined) return undefined;
  const level =
    value && typeof value === 'object'
      ? (value as { enforcementLevel?: unknown }).enforcementLevel
      : value;
  if (typeof level === 'string' && (ENFORCEMENT_LEVELS as readonly string[]).includes(level)) {
    return level as EnforcementLevel;
  }
  throw new PolicyConfigError(
    `${where}: enforcement level ${JSON.stringify(level)} is not one of ${ENFORCEMENT_LEVELS.join(', ')}`,
  );
}

/** The Pulumi CLI fills in each top-level property's `default` from the policy's config schema. */
function withSchemaDefaults(
  policy: Policy,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const schemaProps = policy.configSchema?.properties ?? {};
  const out = { ...properties };
  for (const [key, schema] of Object.entries(schemaProps)) {
    const def = (schema as { default?: unknown }).default;
    if (out[key] === undefined && def !== undefined) out[key] = structuredClone(def);
  }
  return out;
}

/** The level a policy runs at: the config's, else the policy's, else the pack's, else advisory. */
export function effectiveLevel(
  pack: PackUnderTest,
  policy: Policy,
  config: NormalizedPolicyConfig,
): EnforcementLevel {
  return (
    config[policy.name]?.enforcementLevel ||
    policy.enforcementLevel ||
    pack.enforcementLevel ||
    'advisory'
  );
}
