/**
 * The output of `aws iam get-account-authorization-details --output json`, which `agent-iam
 * audit` judges offline. Field names follow the IAM API reference (GetAccountAuthorizationDetails,
 * RoleDetail, UserDetail, ManagedPolicyDetail, PolicyVersion). Only the fields the audit reads are
 * validated; others are ignored. Two fields are not part of the export and are read when it has been
 * merged with other output: a role's `MaxSessionDuration` (`aws iam get-role`), and a user's
 * `AccessKeyMetadata` (`aws iam list-access-keys --user-name NAME`, AccessKeyMetadata), since the
 * export says nothing of access keys.
 */
import { z } from 'zod';
import { issueLines, readJsonInput, shown, type Loaded, type StdinReader } from '../../input';

/** A policy document: an object, or the URL-encoded JSON string the raw API returns. */
const DocumentSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);

const TagsSchema = z.array(z.object({ Key: z.string(), Value: z.string() }));

const AttachedPolicySchema = z.object({
  PolicyName: z.string().optional(),
  PolicyArn: z.string(),
});

const InlinePolicySchema = z.object({ PolicyName: z.string(), PolicyDocument: DocumentSchema });

const RoleDetailSchema = z.object({
  RoleName: z.string(),
  Path: z.string().optional(),
  Arn: z.string(),
  Tags: TagsSchema.optional(),
  AssumeRolePolicyDocument: DocumentSchema.optional(),
  RolePolicyList: z.array(InlinePolicySchema).optional(),
  AttachedManagedPolicies: z.array(AttachedPolicySchema).optional(),
  PermissionsBoundary: z
    .object({ PermissionsBoundaryArn: z.string(), PermissionsBoundaryType: z.string().optional() })
    .optional(),
  MaxSessionDuration: z.number().optional(),
});

const AccessKeyMetadataSchema = z.object({
  AccessKeyId: z.string().min(1),
  Status: z.string().optional(),
  CreateDate: z.string().optional(),
});

const UserDetailSchema = z.object({
  UserName: z.string(),
  Path: z.string().optional(),
  Arn: z.string(),
  Tags: TagsSchema.optional(),
  AccessKeyMetadata: z.array(AccessKeyMetadataSchema).optional(),
});

const ManagedPolicySchema = z.object({
  PolicyName: z.string().optional(),
  Arn: z.string(),
  DefaultVersionId: z.string().optional(),
  PolicyVersionList: z
    .array(
      z.object({
        VersionId: z.string().optional(),
        IsDefaultVersion: z.boolean().optional(),
        Document: DocumentSchema.optional(),
      }),
    )
    .optional(),
});

export const AuthorizationDetailsSchema = z.object({
  RoleDetailList: z.array(RoleDetailSchema),
  UserDetailList: z.array(UserDetailSchema).optional(),
  Policies: z.array(ManagedPolicySchema).optional(),
  IsTruncated: z.boolean().optional(),
});

export type AuthorizationDetails = z.output<typeof AuthorizationDetailsSchema>;
export type RoleDetail = AuthorizationDetails['RoleDetailList'][number];
export type UserDetail = NonNullable<AuthorizationDetails['UserDetailList']>[number];
export type ManagedPolicyDetail = NonNullable<AuthorizationDetails['Policies']>[number];
export type Tags = RoleDetail['Tags'];

const HOW_TO_MAKE =
  'expected the output of `aws iam get-account-authorization-details --output json`';

/** Loads and validates an export; the message names the file and each bad field. */
export async function loadAuthorizationDetails(
  file: string,
  readStdin: StdinReader,
): Promise<Loaded<AuthorizationDetails>> {
  const json = await readJsonInput(file, readStdin);
  if (!json.ok) return { ok: false, message: `${json.message} ${capitalised(HOW_TO_MAKE)}.` };
  return parseAuthorizationDetails(json.value, file === '-' ? 'standard input' : file);
}

/** Validates a parsed export; `label` names where it came from. */
export function parseAuthorizationDetails(
  raw: unknown,
  label: string,
): Loaded<AuthorizationDetails> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('RoleDetailList' in raw)) {
    return {
      ok: false,
      message: `${label}: not an IAM authorization-details document (no "RoleDetailList"); ${HOW_TO_MAKE}.`,
    };
  }
  const parsed = AuthorizationDetailsSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      message: [
        `${label}: not a valid IAM authorization-details document; ${HOW_TO_MAKE}:`,
        ...issueLines(raw, parsed.error.issues),
      ].join('\n'),
    };
  }
  if (parsed.data.IsTruncated) {
    return {
      ok: false,
      message: `${label}: IsTruncated is true, so the export misses roles and policies; export again without --max-items (the AWS CLI then fetches every page).`,
    };
  }
  return { ok: true, value: parsed.data };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A policy document as an object. The raw API returns URL-encoded JSON (RFC 3986); the AWS CLI
 * decodes it into an object. Returns a message when neither reading works.
 */
export function decodePolicyDocument(
  value: unknown,
): { ok: true; document: unknown } | { ok: false; message: string } {
  if (typeof value !== 'string') return { ok: true, document: value };
  const text = value.trim();
  try {
    return {
      ok: true,
      document: JSON.parse(text.startsWith('{') ? text : decodeURIComponent(text)),
    };
  } catch {
    return {
      ok: false,
      message: `is neither JSON nor URL-encoded JSON (received ${shown(value)})`,
    };
  }
}

/** A tag's value by key; IAM tag keys are unique regardless of case, so match them so. */
export function tagValue(tags: Tags, key: string): string | undefined {
  const wanted = key.toLowerCase();
  return tags?.find((t) => t.Key.toLowerCase() === wanted)?.Value;
}

/** The default version's document of a managed policy in the export. */
export function defaultVersionDocument(policy: ManagedPolicyDetail): unknown {
  const versions = policy.PolicyVersionList ?? [];
  const current =
    versions.find((v) => v.IsDefaultVersion === true) ??
    versions.find((v) => v.VersionId !== undefined && v.VersionId === policy.DefaultVersionId);
  return current?.Document;
}
