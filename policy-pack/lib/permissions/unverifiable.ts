/**
 * What the pack cannot see of a role's permissions. The pack is a gate, so what cannot be seen is
 * never dropped silently: each policy reports it. Two kinds differ in kind, not degree:
 * - a value unknown at preview (a document or ARN computed from a new resource) is seen at update,
 *   when the pack runs again (`resolvesAtUpdate: true`);
 * - a policy ARN that is neither in the stack nor an AWS managed policy is never seen: its document
 *   lives outside the program (`resolvesAtUpdate: false`).
 */
import type { PolicyResource } from '@pulumi/policy';
import { originOf, type UnknownOrigin } from '../unknown-sources';

export type UnverifiableKind =
  /** A policy document that is unknown (preview) or not a JSON object. */
  | 'unknown-document'
  | 'malformed-document'
  /** An attachment whose policy ARN is unknown at preview and traceable to no stack policy. */
  | 'unknown-attachment'
  /** An attached ARN that is neither a policy of this stack nor a known AWS managed policy. */
  | 'unresolved-policy'
  /** The permissions boundary could not be seen; permissions are judged without it. */
  | 'unknown-boundary'
  | 'unresolved-boundary';

export interface UnverifiablePermission {
  kind: UnverifiableKind;
  /** The document or attachment concerned, named as in `PolicySource.source`. */
  source: string;
  /** What could not be seen, e.g. `the policy document of rolePolicy:read`. */
  what: string;
  /** For a preview unknown: the resource and property that is unknown, e.g. `rolePolicy:read.policy`. */
  path: string;
  /** What could not be seen and why, without the agent's name (the policies prefix it). */
  detail: string;
  /** True when the pack sees the value at update (a preview unknown); false when it never will. */
  resolvesAtUpdate: boolean;
  /** For a preview unknown: where `path` is read and what it is computed from. */
  origin?: UnknownOrigin;
}

/** A document, or a list of them, unknown at preview. */
export function unknownDocument(
  source: string,
  what: string,
  path: string,
  resource?: PolicyResource,
): UnverifiablePermission {
  return {
    ...(resource ? { origin: originOf(resource, path) } : {}),
    kind: 'unknown-document',
    source,
    what,
    path,
    detail: `${what} ${what.endsWith('s') ? 'are' : 'is'} unknown during preview`,
    resolvesAtUpdate: true,
  };
}

/** A document that is not a JSON object. */
export function malformed(source: string, what: string): UnverifiablePermission {
  return {
    kind: 'malformed-document',
    source,
    what: `the policy document of ${source}`,
    path: source,
    detail: `the policy document of ${source} ${what}; write it with JSON.stringify or aws.iam.getPolicyDocument`,
    resolvesAtUpdate: false,
  };
}
