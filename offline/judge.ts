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

let overlapping = 0;
let limitBefore = Error.stackTraceLimit;

/** Judging that starts while the program still runs: `analyze` as each resource arrives. */
export interface Judging {
  /** A resource the program registered, in registration order. */
  add(resource: RecordedResource): void;
  /** Every diagnostic, as `judge` gives them, once the run is complete with `resources`. */
  finish(resources: RecordedResource[]): Promise<Diagnostic[]>;
  /** The run failed: nothing is judged (the stack trace limit is restored). */
  abandon(): void;
}

/**
 * `judge`, with the `analyze` calls made as the resources arrive, so that they overlap the program
 * host's run (the machine has two cores). Within the run, stacks are off as in `judge`. If a policy
 * crashes, `finish` judges everything again through `judge`, which reports the crash with its stack.
 */
export function startJudging(pack: PackUnderTest, policyConfig: NormalizedPolicyConfig): Judging {
  // Two judgings may overlap (a preview and its run with every output known): the limit in force
  // before the first is the one restored after the last.
  if (overlapping++ === 0) limitBefore = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const diagnostics: Diagnostic[] = [];
  let crashed = false;
  let analyzed = 0;
  let queue: Promise<void> = Promise.resolve();
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    if (--overlapping === 0) Error.stackTraceLimit = limitBefore;
  };
  return {
    add(resource) {
      if (!resource.custom) return;
      queue = queue.then(async () => {
        if (crashed) return;
        try {
          diagnostics.push(...(await analyzeCustom(pack, resource, policyConfig)));
          analyzed++;
        } catch {
          crashed = true;
        }
      });
    },
    async finish(resources) {
      try {
        await queue;
        const custom = resources.filter((r) => r.custom).length;
        if (!crashed && analyzed === custom) {
          const stackResult = await analyzeStack(
            pack,
            resources.map((r) => asAnalyzed(r, 'outputs')),
            policyConfig,
          );
          return [...diagnostics, ...stackResult.diagnostics];
        }
      } catch {
        // judged again below, with stacks
      } finally {
        restore();
      }
      return judge(pack, resources, policyConfig);
    },
    abandon: restore,
  };
}

/**
 * `analyze` of one custom resource: the engine attributes each diagnostic to the resource it was
 * called for.
 */
async function analyzeCustom(
  pack: PackUnderTest,
  resource: RecordedResource,
  policyConfig: NormalizedPolicyConfig,
): Promise<Diagnostic[]> {
  const { diagnostics: found } = await analyzeResource(
    pack,
    asAnalyzed(resource, 'inputs'),
    policyConfig,
  );
  return found.map((d) => ({ ...d, urn: d.urn ?? resource.urn }));
}

async function analyzeAll(
  pack: PackUnderTest,
  resources: RecordedResource[],
  policyConfig: NormalizedPolicyConfig,
): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    if (!resource.custom) continue;
    diagnostics.push(...(await analyzeCustom(pack, resource, policyConfig)));
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
