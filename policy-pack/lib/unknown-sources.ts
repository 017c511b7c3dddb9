/**
 * Where a value unknown at preview comes from. The engine sends a stack policy each resource's
 * `propertyDependencies`: for each input property, the resources its value was computed from
 * (pulumi/pulumi `AnalyzerResource.PropertyDependencies`). A message about an unknown names them,
 * so the author knows which new resource to stop depending on.
 */
import type { PolicyResource } from '@pulumi/policy';

/** `aws:s3/bucketV2:BucketV2 "reports"`: a resource as messages name it. */
export function describeResource(resource: Pick<PolicyResource, 'type' | 'name'>): string {
  return `${resource.type} "${resource.name}"`;
}

/** The resources the top-level property of `path` (`policy`, `tags.agent:owner`) depends on. */
export function sourcesOf(resource: PolicyResource | undefined, path: string): PolicyResource[] {
  if (!resource) return [];
  const property = path.split('.')[0] ?? '';
  const deps = resource.propertyDependencies?.[property];
  return Array.isArray(deps) ? deps.filter((d): d is PolicyResource => !!d) : [];
}

/** `, computed from aws:s3/bucketV2:BucketV2 "reports"` or '' when the engine named none. */
export function computedFrom(sources: readonly (PolicyResource | string)[]): string {
  if (sources.length === 0) return '';
  const names = sources.slice(0, 3).map((s) => (typeof s === 'string' ? s : describeResource(s)));
  const more = sources.length > 3 ? ` and ${sources.length - 3} more` : '';
  return `, computed from ${names.join(', ')}${more}`;
}

/**
 * Where an unknown was read and what it is computed from, as plain text: kept in findings that are
 * compared and copied, where a proxied resource (whose unknown props throw when read) cannot go.
 */
export interface UnknownOrigin {
  /** The resource the value was read from, described (`aws:iam/rolePolicy:RolePolicy "x"`). */
  resource?: string;
  /** The resources the value is computed from, described. */
  sources: string[];
}

export function originOf(
  resource: PolicyResource | undefined,
  path: string,
  sources?: readonly PolicyResource[],
): UnknownOrigin {
  return {
    ...(resource ? { resource: describeResource(resource) } : {}),
    sources: (sources ?? sourcesOf(resource, path)).map(describeResource),
  };
}
