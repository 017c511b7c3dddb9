/**
 * The stack's permission-granting resources, indexed once per stack validation: RolePolicy and
 * the attachments by the role they name (or the resource an unknown name came from), customer
 * policies by ARN, by path and name, and by URN.
 */
import type { PolicyResource } from '@pulumi/policy';
import { memoizeByIdentity } from '../../engine/memo';
import { RESOURCE_TYPES } from '../resource-types';
import { readKnown, readPlain, type Known } from '../unknowns';
import { foundDocument, type FoundDocument } from './documents';

export interface CustomerPolicy {
  resource: PolicyResource;
  source: string;
  /** Lower-cased ARN output, when known. */
  arn?: string;
  /** Lower-cased `policy/<path><name>`, the resource part of its ARN, when name and path are known. */
  arnResource?: string;
  document: Known<unknown>;
  text: string;
}

/** One link from an attaching resource to a role: by a known name/ARN, or by dependency. */
interface RoleLink {
  resource: PolicyResource;
  /** Position in the stack, so that documents are listed in the program's order. */
  order: number;
  /** Lower-cased role names this link names (from a name or a role ARN). */
  roleNames: string[];
  /** URNs of the resources an unknown role reference was computed from. */
  dependencyUrns: string[];
}

interface InlineGrant extends RoleLink {
  found: FoundDocument;
  /** The IAM name of the inline policy, when known, to de-duplicate against `inlinePolicies`. */
  policyName?: string;
}

interface ArnGrant extends RoleLink {
  arn: Known<string>;
  /** Resources an unknown policy ARN was computed from. */
  arnDependencies: PolicyResource[];
  via: string;
}

/** The stack's permission-granting resources, indexed once per stack validation. */
export interface StackPermissionIndex {
  /** Grants by the lower-cased role name they name, and by the URN an unknown name came from. */
  grantsByRoleName: Map<string, Grant[]>;
  grantsByDependency: Map<string, Grant[]>;
  customerPolicies: CustomerPolicy[];
  policiesByArn: Map<string, CustomerPolicy>;
  policiesByArnResource: Map<string, CustomerPolicy>;
  policiesByUrn: Map<string, CustomerPolicy>;
}

export type Grant = ({ kind: 'inline' } & InlineGrant) | ({ kind: 'arn' } & ArnGrant);

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Indexes the stack once; later calls with the same resources array reuse it. */
export const indexStackPermissions = memoizeByIdentity(indexStack);

function indexStack(resources: readonly PolicyResource[]): StackPermissionIndex {
  const index: StackPermissionIndex = {
    grantsByRoleName: new Map(),
    grantsByDependency: new Map(),
    customerPolicies: [],
    policiesByArn: new Map(),
    policiesByArnResource: new Map(),
    policiesByUrn: new Map(),
  };
  const grants: Grant[] = [];
  resources.forEach((resource, order) => {
    switch (resource.type) {
      case RESOURCE_TYPES.rolePolicy: {
        const source = `rolePolicy:${resource.name}`;
        const policyName = knownString(readKnown(() => resource.props.name));
        grants.push({
          kind: 'inline',
          order,
          resource,
          ...roleLink(resource, 'role'),
          found: foundDocument(
            source,
            readPlain(() => resource.props.policy),
            undefined,
            resource,
          ),
          ...(policyName ? { policyName: policyName.toLowerCase() } : {}),
        });
        break;
      }
      case RESOURCE_TYPES.rolePolicyAttachment:
        grants.push({
          kind: 'arn',
          order,
          resource,
          ...roleLink(resource, 'role'),
          arn: readKnown(() => resource.props.policyArn as unknown) as Known<string>,
          arnDependencies: resource.propertyDependencies?.policyArn ?? [],
          via: `rolePolicyAttachment:${resource.name}`,
        });
        break;
      case RESOURCE_TYPES.policyAttachment:
        grants.push({
          kind: 'arn',
          order,
          resource,
          ...roleListLink(resource),
          arn: readKnown(() => resource.props.policyArn as unknown) as Known<string>,
          arnDependencies: resource.propertyDependencies?.policyArn ?? [],
          via: `policyAttachment:${resource.name}`,
        });
        break;
      case RESOURCE_TYPES.rolePolicyAttachmentsExclusive:
        // Not only a restriction: the provider attaches every listed ARN that is not attached yet
        // (pulumi-aws 7, `syncAttachments` of aws_iam_role_policy_attachments_exclusive), so each
        // entry is an attachment like RolePolicyAttachment's.
        exclusiveAttachments(resource).forEach((entry) =>
          grants.push({
            kind: 'arn',
            order,
            resource,
            ...roleLink(resource, 'roleName'),
            ...entry,
            via: `rolePolicyAttachmentsExclusive:${resource.name}`,
          }),
        );
        break;
      case RESOURCE_TYPES.policy: {
        const policy = customerPolicy(resource);
        index.customerPolicies.push(policy);
        index.policiesByUrn.set(resource.urn, policy);
        if (policy.arn && !index.policiesByArn.has(policy.arn))
          index.policiesByArn.set(policy.arn, policy);
        if (policy.arnResource && !index.policiesByArnResource.has(policy.arnResource)) {
          index.policiesByArnResource.set(policy.arnResource, policy);
        }
        break;
      }
      default:
        break;
    }
  });
  for (const grant of grants) {
    for (const name of new Set(grant.roleNames)) addTo(index.grantsByRoleName, name, grant);
    for (const urn of new Set(grant.dependencyUrns)) addTo(index.grantsByDependency, urn, grant);
  }
  return index;
}

