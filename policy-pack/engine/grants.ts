/**
 * What a set of statements grants, resource by resource, once every explicit Deny that certainly
 * applies has taken its share away.
 */
import { ActionSet, patternsSet } from './action-set';
import type { ParsedStatement } from './statement';
import { conditionNeverHolds, conditionScopesActions, type SelfTagging } from './conditions';
import { creationGrants } from './creation';
import { excludesEveryResource, isUnconstrainedResource, resourceCovered } from './scope';
import { selfTaggingOf } from './self-tagging';

/** What one Allow statement grants on one Resource entry (or on its NotResource complement). */
export interface Grant {
  statement: ParsedStatement;
  actions: ActionSet;
  /** undefined: the statement uses NotResource (everything but `notResources`). */
  resource?: string;
  limitedByCondition: boolean;
  /**
   * Create actions on the resources they create, in a statement that names the pre-existing
   * resources they use: a resource has no name before it exists (see rules/create-actions.ts).
   */
  creation?: boolean;
}

export interface DenyRule {
  /** What it denies: its Action patterns, or everything but its NotAction. Never changed. */
  denied: ActionSet;
  resources: string[];
  notResource: boolean;
}

/** The actions a statement names: its Action patterns, or everything but its NotAction. */
function namedActions(statement: ParsedStatement): ActionSet {
  const matched = patternsSet(statement.actions);
  return statement.notAction ? matched.complement() : matched;
}

export function grantsOf(statements: readonly ParsedStatement[]): Grant[] {
  const grants: Grant[] = [];
  // Which tags the principal can set itself, asked only of a statement whose condition tests a tag.
  let selfTagging: SelfTagging | undefined;
  const tagsSetBySelf = (): SelfTagging => (selfTagging ??= selfTaggingOf(statements));
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    // `NotResource: "*"` applies to no resource, and a condition that never holds to no request:
    // the statement grants nothing.
    if (statement.notResource && excludesEveryResource(statement.resources)) continue;
    if (conditionNeverHolds(statement.condition)) continue;
    const actions = namedActions(statement);
    const limitedByCondition =
      conditionScopesActions(statement.condition, actions) &&
      (!testsResourceTag(statement) ||
        conditionScopesActions(statement.condition, actions, tagsSetBySelf()));
    if (statement.notResource) {
      grants.push({ statement, actions, limitedByCondition });
    } else {
      statement.resources.forEach((resource, i) => {
        // Denies subtract per grant, so each Resource entry needs its own copy (but the first,
        // unless create actions leave it for a grant of their own).
        const created = creationGrants(statement, resource, actions);
        const own = i === 0 && created.isEmpty() ? actions : actions.clone();
        own.deleteAll(created);
        grants.push({ statement, actions: own, resource, limitedByCondition });
        if (!created.isEmpty()) {
          grants.push({
            statement,
            actions: created,
            resource,
            limitedByCondition,
            creation: true,
          });
        }
      });
    }
  }
  return grants;
}

/** Whether a statement's condition tests a resource's tag (`…/ResourceTag/…`, `…-tag/…`). */
function testsResourceTag(statement: ParsedStatement): boolean {
  return Object.values(statement.condition ?? {}).some((entries) =>
    Object.keys(entries).some(
      (key) => /tag\//i.test(key) && !/^aws:(request|principal)tag\//i.test(key),
    ),
  );
}

/** Denies that certainly apply: a Deny with a condition may not apply, so it cancels nothing. */
export function denyRulesOf(statements: readonly ParsedStatement[]): DenyRule[] {
  return statements
    .filter(
      (s) =>
        s.effect === 'Deny' &&
        !s.condition &&
        !(s.notResource && excludesEveryResource(s.resources)),
    )
    .map((s) => ({
      denied: namedActions(s),
      resources: s.resources,
      notResource: s.notResource,
    }));
}

function denyCoversResource(deny: DenyRule, grant: Grant): boolean {
  if (!deny.notResource) {
    if (grant.resource === undefined) return deny.resources.some((r) => r.trim() === '*');
    return resourceCovered(deny.resources, grant.resource);
  }
  // A Deny on everything but some resources covers a grant only when the grant cannot reach them.
  if (grant.resource === undefined || isUnconstrainedResource(grant.resource)) return false;
  const granted = grant.resource;
  return (
    !resourceCovered(deny.resources, granted) &&
    !resourceCovered([granted], deny.resources.join('\n'))
  );
}

/** A Deny with NotResource spares every resource its patterns match: all of this grant's. */
function spares(deny: DenyRule, grant: Grant): boolean {
  return (
    deny.notResource &&
    grant.resource !== undefined &&
    resourceCovered(deny.resources, grant.resource)
  );
}

/**
 * Removes what each Deny cancels. A Deny with NotResource on a grant that reaches any resource
 * leaves the grant only the resources the Deny spares: `Allow s3:GetObject *` with `Deny
 * s3:GetObject NotResource arn:aws:s3:::reports/*` reaches only `reports/*`.
 */
export function subtractDenies(grants: Grant[], denyRules: readonly DenyRule[]): void {
  for (const deny of denyRules) {
    for (const grant of [...grants]) {
      if (spares(deny, grant)) continue;
      if (
        deny.notResource &&
        (grant.resource === undefined || isUnconstrainedResource(grant.resource))
      ) {
        const narrowed = grant.actions.intersection(deny.denied);
        if (narrowed.isEmpty()) continue;
        grant.actions.deleteAll(narrowed);
        for (const spared of deny.resources) {
          if (grant.resource !== undefined && !resourceCovered([grant.resource], spared)) continue;
          grants.push({
            statement: grant.statement,
            actions: narrowed.clone(),
            resource: spared,
            limitedByCondition: grant.limitedByCondition,
            ...(grant.creation ? { creation: true } : {}),
          });
        }
        continue;
      }
      if (!denyCoversResource(deny, grant)) continue;
      grant.actions.deleteAll(deny.denied);
    }
  }
}
