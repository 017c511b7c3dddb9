/**
 * Whether a statement's conditions limit which resource it reaches: only a positive match of a
 * resource-selecting key on a value that not every resource satisfies does.
 */
import type { ConditionBlock } from './statement';
import { isUnconstrainedResource, WILDCARD_ONLY } from './scope';

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
  'kms:viaservice',
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
