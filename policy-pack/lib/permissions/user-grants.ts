/**
 * What an IAM user of the stack is granted: its inline policies (`aws.iam.UserPolicy`), its
 * attachments (`UserPolicyAttachment`, `UserPolicyAttachmentsExclusive`, `PolicyAttachment`
 * `users`), and those of its groups (`GroupPolicy`, `GroupPolicyAttachment`,
 * `GroupPolicyAttachmentsExclusive`, `PolicyAttachment` `groups`), its groups read from
 * `UserGroupMembership` and `GroupMembership` (Pulumi aws 7.48, `iam/*.d.ts`; IAM User Guide,
 * "Policies and permissions in IAM": a user has what its own and its groups' policies allow).
 * User and group names are matched as IAM matches them, case-insensitively. Attached ARNs resolve
 * as a role's do (`arns.ts`); what cannot be seen is listed, never dropped.
 */
import type { PolicyResource } from '@pulumi/policy';
import type { PolicySource } from '../../engine';
import { RESOURCE_TYPES } from '../resource-types';
import { readKnown, readPlain, type Known } from '../unknowns';
import { resolvePolicyArn } from './arns';
import { indexStackPermissions, knownString } from './stack-index';

/** Who a granting resource names: lower-cased names, and the URNs an unknown name came from. */
interface Link {
  names: string[];
  dependencyUrns: string[];
}

/** One grant to a user or group: an inline document, or a policy ARN to resolve. */
type Grant =
  | { to: 'user' | 'group'; link: Link; source: string; document: Known<unknown> }
  | {
      to: 'user' | 'group';
      link: Link;
      source: string;
      arn: Known<string>;
      arnDependencies: PolicyResource[];
    };

export interface UserGrants {
  /** Every document the user is granted that the pack can read. */
  policies: PolicySource[];
  /** What grants the user something the pack cannot read, e.g. an unknown policy ARN. */
  unseen: string[];
}

function link(resource: PolicyResource, key: string): Link {
  const value = readKnown(() => resource.props[key] as unknown);
  const deps = (resource.propertyDependencies?.[key] ?? []).map((r) => r.urn);
  if (!value.known) return { names: [], dependencyUrns: deps };
  if (typeof value.value === 'string' && value.value.trim() !== '') {
    return { names: [nameOf(value.value)], dependencyUrns: [] };
  }
  if (!Array.isArray(value.value)) return { names: [], dependencyUrns: [] };
  const list = value.value as unknown[];
  const names: string[] = [];
  let unknown = false;
  list.forEach((_, i) => {
    const entry = readKnown(() => list[i]);
    if (!entry.known) unknown = true;
    else if (typeof entry.value === 'string' && entry.value.trim() !== '') {
      names.push(nameOf(entry.value));
    }
  });
  return { names, dependencyUrns: unknown ? deps : [] };
}

/** A user or group name, or the name at the end of its ARN, lower-cased. */
function nameOf(reference: string): string {
  const arn = /^arn:[^:]+:iam::[^:]*:(?:user|group)\/(?:.*\/)?([^/]+)$/i.exec(reference.trim());
  return (arn ? arn[1] : reference.trim()).toLowerCase();
}

function arnList(resource: PolicyResource): { arn: Known<string>; deps: PolicyResource[] }[] {
  const deps = resource.propertyDependencies?.policyArns ?? [];
  const list = readKnown(() => resource.props.policyArns as unknown);
  if (!list.known) return [{ arn: list, deps }];
  if (!Array.isArray(list.value)) return [];
  const values = list.value as unknown[];
  return values.map((_, i) => {
    const arn = readKnown(() => values[i]) as Known<string>;
    return { arn, deps: arn.known ? [] : deps };
  });
}

