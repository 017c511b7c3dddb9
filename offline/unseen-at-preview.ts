/**
 * What a preview cannot see. The SDK runs no `apply` callback on a value unknown at preview, and a
 * program may ask `pulumi.runtime.isDryRun()`: what it creates only when values are known is never
 * registered at preview, so `pulumi preview --policy-pack` and a preview-mode check both pass it,
 * and `pulumi up` creates it. The check therefore also runs the program with every output known (as
 * `pulumi up` would); each mandatory violation of that run that the preview did not report is
 * mandatory in the preview's verdict too, saying which resources the preview never saw.
 */
import type { Diagnostic } from './analyzer';
import type { RecordedResource } from './mock-runtime';

const key = (d: Diagnostic): string => `${d.policyName}\0${d.urn ?? ''}\0${d.message}`;

function resourceName(urn: string): string {
  const parts = urn.split('::');
  return `${parts[2] ?? urn} "${parts[3] ?? ''}"`;
}

/** The resources of the update run that the preview never registered, by URN. */
export function unseenResources(
  preview: readonly RecordedResource[],
  update: readonly RecordedResource[],
): RecordedResource[] {
  const seen = new Set(preview.map((r) => r.urn));
  return update.filter((r) => !seen.has(r.urn));
}

/**
 * The update run's mandatory violations that the preview did not report, when the preview itself
 * has none (one that already blocks is reported as it is). With `unseen` resources,
 * each says they are registered only when every output is known; without, that the program
 * registers differently then. Either way the preview judged something other than what pulumi up
 * creates, so the violation is the preview's too.
 */
export function unseenViolations(
  unseen: readonly RecordedResource[],
  previewDiagnostics: readonly Diagnostic[],
  updateDiagnostics: readonly Diagnostic[],
): Diagnostic[] {
  // A preview that already blocks needs nothing more to block; its report stays the preview's.
  if (previewDiagnostics.some((d) => d.enforcementLevel === 'mandatory')) return [];
  const reported = new Set(previewDiagnostics.map(key));
  const added = updateDiagnostics.filter(
    (d) => d.enforcementLevel === 'mandatory' && !reported.has(key(d)),
  );
  if (added.length === 0) return [];
  let why: string;
  let fix: string;
  if (unseen.length > 0) {
    const names = unseen.slice(0, 5).map((r) => resourceName(r.urn));
    const more = unseen.length > 5 ? ` and ${unseen.length - 5} more` : '';
    const [is, them] = unseen.length === 1 ? ['is', 'it'] : ['are', 'them'];
    why =
      `Unseen at preview: ${names.join(', ')}${more} ${is} registered only when every output is known ` +
      '(inside an apply on a value unknown at preview, or behind pulumi.runtime.isDryRun()), ' +
      `so pulumi preview never registers ${them} and no policy judges ${them} before pulumi up creates ${them}; ` +
      `judged with every output known, as pulumi up would create ${them}: `;
    fix =
      ' Create resources at the top level of the program, passing outputs as inputs, not inside an apply or behind isDryRun().';
  } else {
    why =
      'Unseen at preview: the program registers this differently when every output is known (as pulumi up runs it) than at preview, ' +
      'so pulumi preview judges other inputs than pulumi up creates; judged with every output known: ';
    fix =
      ' Do not make what the program registers depend on pulumi.runtime.isDryRun() or on whether a value is known yet.';
  }
  return added.map((d) => ({ ...d, message: `${why}${d.message}${fix}` }));
}
