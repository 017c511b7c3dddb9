/** A recorded resource as a stack policy sees it, for reading a program's resources after a run. */
import type { PolicyResource } from '@pulumi/policy';
import { resourceOptions } from './analyzer';
import type { RecordedResource } from './mock-runtime';
import { UNKNOWN, unknownCheckingProxy } from './policy-internals';
import { plainValue } from './wire-props';

/** A recorded resource's outputs as a stack policy sees them: unknowns throw when read. */
export function asPolicyResource(r: RecordedResource): PolicyResource {
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
