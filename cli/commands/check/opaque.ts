/**
 * Remote (multi-language) components: awsx 3's `FargateService`, `lb`, `ecr` and the like are
 * registered with `remote: true` and built by their provider plugin, which the mock engine does not
 * run, so the roles and policies inside them are never registered offline and never judged. Each is
 * listed every run; one that the policy config's `opaqueComponents` does not acknowledge (by type
 * and name, with a reason) fails the gate.
 */
import { PackConfigSchema, type OpaqueComponentAck } from '../../../policy-pack/lib/config';
import type { NormalizedPolicyConfig, RecordedResource } from '../../../offline';
import type { OpaqueComponent } from '../../check-report';

/** Every section accepts `opaqueComponents`; the check reads them all. */
function acknowledgements(config: NormalizedPolicyConfig): OpaqueComponentAck[] {
  const seen = new Map<string, OpaqueComponentAck>();
  for (const section of Object.values(config)) {
    const parsed = PackConfigSchema.safeParse(section.properties);
    if (!parsed.success) continue;
    for (const ack of parsed.data.opaqueComponents) {
      const key = JSON.stringify([ack.type, ack.name]);
      if (!seen.has(key)) seen.set(key, ack);
    }
  }
  return [...seen.values()];
}

export function opaqueComponents(
  resources: RecordedResource[],
  config: NormalizedPolicyConfig,
): { components: OpaqueComponent[]; warnings: string[] } {
  const acks = acknowledgements(config);
  const used = new Set<OpaqueComponentAck>();
  const components = resources
    .filter((r) => r.remote === true)
    .map((r): OpaqueComponent => {
      const ack = acks.find((a) => a.type === r.type && a.name === r.name);
      if (ack) used.add(ack);
      return {
        type: r.type,
        name: r.name,
        urn: r.urn,
        ...(ack ? { acknowledged: ack.reason } : {}),
      };
    });
  const warnings = acks
    .filter((a) => !used.has(a))
    .map(
      (a) =>
        `the policy config acknowledges the remote component ${a.type} "${a.name}" (opaqueComponents), but the program registers none by that type and name; remove the entry or fix it`,
    );
  return { components, warnings };
}
