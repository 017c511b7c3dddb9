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
import { lookupAction, type CatalogueAction } from '../catalogue';
import { lazy } from '../memo';
import type { ConditionBlock } from '../statement';

const SESSION_ACTIONS: Readonly<Record<string, { key: string; readOnly: string }>> = {
  's3express:createsession': { key: 's3express:sessionmode', readOnly: 'readonly' },
};

/**
 * The session actions that the condition requires to be read-only: a positive string match (not
 * `…IfExists`, not `ForAllValues:`, both true when the key is absent) whose every value is the
 * read-only mode. Empty without a condition, so a statement pays for this only when it has one;
 * with `among`, only its session actions are considered (those a statement grants).
 */
export function readOnlySessionActions(
  condition: ConditionBlock | undefined,
  among?: { has(action: CatalogueAction): boolean },
): ReadonlySet<CatalogueAction> {
  const out = new Set<CatalogueAction>();
  if (!condition) return out;
  for (const [action, session] of sessionActions()) {
    // Only the session actions of `among` are asked about: the condition is read only for them.
    if (among && !among.has(action)) continue;
    if (requiresReadOnly(condition, session)) out.add(action);
  }
  return out;
}

/** The session actions of the table that the catalogue knows, looked up once. */
const sessionActions = lazy(() =>
  Object.entries(SESSION_ACTIONS).flatMap(([id, session]) => {
    const action = lookupAction(id);
    return action ? [[action, session] as const] : [];
  }),
);

function requiresReadOnly(
  condition: ConditionBlock,
  session: { key: string; readOnly: string },
): boolean {
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