function grantsOf(resource: PolicyResource): Grant[] {
  const single = (to: 'user' | 'group', key: string, via: string): Grant => ({
    to,
    link: link(resource, key),
    source: `${via}:${resource.name}`,
    arn: readKnown(() => resource.props.policyArn as unknown) as Known<string>,
    arnDependencies: resource.propertyDependencies?.policyArn ?? [],
  });
  const inline = (to: 'user' | 'group', key: string, via: string): Grant => ({
    to,
    link: link(resource, key),
    source: `${via}:${resource.name}`,
    document: readPlain(() => resource.props.policy),
  });
  const exclusive = (to: 'user' | 'group', key: string, via: string): Grant[] =>
    arnList(resource).map(({ arn, deps }) => ({
      to,
      link: link(resource, key),
      source: `${via}:${resource.name}`,
      arn,
      arnDependencies: deps,
    }));
  switch (resource.type) {
    case RESOURCE_TYPES.userPolicy:
      return [inline('user', 'user', 'userPolicy')];
    case RESOURCE_TYPES.groupPolicy:
      return [inline('group', 'group', 'groupPolicy')];
    case RESOURCE_TYPES.userPolicyAttachment:
      return [single('user', 'user', 'userPolicyAttachment')];
    case RESOURCE_TYPES.groupPolicyAttachment:
      return [single('group', 'group', 'groupPolicyAttachment')];
    case RESOURCE_TYPES.userPolicyAttachmentsExclusive:
      return exclusive('user', 'userName', 'userPolicyAttachmentsExclusive');
    case RESOURCE_TYPES.groupPolicyAttachmentsExclusive:
      return exclusive('group', 'groupName', 'groupPolicyAttachmentsExclusive');
    case RESOURCE_TYPES.policyAttachment:
      return [
        single('user', 'users', 'policyAttachment'),
        single('group', 'groups', 'policyAttachment'),
      ];
    default:
      return [];
  }
}

const linked = (l: Link, names: ReadonlySet<string>, urns: ReadonlySet<string>) =>
  l.names.some((n) => names.has(n)) || l.dependencyUrns.some((u) => urns.has(u));

/** The names (lower-cased) and URN by which the stack can refer to a user or group. */
function identity(resource: PolicyResource): { names: Set<string>; urns: Set<string> } {
  const names = new Set<string>();
  const name = knownString(readKnown(() => resource.props.name));
  if (name) names.add(nameOf(name));
  const arn = knownString(readKnown(() => resource.props.arn));
  if (arn) names.add(nameOf(arn));
  return { names, urns: new Set([resource.urn]) };
}

/** Everything the stack grants `user`, directly or through its groups. */
export function userGrants(resources: readonly PolicyResource[], user: PolicyResource): UserGrants {
  const index = indexStackPermissions(resources);
  const me = identity(user);
  // The user's groups: by name, and by the group resources an unknown name came from.
  const groupNames = new Set<string>();
  const groupUrns = new Set<string>();
  for (const r of resources) {
    if (
      r.type === RESOURCE_TYPES.userGroupMembership &&
      linked(link(r, 'user'), me.names, me.urns)
    ) {
      const groups = link(r, 'groups');
      groups.names.forEach((n) => groupNames.add(n));
      groups.dependencyUrns.forEach((u) => groupUrns.add(u));
    }
    if (r.type === RESOURCE_TYPES.groupMembership && linked(link(r, 'users'), me.names, me.urns)) {
      const group = link(r, 'group');
      group.names.forEach((n) => groupNames.add(n));
      group.dependencyUrns.forEach((u) => groupUrns.add(u));
    }
  }
  for (const g of resources.filter((r) => r.type === RESOURCE_TYPES.group)) {
    const id = identity(g);
    if ([...id.names].some((n) => groupNames.has(n)) || groupUrns.has(g.urn)) {
      id.names.forEach((n) => groupNames.add(n));
      groupUrns.add(g.urn);
    }
  }

  const policies: PolicySource[] = [];
  const unseen: string[] = [];
  for (const r of resources) {
    for (const grant of grantsOf(r)) {
      const mine =
        grant.to === 'user'
          ? linked(grant.link, me.names, me.urns)
          : linked(grant.link, groupNames, groupUrns);
      if (!mine) continue;
      if ('document' in grant) {
        if (grant.document.known)
          policies.push({ source: grant.source, document: grant.document.value });
        else unseen.push(`the document of ${grant.source}`);
        continue;
      }
      const resolved = resolvePolicyArn(index, grant.arn, grant.arnDependencies, grant.source);
      if (resolved.kind === 'managed' && resolved.found.document.known) {
        policies.push({ source: resolved.found.source, document: resolved.found.document.value });
      } else if (resolved.kind === 'customer') {
        if (resolved.policy.document.known) {
          policies.push({
            source: resolved.policy.source,
            document: resolved.policy.document.value,
          });
        } else unseen.push(`the document of ${resolved.policy.source}`);
      } else if (resolved.kind === 'unverifiable') {
        unseen.push(resolved.problem.what);
      }
    }
  }
  return { policies, unseen };
}
