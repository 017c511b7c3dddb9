/**
 * What a hand-written agent's IAM policies allow, as inventory statements: every `Allow`
 * statement of every document the pack gathered for the role (inline, `RolePolicy`, attached
 * customer-managed and AWS managed policies), with the policy it comes from. So `report` lists a
 * hand-written agent's actions and `diff` sees a change of its grants, as for a component agent.
 * A document unknown at preview is left out here; the pack reports it.
 */
import type { PolicySource } from '../../../policy-pack/engine';
import type { GrantStatement } from '../../check-report';

const strings = (value: unknown): string[] | undefined => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
};

function statementsOf(document: unknown): Record<string, unknown>[] {
  if (!document || typeof document !== 'object') return [];
  const raw = (document as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.filter((s): s is Record<string, unknown> => !!s && typeof s === 'object');
}

export function grantedStatements(policies: readonly PolicySource[]): GrantStatement[] {
  const out: GrantStatement[] = [];
  for (const policy of policies) {
    for (const s of statementsOf(policy.document)) {
      if (s.Effect !== 'Allow') continue;
      const notActions = strings(s.NotAction);
      const notResources = strings(s.NotResource);
      const conditions =
        s.Condition && typeof s.Condition === 'object'
          ? (s.Condition as Record<string, unknown>)
          : undefined;
      out.push({
        ...(typeof s.Sid === 'string' && s.Sid ? { sid: s.Sid } : {}),
        source: policy.source,
        // NotAction / NotResource allow everything except what they list.
        actions: notActions ? ['*'] : (strings(s.Action) ?? []),
        ...(notActions ? { notActions } : {}),
        resources: notResources ? ['*'] : (strings(s.Resource) ?? []),
        ...(notResources ? { notResources } : {}),
        ...(conditions ? { conditions } : {}),
      });
    }
  }
  return out;
}
