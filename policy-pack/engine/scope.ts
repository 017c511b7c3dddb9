/**
 * What a statement's resources reach: whether a Resource entry is "any resource", whether a
 * NotResource excludes everything, and whether one resource pattern covers another.
 */
import { TEMPLATE_SLOT } from './build-catalogue';
import { catalogue } from './catalogue';
import { matchesGlob } from './glob';
import { memoize } from './memo';
import { parseArnPattern, withVariablesResolved } from './resource-pattern';
import { RESOURCE_NAME_FORMATS, type ResourceNameFormat } from './rules/resource-name-formats';

/** A resource value of wildcards and separators only, e.g. `*` or `*:*`. */
export const WILDCARD_ONLY = /^[*?/:]*$/;
const WILDCARDS = /^[*?]+$/;

const reachesEveryResourceMemo = memoize(
  (resource: string) => reachesEveryResource(withVariablesResolved(resource.trim())),
  { limit: 10_000 },
);

/**
 * True when a Resource entry reaches every resource of its kind: `*`; an ARN whose resource part
 * matches some resource type's ARN with any name in every variable slot (`role/*`, `table/*`,
 * `secret:*`, `arn:*:cloudtrail:*:*:trail/*`, `log-group:*:log-stream:*`); an ARN whose first
 * name, the container's, is only wildcards (the bucket in `arn:aws:s3:::*` + `/*.*`); or a name
 * made only of wildcards and the characters AWS itself puts in every name of the type
 * (`secret:*-??????`, `key/*-*`, `role/*` + `/*`, see rules/resource-name-formats.ts). A policy
 * variable narrows nothing by itself (`${aws:PrincipalAccount}`), except one that names the caller
 * (`user/${aws:username}`); a literal part of a name (`role/agent-*`) constrains.
 */
export function isUnconstrainedResource(resource: string): boolean {
  return reachesEveryResourceMemo(resource);
}

function reachesEveryResource(value: string): boolean {
  if (WILDCARD_ONLY.test(value)) return true;
  if (!/^arn:/i.test(value)) return false;
  const arn = parseArnPattern(value);
  if (!arn) {
    // `arn:aws:*`, `arn:aws:s3:*`: a trailing star runs across the parts that are not written.
    const last = value.slice(value.lastIndexOf(':') + 1);
    return last.includes('*') && WILDCARD_ONLY.test(last);
  }
  if (WILDCARD_ONLY.test(arn.resource)) return true;
  const templates = catalogue().resourceTemplates.get(arn.service);
  if (!templates) {
    // Unknown or wildcard service: a leading type word followed by wildcards is still "all".
    return /^[a-z0-9-]+[/:][*?/:]*$/i.test(arn.resource);
  }
  return (
    templates.some(
      (template) =>
        matchesGlob(arn.resource, template) || containerIsWildcards(arn.resource, template),
    ) ||
    RESOURCE_NAME_FORMATS.some(
      (format) => format.service === arn.service && namesNoResource(arn.resource, format),
    )
  );
}

/**
 * A template of two names or more (`SLOT/SLOT`, `table/SLOT/index/SLOT`) whose first name, the
 * container, the pattern fills with wildcards only: it reaches into every container.
 */
function containerIsWildcards(resource: string, template: string): boolean {
  const first = template.indexOf(TEMPLATE_SLOT);
  if (first === -1) return false;
  const afterFirst = first + TEMPLATE_SLOT.length;
  const second = template.indexOf(TEMPLATE_SLOT, afterFirst);
  if (second === -1) return false;
  const head = template.slice(0, first);
  const separator = template.slice(afterFirst, second);
  if (separator === '' || resource.slice(0, head.length).toLowerCase() !== head) return false;
  const at = resource.indexOf(separator, head.length);
  return at > head.length && WILDCARDS.test(resource.slice(head.length, at));
}

/** A name of wildcards and the type's structural characters only, that matches a real name. */
function namesNoResource(resource: string, format: ResourceNameFormat): boolean {
  if (resource.slice(0, format.prefix.length).toLowerCase() !== format.prefix) return false;
  const name = resource.slice(format.prefix.length);
  if (name === '') return false;
  for (const ch of name) {
    if (ch !== '*' && ch !== '?' && !format.structural.includes(ch)) return false;
  }
  return format.examples.some((example) => matchesGlob(name, example, { caseSensitive: true }));
}

/** A NotResource entry that excludes every resource, so the statement applies to none. */
export function excludesEveryResource(notResource: readonly string[]): boolean {
  return notResource.some((r) => WILDCARD_ONLY.test(r.trim()) || /^arn(:[*?]*){4}:[*?]+$/.test(r));
}

/**
 * Whether a Deny's Resource patterns cover a granted resource: IAM globbing, the granted value
 * taken literally, so a Deny on `arn:aws:s3:::b/*` covers a grant on `arn:aws:s3:::b/*`.
 */
export function resourceCovered(denied: readonly string[], granted: string): boolean {
  return denied.some((pattern) => pattern === '*' || matchesGlob(pattern, granted));
}
