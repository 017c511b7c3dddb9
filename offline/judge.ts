/**
 * The judge: every policy of the pack against what a program registered, as `pulumi preview
 * --policy-pack` calls the analyzer: `analyze` for each custom resource's inputs, then
 * `analyzeStack` once over every resource's outputs.
 */
import { analyzeResource, analyzeStack, type Diagnostic } from './analyzer';
import { asAnalyzed, type RecordedResource } from './mock-runtime';
import type { NormalizedPolicyConfig } from './normalized-config';
import type { PackUnderTest } from './pack';

/** Every diagnostic of the pack for the recorded resources, `analyze` ones first. */
export function judge(
  pack: PackUnderTest,
  resources: RecordedResource[],
  policyConfig: NormalizedPolicyConfig,
): Promise<Diagnostic[]> {
  return withoutStackTraces(() => analyzeAll(pack, resources, policyConfig));
}

async function analyzeAll(
  pack: PackUnderTest,
  resources: RecordedResource[],
  policyConfig: NormalizedPolicyConfig,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    if (!resource.custom) continue;
    const { diagnostics: found } = await analyzeResource(
      pack,
      asAnalyzed(resource, 'inputs'),
      policyConfig,
    );
    // The engine attributes an `analyze` diagnostic to the resource it was called for.
    diagnostics.push(...found.map((d) => ({ ...d, urn: d.urn ?? resource.urn })));
  }
  const stackResult = await analyzeStack(
    pack,
    resources.map((r) => asAnalyzed(r, 'outputs')),
    policyConfig,
  );
  diagnostics.push(...stackResult.diagnostics);
  return diagnostics;
}

/**
 * Policies read unknown values by catching `UnknownValueError`, thrown once per unknown read;
 * profiling a 300-agent fleet showed capturing those errors' stacks as over half the run. They are
 * never shown, so analysis runs without stacks; if a policy crashes, it runs again with them, so
 * the crash is reported with its stack. Analysis is deterministic, so the rerun fails the same way.
 */
async function withoutStackTraces<T>(analysis: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await analysis();
  } catch {
    Error.stackTraceLimit = limit;
    return await analysis();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
