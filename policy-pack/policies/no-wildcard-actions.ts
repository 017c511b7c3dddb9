/**
 * `agent-no-wildcard-actions`: every action an agent is allowed is named exactly, in every document
 * that grants its role permissions, as written. Unlike the other permission policies it does not
 * ask what the wildcard really grants after Denies and the boundary: a wildcard grows silently when
 * AWS adds actions, so it is refused even where a Deny or the permissions boundary caps it today.
 */
import { actionNameProblem, isWildcardPattern, type PolicySource } from '../engine';
import { agentPermissionsPolicy, listSome } from '../lib/permission-policy';

const WILDCARD_NOTE =
  'A wildcard is refused as written, even where a Deny or the permissions boundary narrows it.';

export const agentNoWildcardActions = agentPermissionsPolicy({
  name: 'agent-no-wildcard-actions',
  description:
    'An agent\'s role may not allow wildcard actions (such as "*", "s3:*" or "s3:Get*") or NotAction in any of its policies.',
  severity: 'high',
  remediationSteps:
    'List the exact actions the agent needs, e.g. "s3:GetObject" instead of "s3:*" or "s3:Get*", in every inline, attached and AWS managed policy of its role. Replace an Allow with NotAction by an Allow of the exact actions. Replace an AWS managed policy that uses wildcards by a customer policy with exact actions.',
  violations: (context) => [
    ...context.permissions.permissions.policies.flatMap(wildcardViolations),
    // A statement the engine cannot read is one it cannot judge, in any policy: say so once, here.
    ...context
      .verdict()
      .problems.filter((p) => p.severity === 'error')
      .map((p) => `${p.source ?? 'a policy document'} cannot be judged: ${p.message}`),
  ],
});

/** The Allow statements of one document that use wildcard actions or NotAction. */
export function wildcardViolations(policy: PolicySource): string[] {
  return statementsOf(policy.document).flatMap((statement, index) => {
    if (statement.Effect !== 'Allow') return [];
    const sid =
      typeof statement.Sid === 'string' && statement.Sid ? ` (Sid "${statement.Sid}")` : '';
    const label = `${policy.source} Statement[${index}]${sid}`;
    const out: string[] = [];
    const wildcards = stringsOf(statement.Action).filter(isWildcardPattern);
    if (wildcards.length > 0) {
      const hint =
        actionNameProblem(wildcards[0]) ??
        `"${wildcards[0]}" is a wildcard; list the exact actions`;
      out.push(
        `${label} allows the wildcard action${wildcards.length > 1 ? 's' : ''} ${listSome(wildcards)}: ${hint}. ${WILDCARD_NOTE}`,
      );
    }
    if (statement.NotAction !== undefined) {
      const except = stringsOf(statement.NotAction);
      out.push(
        `${label} allows every action except ${except.length > 0 ? listSome(except) : 'none'} (NotAction): grant the exact actions with "Action" instead.`,
      );
    }
    return out;
  });
}

interface RawStatement {
  Effect?: unknown;
  Sid?: unknown;
  Action?: unknown;
  NotAction?: unknown;
}

/** `Statement` as IAM accepts it: one object or an array of them. */
function statementsOf(document: unknown): RawStatement[] {
  if (!document || typeof document !== 'object') return [];
  const statement = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  return list.map((s) => (s && typeof s === 'object' ? (s as RawStatement) : {}));
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
