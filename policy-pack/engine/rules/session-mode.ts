/**
 * Session actions whose statement can require a read-only session: such a grant is a read, not a
 * write.
 *
 * Source: Amazon S3 User Guide, "Authorizing Zonal endpoint API operations with CreateSession"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-create-session.html) and the
 * Service Authorization Reference for Amazon S3 Express: `s3express:CreateSession` opens a session
 * on a directory bucket, and the condition key `s3express:SessionMode` ("ReadOnly" or "ReadWrite")
 * decides whether the session may write. AWS's `ReadOnlyAccess` grants it only with
 * `"StringEquals": {"s3express:SessionMode": "ReadOnly"}`.
 */
import type { CatalogueAction } from '../catalogue';
import type { ConditionBlock } from '../statement';

const SESSION_ACTIONS: Readonly<Record<string, { key: string; readOnly: string }>> = {
  's3express:createsession': { key: 's3express:sessionmode', readOnly: 'readonly' },
};

/**
 * Whether the condition requires a read-only session for this action: a positive string match
 * (not `…IfExists`, not `ForAllValues:`, both true when the key is absent) whose every value is
 * the read-only mode.
 */
export function requiresReadOnlySession(
  action: CatalogueAction,
  condition: ConditionBlock | undefined,
): boolean {
  const session = SESSION_ACTIONS[action.id.toLowerCase()];
  if (!session || !condition) return false;
  for (const [operator, entries] of Object.entries(condition)) {
    if (!/^(foranyvalue:)?stringequals(ignorecase)?$/i.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (key.toLowerCase() !== session.key) continue;
      const values = Array.isArray(value) ? value : [value];
      if (
        values.length > 0 &&
        values.every((v) => typeof v === 'string' && v.toLowerCase() === session.readOnly)
      ) {
        return true;
      }
    }
  }
  return false;
}
