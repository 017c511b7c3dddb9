/**
 * Suspension, the kill switch: a suspended agent's role keeps one inline policy that denies every
 * action on every resource, with the deny the IAM console writes to revoke active sessions (IAM
 * User Guide, "Revoking IAM role temporary security credentials": Deny `*` on `*` when
 * `aws:TokenIssueTime` is before a time). An explicit Deny overrides every Allow, also of sessions
 * already issued, on their next request. The components write this document and the pack
 * recognises it: one home for both.
 */
import { dayAfter } from './expiry';
import { parseIsoDate } from '../conventions';
import { asArray, documentStatements } from '../../engine/element-names';

/** The inline policy's name on a suspended agent's role. */
export const SUSPENSION_POLICY_NAME = 'agent-suspended';

/** The moment an agent's expiry date ends: midnight UTC after it. */
export function expiryEnd(expiresOn: string): string {
  const date = parseIsoDate(expiresOn);
  return date ? `${dayAfter(date, 1)}T00:00:00Z` : `${expiresOn}T23:59:59Z`;
}

/**
 * The suspended role's only inline policy. Sessions issued before the end of the agent's expiry
 * date are revoked: a fixed time, so that the document does not change from run to run.
 */
export function suspensionDocument(expiresOn: string) {
  return {
    Version: '2012-10-17' as const,
    Statement: [
      { Sid: 'AgentSuspended', Effect: 'Deny' as const, Action: '*', Resource: '*' },
      {
        Sid: 'RevokeOlderSessions',
        Effect: 'Deny' as const,
        Action: '*',
        Resource: '*',
        Condition: { DateLessThan: { 'aws:TokenIssueTime': expiryEnd(expiresOn) } },
      },
    ],
  };
}

/** Whether a policy document denies every action on every resource, without condition. */
export function deniesEverything(document: unknown): boolean {
  return documentStatements(document).some((st) => {
    const all = (v: unknown) => asArray(v).includes('*');
    return (
      st.Effect === 'Deny' &&
      st.Condition === undefined &&
      st.NotAction === undefined &&
      st.NotResource === undefined &&
      all(st.Action) &&
      all(st.Resource)
    );
  });
}
