/**
 * The tags a set of statements lets the principal put on any resource itself. A condition on a
 * resource's tag (`aws:ResourceTag/team`, `iam:ResourceTag/team`) limits which resources a
 * statement reaches only while the principal cannot set that tag: when the same statements also
 * allow a tagging action of the service on every resource, the principal tags whatever it wants
 * to reach, and the tag is a value the caller chooses (like `secretsmanager:SecretId`, see
 * rules/resource-scoping-condition-keys.ts). Source: IAM User Guide, "Define permissions based on
 * attributes with ABAC authorization" and "Controlling access during AWS requests" (an ABAC policy
 * must also control who can change the tags it relies on, with `aws:RequestTag/${TagKey}` and
 * `aws:TagKeys`), https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html;
 * found by judging CloudGoat's `iam_privesc_by_key_rotation` (RhinoSecurityLabs/cloudgoat), whose
 * manager creates access keys for users tagged `developer`, and may tag any user.
 */
import { TAGGING, actionsWithTrait } from './action-traits';
import { ActionSet, patternsSet } from './action-set';
import type { CatalogueAction } from './catalogue';
import {
  conditionNeverHolds,
  conditionScopesActions,
  NO_SELF_TAGGING,
  type SelfTagging,
} from './conditions';
import { matchesGlob } from './glob';
import { SESSION_TAGGING_ACTIONS } from './rules/resource-scoping-condition-keys';
import { excludesEveryResource, isUnconstrainedResource } from './scope';
import type { ParsedStatement } from './statement';

/** Tagging actions the statements allow on every resource, and which tag keys they may set. */
interface TagGrant {
  /** Lower-case service prefix → the tagging actions of that service. */
  byService: Map<string, CatalogueAction[]>;
  /** Patterns of the tag keys it may set (`aws:TagKeys`, `aws:RequestTag/<key>`), or any key. */
  keys: readonly string[] | 'any';
}

function namedActions(statement: ParsedStatement): ActionSet {
  const matched = patternsSet(statement.actions);
  return statement.notAction ? matched.complement() : matched;
}

function valuesOf(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/**
 * The tag keys a tagging statement's condition lets it set: the values of a positive test on
 * `aws:TagKeys`, else the keys of positive tests on `aws:RequestTag/<key>`, else any key. A
 * negated test (`StringNotEquals`) restricts nothing that a gate can count on.
 */
function settableKeys(statement: ParsedStatement): readonly string[] | 'any' {
  const tagKeys: string[] = [];
  const requestTags: string[] = [];
  for (const [operator, entries] of Object.entries(statement.condition ?? {})) {
    const base = operator.toLowerCase().replace(/^(forallvalues|foranyvalue):/, '');
    if (!/^string/.test(base) || base.includes('not')) continue;
    for (const [key, value] of Object.entries(entries)) {
      const k = key.toLowerCase();
      if (k === 'aws:tagkeys') tagKeys.push(...valuesOf(value));
      else if (k.startsWith('aws:requesttag/'))
        requestTags.push(key.slice('aws:requesttag/'.length));
    }
  }
  if (tagKeys.length > 0) return tagKeys;
  return requestTags.length > 0 ? requestTags : 'any';
}

/** A Deny without a condition on every resource takes its actions away from every tag grant. */
function deniedEverywhere(statements: readonly ParsedStatement[]): ActionSet {
  const denied = ActionSet.empty();
  for (const s of statements) {
    if (s.effect !== 'Deny' || s.condition || s.notResource) continue;
    if (s.resources.some((r) => r.trim() === '*')) denied.addAll(namedActions(s));
  }
  return denied;
}

export function selfTaggingOf(statements: readonly ParsedStatement[]): SelfTagging {
  const tagging = actionsWithTrait(TAGGING);
  let denied: ActionSet | undefined;
  const grants: TagGrant[] = [];
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    if (statement.notResource && excludesEveryResource(statement.resources)) continue;
    if (!statement.notResource && !statement.resources.some(isUnconstrainedResource)) continue;
    if (conditionNeverHolds(statement.condition)) continue;
    const actions = namedActions(statement).intersection(tagging);
    if (actions.isEmpty()) continue;
    // Tagging only what it creates (`ec2:CreateAction`) or what is already tagged: not any resource.
    if (conditionScopesActions(statement.condition, actions)) continue;
    denied ??= deniedEverywhere(statements);
    actions.deleteAll(denied);
    const byService = new Map<string, CatalogueAction[]>();
    for (const action of actions) {
      if (SESSION_TAGGING_ACTIONS.has(action.id.toLowerCase())) continue;
      const service = action.service.toLowerCase();
      const list = byService.get(service);
      if (list) list.push(action);
      else byService.set(service, [action]);
    }
    if (byService.size > 0) grants.push({ byService, keys: settableKeys(statement) });
  }
  if (grants.length === 0) return NO_SELF_TAGGING;
  const keyAllowed = (grant: TagGrant, tagKey: string): boolean =>
    grant.keys === 'any' ||
    grant.keys.some((pattern) => matchesGlob(pattern.toLowerCase(), tagKey.toLowerCase()));
  return {
    canSet(tagKey, action) {
      const service = action.service.toLowerCase();
      return grants.some(
        (grant) =>
          keyAllowed(grant, tagKey) &&
          (grant.byService.get(service) ?? []).some((tagger) =>
            tagger.resourceTypes.some((type) => action.resourceTypes.includes(type)),
          ),
      );
    },
    servicesSetting(tagKey) {
      return [
        ...new Set(
          grants.flatMap((grant) => (keyAllowed(grant, tagKey) ? [...grant.byService.keys()] : [])),
        ),
      ];
    },
  };
}
