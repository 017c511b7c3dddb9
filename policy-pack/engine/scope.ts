/**
 * What a statement reaches: whether its resources are "any resource", and whether its conditions
 * limit which resource it reaches.
 */
import { catalogue } from './catalogue';
import { matchesGlob } from './glob';
import type { ConditionBlock } from './document';

const WILDCARD_ONLY = /^[*?/:]*$/;

const unconstrainedCache = new Map<string, boolean>();

/**
 * True when a Resource entry reaches every resource of its kind: `*`, or an ARN whose resource
 * part matches some resource type's ARN with any name in every variable slot (`role/*`,
 * `table/*`, `secret:*`, `arn:aws:s3:::*` and `arn:aws:s3:::*` + `/*`,
 * `arn:*:cloudtrail:*:*:trail/*`, `log-group:*:log-stream:*`, `dbuser:*` + `/*`). A policy
 * variable (`user/${aws:username}`) or a literal part of a name (`role/agent-*`) constrains it.
 */
export function isUnconstrainedResource(resource: string): boolean {
  const cached = unconstrainedCache.get(resource);
  if (cached !== undefined) return cached;
  const result = reachesEveryResource(resource.trim());
  if (unconstrainedCache.size < 10_000) unconstrainedCache.set(resource, result);
  return result;
}

function reachesEveryResource(value: string): boolean {
  if (WILDCARD_ONLY.test(value)) return true;
  if (!value.toLowerCase().startsWith('arn:')) return false;
  const parts = value.split(':');
  if (parts.length < 6) return WILDCARD_ONLY.test(parts.slice(1).join(''));
  const service = parts[2].toLowerCase();
  const resourcePart = parts.slice(5).join(':');
  if (WILDCARD_ONLY.test(resourcePart)) return true;
  const templates = catalogue().resourceTemplates.get(service);
  if (!templates) {
    // Unknown or wildcard service: a leading type word followed by wildcards is still "all".
    return /^[a-z0-9-]+[/:][*?/:]*$/i.test(resourcePart);
  }
  return templates.some((template) => matchesGlob(resourcePart, template));
}

/** A NotResource entry that excludes every resource, so the statement applies to none. */
export function excludesEveryResource(notResource: readonly string[]): boolean {
  return notResource.some((r) => WILDCARD_ONLY.test(r.trim()) || /^arn(:[*?]*){4}:[*?]+$/.test(r));
}

/** Condition keys whose value names, or selects by attribute, the resource a request reaches. */
const RESOURCE_SELECTING_KEYS = new Set([
  's3:prefix',
  's3:dataaccesspointarn',
  'dynamodb:leadingkeys',
  'ec2:instanceprofile',
  'ec2:instanceid',
  'ec2:launchtemplate',
  'ec2:vpc',
  'ec2:subnet',
  'ec2:volumeid',
  'ec2:snapshotid',
  'ec2:imageid',
  'ecs:cluster',
  'ecs:service',
  'ecs:task-definition',
  'iam:policyarn',
  'iam:awsservicename',
  'lambda:functionarn',
  'secretsmanager:secretid',
  'redshift:dbuser',
  'redshift:dbname',
  'ssm:resourcetag',
  'cloudwatch:namespace',
  'kms:encryptioncontextkeys',
]);

/** Tag keys of the resource (not of the request or the principal). */
const RESOURCE_TAG = /(^|:)(resourcetag|existingobjecttag|buckettag)\/|^[a-z0-9-]+:[a-z-]+-tag\//;

export function isResourceSelectingKey(key: string): boolean {
  const k = key.toLowerCase();
  if (RESOURCE_TAG.test(k)) return true;
  if (k.startsWith('kms:encryptioncontext:')) return true;
  return RESOURCE_SELECTING_KEYS.has(k);
}

/**
 * Multivalued keys that every request they apply to carries, so `ForAllValues:` (true when the
 * key is absent) still limits the resource: AWS's fine-grained access example for DynamoDB is
 * `ForAllValues:StringEquals` on `dynamodb:LeadingKeys`.
 */
const PRESENT_ON_EVERY_REQUEST = new Set(['dynamodb:leadingkeys']);

/** A condition value that any resource satisfies: only wildcards, or an ARN such as `role/*`. */
function selectsEveryResource(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  return WILDCARD_ONLY.test(v) || (/^arn:/i.test(v) && isUnconstrainedResource(v));
}

/**
 * Whether a condition block limits which resource the statement reaches. Only a positive match
 * of a resource-selecting key on a value that is not all wildcards does. Negated operators are
 * true for every other resource (and when the key is absent); `…IfExists` and `ForAllValues:`
 * are true when the key is absent (but see PRESENT_ON_EVERY_REQUEST); `Null`, `Bool`, IP, date and numeric tests say nothing about
 * which resource.
 */
export function conditionLimitsResources(condition: ConditionBlock | undefined): boolean {
  if (!condition) return false;
  for (const [rawOperator, entries] of Object.entries(condition)) {
    const allValues = /^forallvalues:/i.test(rawOperator);
    const operator = rawOperator.replace(/^(forallvalues|foranyvalue):/i, '');
    if (/ifexists$/i.test(operator)) continue;
    if (/not/i.test(operator)) continue;
    if (!/^(string|arn)/i.test(operator)) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (!isResourceSelectingKey(key)) continue;
      if (allValues && !PRESENT_ON_EVERY_REQUEST.has(key.toLowerCase())) continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) continue;
      if (values.every(selectsEveryResource)) continue;
      return true;
    }
  }
  return false;
}

/**
 * Whether a Deny's Resource patterns cover a granted resource: IAM globbing, the granted value
 * taken literally, so a Deny on `arn:aws:s3:::b/*` covers a grant on `arn:aws:s3:::b/*`.
 */
export function resourceCovered(denied: readonly string[], granted: string): boolean {
  return denied.some((pattern) => pattern === '*' || matchesGlob(pattern, granted));
}
