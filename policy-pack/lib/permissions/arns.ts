/**
 * Resolving an attached policy ARN to its document: a policy of this stack (by ARN, by path and
 * name, or by the resource an unknown ARN was computed from), an AWS managed policy, or what
 * cannot be seen.
 */
import { originOf } from '../unknown-sources';
import type { PolicyResource } from '@pulumi/policy';
import { resolveManagedPolicy } from '../../engine';
import type { Known } from '../unknowns';
import type { FoundDocument } from './documents';
import type { CustomerPolicy, StackPermissionIndex } from './stack-index';
import type { UnverifiablePermission } from './unverifiable';

export type ResolvedArn =
  | { kind: 'none' }
  | { kind: 'managed'; found: FoundDocument }
  | { kind: 'customer'; policy: CustomerPolicy }
  | { kind: 'unverifiable'; problem: UnverifiablePermission };

export function resolvePolicyArn(
  index: StackPermissionIndex,
  arn: Known<string>,
  dependencies: readonly PolicyResource[],
  via: string,
): ResolvedArn {
  if (arn.known && (typeof arn.value !== 'string' || arn.value.trim() === ''))
    return { kind: 'none' };
  if (!arn.known) {
    // At preview an ARN computed from a new aws.iam.Policy is unknown; the engine still says which
    // resource it came from.
    const policy = dependencies
      .map((d) => index.policiesByUrn.get(d.urn))
      .find((p) => p !== undefined);
    if (policy) return { kind: 'customer', policy };
    return {
      kind: 'unverifiable',
      problem: {
        kind: 'unknown-attachment',
        source: via,
        what: `the policy ARN attached by ${via}`,
        path: arn.known ? '' : arn.path,
        detail: `the policy ARN attached by ${via} is unknown during preview`,
        resolvesAtUpdate: true,
        origin: originOf(undefined, 'policyArn', dependencies),
      },
    };
  }
  const value = arn.value.trim();
  const parsed = parsePolicyArn(value);
  if (parsed?.account === 'aws') {
    const document = resolveManagedPolicy(parsed.canonical) ?? resolveManagedPolicy(value);
    if (document !== undefined) {
      return {
        kind: 'managed',
        found: { source: value, document: { known: true, value: document }, fingerprint: value },
      };
    }
    return unresolvedPolicy(value, via, 'is not an AWS managed policy this pack knows');
  }
  const lower = value.toLowerCase();
  const resourcePart = parsed?.resource.toLowerCase();
  const policy =
    index.policiesByArn.get(lower) ??
    (resourcePart !== undefined ? index.policiesByArnResource.get(resourcePart) : undefined);
  if (policy) return { kind: 'customer', policy };
  return unresolvedPolicy(
    value,
    via,
    'is not an aws.iam.Policy of this stack nor an AWS managed policy',
  );
}

/** An attached ARN whose document the pack cannot see, now or at update. */
function unresolvedPolicy(arn: string, via: string, why: string) {
  return {
    kind: 'unverifiable' as const,
    problem: {
      kind: 'unresolved-policy' as const,
      source: arn,
      what: `the policy ${arn}`,
      path: via,
      detail: `${arn} (attached by ${via}) ${why}, so its document cannot be judged`,
      resolvesAtUpdate: false,
    },
  };
}

/** `arn:<partition>:iam::<account>:policy/<path><name>`; `canonical` uses the `aws` partition. */
function parsePolicyArn(
  arn: string,
): { account: string; resource: string; canonical: string } | undefined {
  const match = /^arn:(aws[a-z-]*):iam::([^:]*):(policy\/.+)$/i.exec(arn);
  if (!match) return undefined;
  return {
    account: match[2].toLowerCase(),
    resource: match[3],
    canonical: `arn:aws:iam::${match[2]}:${match[3]}`,
  };
}
