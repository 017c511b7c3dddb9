/**
 * An account's IAM, from `aws iam get-account-authorization-details`, as the resources a deployed
 * Pulumi stack would hold, so that the complete pack judges it with the rules it applies to a
 * program: each role as an `aws.iam.Role` (its inline policies in `inlinePolicies`, its attached
 * policies in `managedPolicyArns`, its boundary, trust policy and tags), each customer-managed
 * policy as an `aws.iam.Policy` holding its default version, each user as an `aws.iam.User` and
 * each of its access keys (when the export carries them) as an `aws.iam.AccessKey`. Property names
 * are `@pulumi/aws` 7.48's outputs for those types.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import type { RecordedResource } from '../../../offline';
import {
  decodePolicyDocument,
  defaultVersionDocument,
  type AuthorizationDetails,
  type ManagedPolicyDetail,
  type Tags,
} from './authorization-details';

/** The Pulumi project the account's resources are named under in URNs. */
export const ACCOUNT_PROJECT = 'aws-account';

/** The account of the first ARN in the export, for URNs and the report. */
export function accountOf(details: AuthorizationDetails): string {
  const arns = [
    ...details.RoleDetailList.map((r) => r.Arn),
    ...(details.UserDetailList ?? []).map((u) => u.Arn),
  ];
  for (const arn of arns) {
    const account = /^arn:[a-z-]+:iam::(\d{12}):/.exec(arn)?.[1];
    if (account) return account;
  }
  return 'account';
}

function tagMap(tags: Tags): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
}

/**
 * A policy document as `@pulumi/aws` holds it: JSON text. A document that is neither JSON nor
 * URL-encoded JSON is kept as received, so the pack reports it as malformed.
 */
function documentText(value: unknown): string {
  const decoded = decodePolicyDocument(value);
  if (!decoded.ok) return String(value);
  return typeof decoded.document === 'string' ? decoded.document : JSON.stringify(decoded.document);
}

function isAwsManaged(arn: string): boolean {
  return /^arn:[a-z-]+:iam::aws:policy\//.test(arn);
}

/** The resources the pack judges, each with the same inputs and outputs (it is deployed). */
export function accountResources(details: AuthorizationDetails): RecordedResource[] {
  const account = accountOf(details);
  const urn = (type: string, name: string) =>
    `urn:pulumi:${account}::${ACCOUNT_PROJECT}::${type}::${name}`;
  const resource = (type: string, name: string, props: Record<string, unknown>) => ({
    type,
    name,
    urn: urn(type, name),
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs: props,
    outputs: props,
  });
  const out: RecordedResource[] = [];
  for (const policy of details.Policies ?? []) {
    if (isAwsManaged(policy.Arn)) continue;
    out.push(resource(RESOURCE_TYPES.policy, policyResourceName(policy), policyProps(policy)));
  }
  for (const role of details.RoleDetailList) {
    const tags = tagMap(role.Tags);
    const props: Record<string, unknown> = {
      name: role.RoleName,
      arn: role.Arn,
      path: role.Path ?? '/',
      tags,
      tagsAll: tags,
      inlinePolicies: (role.RolePolicyList ?? []).map((p) => ({
        name: p.PolicyName,
        policy: documentText(p.PolicyDocument),
      })),
      managedPolicyArns: (role.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn),
      ...(role.AssumeRolePolicyDocument !== undefined
        ? { assumeRolePolicy: documentText(role.AssumeRolePolicyDocument) }
        : {}),
      ...(role.PermissionsBoundary
        ? { permissionsBoundary: role.PermissionsBoundary.PermissionsBoundaryArn }
        : {}),
      ...(role.MaxSessionDuration !== undefined
        ? { maxSessionDuration: role.MaxSessionDuration }
        : {}),
    };
    out.push(resource(RESOURCE_TYPES.role, role.RoleName, props));
  }
  for (const user of details.UserDetailList ?? []) {
    const tags = tagMap(user.Tags);
    out.push(
      resource(RESOURCE_TYPES.user, user.UserName, {
        name: user.UserName,
        arn: user.Arn,
        path: user.Path ?? '/',
        tags,
        tagsAll: tags,
      }),
    );
    for (const key of user.AccessKeyMetadata ?? []) {
      out.push(
        resource(RESOURCE_TYPES.accessKey, key.AccessKeyId, {
          id: key.AccessKeyId,
          user: user.UserName,
          status: key.Status,
          ...(key.CreateDate ? { createDate: key.CreateDate } : {}),
        }),
      );
    }
  }
  return out;
}

/** `path/name` without the leading slash: policies of one name can sit at different paths. */
function policyResourceName(policy: ManagedPolicyDetail): string {
  const path = /^arn:[a-z-]+:iam::[^:]*:policy(\/.*)$/.exec(policy.Arn)?.[1] ?? `/${policy.Arn}`;
  return path.slice(1);
}

function policyProps(policy: ManagedPolicyDetail): Record<string, unknown> {
  const document = defaultVersionDocument(policy);
  const segments = policyResourceName(policy).split('/');
  const name = segments.pop() ?? '';
  return {
    name: policy.PolicyName ?? name,
    arn: policy.Arn,
    path: segments.length > 0 ? `/${segments.join('/')}/` : '/',
    // No default version document: the attachment cannot be judged, and the pack says so.
    ...(document !== undefined ? { policy: documentText(document) } : {}),
  };
}