/** The role name in `arn:aws:iam::<account>:role/<path><name>`, lower-cased. */
export function roleNameFromArn(arn: string): string | undefined {
  const match = /^arn:aws[a-z-]*:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/i.exec(arn.trim());
  return match ? match[1].toLowerCase() : undefined;
}

/** A role reference as RolePolicy and RolePolicyAttachment take it: a name, an id (= name) or an ARN. */
function roleNamesOf(reference: unknown): string[] {
  if (typeof reference !== 'string' || reference === '') return [];
  const fromArn = roleNameFromArn(reference);
  return [fromArn ?? reference.trim().toLowerCase()];
}

function roleLink(resource: PolicyResource, key: string): Omit<RoleLink, 'resource' | 'order'> {
  const reference = readKnown(() => resource.props[key] as unknown);
  if (reference.known) return { roleNames: roleNamesOf(reference.value), dependencyUrns: [] };
  return { roleNames: [], dependencyUrns: dependencyUrns(resource, key) };
}

function roleListLink(resource: PolicyResource): Omit<RoleLink, 'resource' | 'order'> {
  const roles = readKnown(() => resource.props.roles as unknown);
  if (!roles.known) return { roleNames: [], dependencyUrns: dependencyUrns(resource, 'roles') };
  if (!Array.isArray(roles.value)) return { roleNames: [], dependencyUrns: [] };
  const names: string[] = [];
  let anyUnknown = false;
  for (let i = 0; i < roles.value.length; i++) {
    const entry = readKnown(() => (roles.value as unknown[])[i]);
    if (entry.known) names.push(...roleNamesOf(entry.value));
    else anyUnknown = true;
  }
  return { roleNames: names, dependencyUrns: anyUnknown ? dependencyUrns(resource, 'roles') : [] };
}

/**
 * The ARNs of `policyArns`, one grant each. An unknown list or entry is one unknown attachment
 * traced through the list's dependencies (a stack policy it was computed from is then judged).
 */
function exclusiveAttachments(
  resource: PolicyResource,
): Pick<ArnGrant, 'arn' | 'arnDependencies'>[] {
  const arnDependencies = resource.propertyDependencies?.policyArns ?? [];
  const list = readKnown(() => resource.props.policyArns as unknown);
  if (!list.known) return [{ arn: list, arnDependencies }];
  if (!Array.isArray(list.value)) return [];
  const values = list.value as unknown[];
  return values.map((_, i) => {
    const arn = readKnown(() => values[i]) as Known<string>;
    return { arn, arnDependencies: arn.known ? [] : arnDependencies };
  });
}

function dependencyUrns(resource: PolicyResource, key: string): string[] {
  return (resource.propertyDependencies?.[key] ?? []).map((r) => r.urn);
}

function customerPolicy(resource: PolicyResource): CustomerPolicy {
  const arn = knownString(readKnown(() => resource.props.arn));
  const name = knownString(readKnown(() => resource.props.name));
  const path = readKnown(() => resource.props.path as unknown);
  const pathValue = path.known
    ? typeof path.value === 'string' && path.value
      ? path.value
      : '/'
    : undefined;
  const source = `policy:${resource.name}`;
  const found = foundDocument(
    source,
    readPlain(() => resource.props.policy),
    undefined,
    resource,
  );
  return {
    resource,
    source,
    ...(arn ? { arn: arn.trim().toLowerCase() } : {}),
    ...(name && pathValue !== undefined
      ? { arnResource: `policy${pathValue}${name}`.toLowerCase() }
      : {}),
    document: found.document,
    text: found.fingerprint,
  };
}

export function knownString(value: Known<unknown>): string | undefined {
  return value.known && typeof value.value === 'string' && value.value !== ''
    ? value.value
    : undefined;
}
