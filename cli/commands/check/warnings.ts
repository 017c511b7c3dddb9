/** Advisory remarks on the check's input: settings that would make policies disagree. */
import { PackConfigSchema } from '../../../policy-pack/lib/config';
import { effectiveLevel, type NormalizedPolicyConfig, type PackUnderTest } from '../../../offline';

/** Settings that decide which roles are agents (`discoverAgents`). */
const AGENT_DETECTION_SETTINGS = ['vaultPrincipalArns', 'tagKeys'] as const;

/** A setting's value as the policies read it (schema defaults applied), comparable as text. */
function detectionValue(key: (typeof AGENT_DETECTION_SETTINGS)[number], value: unknown): string {
  const parsed = PackConfigSchema.shape[key].safeParse(value);
  if (!parsed.success) return JSON.stringify(value) ?? 'undefined';
  const data = parsed.data;
  return JSON.stringify(Array.isArray(data) ? [...new Set(data)].sort() : data);
}

function someNames(names: readonly string[], limit = 3): string {
  const shown = names.slice(0, limit).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

/**
 * One warning per agent-detection setting that the policy-pack config sets differently for
 * different (enabled) policies: each policy finds agents with its own section of the config, so
 * they would then disagree on which roles are agents, and a role could escape some of them.
 */
export function agentDetectionWarnings(
  pack: PackUnderTest,
  policyConfig: NormalizedPolicyConfig,
): string[] {
  const warnings: string[] = [];
  for (const key of AGENT_DETECTION_SETTINGS) {
    const policiesByValue = new Map<string, string[]>();
    for (const policy of pack.policies) {
      if (!policy.configSchema?.properties?.[key]) continue;
      if (effectiveLevel(pack, policy, policyConfig) === 'disabled') continue;
      const value = detectionValue(key, policyConfig[policy.name]?.properties[key]);
      const names = policiesByValue.get(value);
      if (names) names.push(policy.name);
      else policiesByValue.set(value, [policy.name]);
    }
    if (policiesByValue.size < 2) continue;
    const groups = [...policiesByValue].map(([value, names]) => `${value} for ${someNames(names)}`);
    warnings.push(
      `the policy-pack config gives different ${key} to different policies, so they may not agree on which roles are agents: ${groups.join('; ')}. Give every policy the same ${key}.`,
    );
  }
  return warnings;
}
