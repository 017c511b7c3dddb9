/**
 * Fixtures of the step policies (`agent-step-*`): the compliant agent's role as its own step sees
 * it (its inputs alone), and the messages a step policy words.
 */
import type { ResourceValidationPolicy } from '@pulumi/policy';
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { STEP_NOTE } from '../../../policy-pack/lib/verdicts';
import {
  compliantConfig,
  find,
  runResourcePolicy,
  verdicts,
  type AnalyzedResource,
  type Verdict,
} from '../../support/harness';
import type { PackConfigInput } from '../../../policy-pack/lib/config';
import { agentStack, documentOf, type Statement } from './permission-fixtures';

export { STEP_NOTE };

/** The compliant agent's role, changed by `mutate`: what `Analyze` is sent at the role's step. */
export function stepRole(mutate: (props: Record<string, unknown>) => void = () => {}) {
  const role = structuredClone(find(agentStack(), RESOURCE_TYPES.role));
  mutate(role.props);
  return role;
}

/** The role without a boundary, with `statements` as its one inline policy, "extra". */
export function inlineRole(...statements: Statement[]): AnalyzedResource {
  return stepRole((p) => {
    delete p.permissionsBoundary;
    p.inlinePolicies = [{ name: 'extra', policy: documentOf(...statements) }];
  });
}

/** The role's URN, which every step violation names. */
export const STEP_ROLE_URN = stepRole().urn;

/** Level, resource and message of one step policy's diagnostics on one resource. */
export async function stepVerdicts(
  policy: ResourceValidationPolicy,
  target: AnalyzedResource,
  config: PackConfigInput = compliantConfig,
): Promise<Verdict[]> {
  return verdicts(await runResourcePolicy(policy, target, config));
}

/** A step violation: the rule's message, then `STEP_NOTE`. */
export const stepMandatory = (message: string, urn: string = STEP_ROLE_URN): Verdict => ({
  enforcementLevel: 'mandatory',
  urn,
  message: `${message} ${STEP_NOTE}`,
});

/** A value unknown at preview, as a step policy words it (before `STEP_NOTE`). */
export function stepUnknownAtPreview(agent: string, what: string, where: string): string {
  return `Agent "${agent}": ${what} is unknown at preview (${where}), so the preview cannot judge it, and \`pulumi up\` would judge it only at the resource's own step, after earlier steps have run; write it from values known at preview: literal names and tags, ARNs built from names (the grants helpers, or \`arn:aws:s3:::\${name}\` from a literal bucket name), documents as objects.`;
}
