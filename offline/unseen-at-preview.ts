/**
 * What a preview cannot see. The SDK runs no `apply` callback on a value unknown at preview, so a
 * resource created inside one is never registered at preview: `pulumi preview --policy-pack` and a
 * preview-mode check both pass it, and `pulumi up` creates it. When the preview skipped callbacks,
 * the check runs the program again with every output known (as `pulumi up` would); if that run
 * registers resources the preview did not, each mandatory violation of that run that the preview
 * did not report is mandatory in the preview's verdict too, saying which resources were unseen.
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
 * The update run's mandatory violations that the preview did not report, each saying that the
 * resources in `unseen` are created where a preview cannot see them. Empty when nothing was unseen.
 */
export function unseenViolations(
  unseen: readonly RecordedResource[],
  previewDiagnostics: readonly Diagnostic[],
  updateDiagnostics: readonly Diagnostic[],
): Diagnostic[] {
  if (unseen.length === 0) return [];
  const reported = new Set(previewDiagnostics.map(key));
  const names = unseen.slice(0, 5).map((r) => resourceName(r.urn));
  const more = unseen.length > 5 ? ` and ${unseen.length - 5} more` : '';
  const [is, them] = unseen.length === 1 ? ['is', 'it'] : ['are', 'them'];
  const why =
    `Unseen at preview: ${names.join(', ')}${more} ${is} created inside an apply on a value unknown at preview, ` +
    `so pulumi preview never registers ${them} and no policy judges ${them} before pulumi up creates ${them}; ` +
    `judged with every output known, as pulumi up would create ${them}: `;
  const fix =
    ' Create resources at the top level of the program, passing outputs as inputs, not inside an apply.';
  return updateDiagnostics
    .filter((d) => d.enforcementLevel === 'mandatory' && !reported.has(key(d)))
    .map((d) => ({ ...d, message: `${why}${d.message}${fix}` }));
}
