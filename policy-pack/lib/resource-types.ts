/**
 * Pulumi type tokens of the resources the pack judges, checked against `@pulumi/aws` 7.48 and
 * `@pulumi/vault` 7.8 (`static __pulumiType`). The pack cannot import those SDKs: `pulumi policy
 * publish` ships only `policy-pack/` and its own dependencies.
 */
export const RESOURCE_TYPES = {
  role: 'aws:iam/role:Role',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  rolePolicyAttachment: 'aws:iam/rolePolicyAttachment:RolePolicyAttachment',
  policyAttachment: 'aws:iam/policyAttachment:PolicyAttachment',
  /** Attaches every ARN of `policyArns` (and detaches others): it grants, so it is judged. */
  rolePolicyAttachmentsExclusive:
    'aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive',
  policy: 'aws:iam/policy:Policy',
  accessKey: 'aws:iam/accessKey:AccessKey',
  user: 'aws:iam/user:User',
  userPolicy: 'aws:iam/userPolicy:UserPolicy',
  userPolicyAttachment: 'aws:iam/userPolicyAttachment:UserPolicyAttachment',
  userLoginProfile: 'aws:iam/userLoginProfile:UserLoginProfile',
  userPolicyAttachmentsExclusive:
    'aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive',
  userGroupMembership: 'aws:iam/userGroupMembership:UserGroupMembership',
  group: 'aws:iam/group:Group',
  groupMembership: 'aws:iam/groupMembership:GroupMembership',
  groupPolicy: 'aws:iam/groupPolicy:GroupPolicy',
  groupPolicyAttachment: 'aws:iam/groupPolicyAttachment:GroupPolicyAttachment',
  groupPolicyAttachmentsExclusive:
    'aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive',
  vaultAwsRole: 'vault:aws/secretBackendRole:SecretBackendRole',
  vaultAwsStaticRole: 'vault:aws/secretBackendStaticRole:SecretBackendStaticRole',
  vaultAwsBackend: 'vault:aws/secretBackend:SecretBackend',
  vaultPolicy: 'vault:index/policy:Policy',
  appRole: 'vault:appRole/authBackendRole:AuthBackendRole',
  vaultEntity: 'vault:identity/entity:Entity',
  vaultEntityAlias: 'vault:identity/entityAlias:EntityAlias',
  vaultEntityPolicies: 'vault:identity/entityPolicies:EntityPolicies',
  vaultGroup: 'vault:identity/group:Group',
  vaultGroupPolicies: 'vault:identity/groupPolicies:GroupPolicies',
  vaultToken: 'vault:index/token:Token',
  vaultJwtRole: 'vault:jwt/authBackendRole:AuthBackendRole',
  vaultKubernetesRole: 'vault:kubernetes/authBackendRole:AuthBackendRole',
  vaultAwsAuthRole: 'vault:aws/authBackendRole:AuthBackendRole',
  vaultGenericEndpoint: 'vault:generic/endpoint:Endpoint',
  vaultGenericSecret: 'vault:generic/secret:Secret',
  vaultKvSecret: 'vault:kv/secret:Secret',
  vaultKvSecretV2: 'vault:kv/secretV2:SecretV2',
  serviceSpecificCredential: 'aws:iam/serviceSpecificCredential:ServiceSpecificCredential',
  secretsManagerSecretVersion: 'aws:secretsmanager/secretVersion:SecretVersion',
  ssmParameter: 'aws:ssm/parameter:Parameter',
  cloudTrail: 'aws:cloudtrail/trail:Trail',
} as const;
