/** A recorded resource as a stack policy sees it, for reading a program's resources after a run. */
import type { PolicyResource } from '@pulumi/policy';
import { resourceOptions } from './analyzer';
import type { RecordedResource } from './mock-runtime';
import { UNKNOWN, unknownCheckingProxy } from './policy-internals';
import { plainValue } from './wire-props';

function asPolicyResource(r: RecordedResource): PolicyResource {
  const props = unknownCheckingProxy(plainValue(r.outputs, UNKNOWN) as Record<string, unknown>);
  return {
    type: r.type,
    name: r.name,
    urn: r.urn,
    props,
    opts: resourceOptions(),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: (() => undefined) as PolicyResource['asType'],
  };
}

/**
 * Recorded resources' outputs as a stack policy sees them: unknowns throw when read, and
 * dependencies and `propertyDependencies` point at the other resources, as the analyzer server
 * links them.
 */
export function asPolicyResources(records: readonly RecordedResource[]): PolicyResource[] {
  const resources = records.map(asPolicyResource);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const linked = (urns: readonly string[]) =>
    urns.flatMap((u) => {
      const found = byUrn.get(u);
      return found ? [found] : [];
    });
  records.forEach((record, i) => {
    const resource = resources[i];
    resource.dependencies = linked(record.dependencies);
    for (const [key, urns] of Object.entries(record.propertyDependencies)) {
      resource.propertyDependencies[key] = linked(urns);
    }
  });
  return resources;
}
