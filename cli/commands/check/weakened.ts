/**
 * How the policy-pack config weakens the gate, said on every run. The config file sits in the
 * repository a pull request changes, so whatever lowers the pack's verdicts (a policy made
 * advisory or disabled, `"all": "advisory"`, an exemption, unknowns accepted at preview, a role
 * excused as a known model caller) is
 * reported as a line of its own, in the text output and in `--json` (`weakened`), never silently.
 */
import type { Policy } from '@pulumi/policy';
import { PackConfigSchema } from '../../../policy-pack/lib/config';
import type { NormalizedPolicyConfig, PackUnderTest } from '../../../offline';

const RANK: Record<string, number> = { disabled: 0, advisory: 1, remediate: 2, mandatory: 2 };

function defaultLevel(pack: PackUnderTest, policy: Policy): string {
  return policy.enforcementLevel ?? pack.enforcementLevel ?? 'advisory';
}

export function gateWeakenings(pack: PackUnderTest, config: NormalizedPolicyConfig): string[] {
  const lines: string[] = [];
  for (const policy of pack.policies) {
    const section = config[policy.name];
    const level = section?.enforcementLevel;
    const own = defaultLevel(pack, policy);
    if (level !== undefined && (RANK[level] ?? 2) < (RANK[own] ?? 2)) {
      lines.push(
        level === 'disabled'
          ? `policy ${policy.name} is disabled by the policy-pack config (its default is ${own}).`
          : `policy ${policy.name} is ${level} by the policy-pack config (its default is ${own}): its violations no longer block.`,
      );
    }
    const parsed = PackConfigSchema.safeParse(section?.properties ?? {});
    if (!parsed.success) continue;
    if (parsed.data.unknownAtPreview === 'advisory') {
      lines.push(
        `policy ${policy.name} accepts values unknown at preview as advisories (unknownAtPreview: advisory): they are judged only after \`pulumi up\` created them.`,
      );
    }
    // Only the shadow-AI policy reads the list; a copy in another section excuses nothing.
    const callers =
      policy.name === 'agent-ai-workload-declared' ? parsed.data.knownModelCallers : [];
    for (const caller of callers) {
      lines.push(
        `policy ${policy.name} lets role "${caller.role}" invoke models without being declared as an agent (knownModelCallers): ${caller.reason.replace(/[.\s]+$/, '')}.`,
      );
    }
    for (const e of parsed.data.exemptions) {
      const bound = e.urn ?? `role "${e.roleName}"`;
      lines.push(
        `exemption from ${e.policy} for agent "${e.agent}" (${bound}), approved by ${e.approvedBy} until ${e.expiresOn}: ${e.reason.replace(/[.\s]+$/, '')}.`,
      );
    }
  }
  return lines;
}
