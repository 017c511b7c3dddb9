/**
 * One AI agent as a distinct non-human identity: an IAM role with least-privilege permissions, an
 * owner, a purpose and an expiry, whose only credentials are short-lived STS sessions issued by
 * Vault to an AppRole login bound to a Vault identity entity.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as vault from '@pulumi/vault';
import { COMPONENT_TYPES, formatDuration } from '../policy-pack/lib/conventions';
import { maxSessionFor } from '../policy-pack/lib/identity/session';
import {
  AGENT_ROLE_PATH,
  type AgentIdentity,
  agentRoleArn,
  agentRoleName,
  agentSessionTags,
  agentTags,
  credentialsPath,
  entityMetadata,
  permissionsDocument,
  serviceTrustPolicyDocument,
  trustPolicyDocument,
  vaultCredentialsPolicy,
  vaultPolicyName,
} from './documents';
import {
  type AgentDeclaration,
  type ValidAgentDeclaration,
  AgentDeclarationError,
  resolvedCredentials,
  validateAgentDeclaration,
} from './declaration';
import type { FleetContext } from './fleet-context';
import { type Runtime, isNativeRuntime } from '../policy-pack/lib/runtimes';
import type { AgentInventoryEntry } from './inventory';

export type { AgentInventoryEntry, AgentInventoryStatement } from './inventory';

/** An agent's arguments: its declaration (the component name is its name) and its fleet. */
export type AgentArgs = Omit<AgentDeclaration, 'name'> & { fleet: FleetContext };

export class Agent extends pulumi.ComponentResource {
  /** The role's ARN: for a native agent, pass it to the resource that runs it (`roleArn`, ...). */
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  /** Where the agent runs: `vault`, or the AWS service that assumes its role. */
  readonly runtime: Runtime;
  /** The Vault path of its credentials; undefined for a native agent, which has no Vault role. */
  readonly credentialsPath: pulumi.Output<string | undefined>;
  /** Its AppRole login; undefined for a native agent. */
  readonly appRoleName: pulumi.Output<string | undefined>;
  readonly inventory: pulumi.Output<AgentInventoryEntry>;

  constructor(name: string, args: AgentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, so a wrong declaration leaves nothing half-created.
    const fleet = Agent.requireFleet(name, args);
    const declaration = Agent.validate(name, args, fleet);
    super(COMPONENT_TYPES.agent, name, {}, opts);
    fleet.registerAgent(name, this);

    const { ttlSeconds, maxTtlSeconds } = resolvedCredentials(
      declaration.credentials,
      fleet.limits,
    );
    const identity = {
      name,
      owner: declaration.owner,
      purpose: declaration.purpose,
      expiresOn: declaration.expiresOn,
    };
    const roleName = agentRoleName(name);
    const runtime: Runtime = declaration.runtime ?? 'vault';
    this.runtime = runtime;
    // Tags and action lists stay literal strings so the policy pack can judge them at preview.
    const tags = agentTags(identity, declaration.tags ?? {}, runtime);
    // A native agent's trust names its AWS service, pinned to this account (and the service's
    // ARNs where it sets `aws:SourceArn`): known at preview, since invokes answer then.
    const assumeRolePolicy = isNativeRuntime(runtime)
      ? pulumi.all([fleet.accountId, fleet.region]).apply(([account, region]) =>
          JSON.stringify(
            serviceTrustPolicyDocument(runtime, {
              partition: fleet.partition,
              region,
              account,
            }),
          ),
        )
      : JSON.stringify(trustPolicyDocument(fleet.vaultPrincipalArn, name));

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: roleName,
        path: AGENT_ROLE_PATH,
        description: declaration.purpose,
        assumeRolePolicy,
        permissionsBoundary: fleet.boundaryArn,
        maxSessionDuration: maxSessionFor(maxTtlSeconds),
        tags,
      },
      { parent: this, dependsOn: fleet.boundary },
    );

    // The object form keeps every action literal even where a resource ARN is still unknown.
    new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        name: `${roleName}-permissions`,
        // The literal name (not role.name) keeps the link to the role visible at preview.
        role: roleName,
        policy: permissionsDocument(declaration.permissions),
      },
      { parent: this, dependsOn: role },
    );

    const vaultParts = isNativeRuntime(runtime)
      ? undefined
      : this.vaultCredentials(name, roleName, identity, { ttlSeconds, maxTtlSeconds }, fleet, role);

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.credentialsPath = pulumi.output(vaultParts?.path);
    this.appRoleName = vaultParts ? vaultParts.appRoleName : pulumi.output(undefined);
    this.inventory = pulumi
      .output(declaration.permissions)
      .apply((statements): AgentInventoryEntry => ({
        ...identity,
        runtime,
        ...(vaultParts
          ? {
              ttl: formatDuration(ttlSeconds),
              maxTtl: formatDuration(maxTtlSeconds),
              credentialsPath: vaultParts.path,
            }
          : {}),
        roleName,
        statements: statements.map((s) => ({
          ...(s.sid === undefined ? {} : { sid: s.sid }),
          actions: [...s.actions],
          resources: [...s.resources],
          ...(s.conditions === undefined ? {} : { conditions: s.conditions }),
        })),
      }));
    this.registerOutputs({
      roleArn: this.roleArn,
      roleName: this.roleName,
      runtime: this.runtime,
      credentialsPath: this.credentialsPath,
      appRoleName: this.appRoleName,
      inventory: this.inventory,
    });
  }

  /**
   * A Vault agent's credentials: the Vault AWS role that issues tagged STS sessions for the role,
   * the Vault policy that reads only them, and the AppRole login bound to an identity entity.
   */
  private vaultCredentials(
    name: string,
    roleName: string,
    identity: AgentIdentity,
    lifetimes: { ttlSeconds: number; maxTtlSeconds: number },
    fleet: FleetContext,
    role: aws.iam.Role,
  ): { path: string; appRoleName: pulumi.Output<string> } {
    const { ttlSeconds, maxTtlSeconds } = lifetimes;
    // Built from the account id and the literal path and name rather than `role.arn`, which is
    // unknown at preview: the pack's Vault binding check then sees which role Vault targets.
    const targetRoleArn = fleet.accountId.apply((accountId) =>
      agentRoleArn(fleet.partition, accountId, name),
    );
    const path = credentialsPath(fleet.awsMountPath, name);
    new vault.aws.SecretBackendRole(
      `${name}-vault-role`,
      {
        backend: fleet.awsMountPath,
        name,
        credentialType: 'assumed_role',
        roleArns: [targetRoleArn],
        defaultStsTtl: ttlSeconds,
        maxStsTtl: maxTtlSeconds,
        sessionTags: agentSessionTags(identity),
      },
      { parent: this, dependsOn: [role, ...fleet.vaultMounts] },
    );

    const policyName = vaultPolicyName(name);
    const vaultPolicy = new vault.Policy(
      `${name}-vault-policy`,
      { name: policyName, policy: vaultCredentialsPolicy(fleet.awsMountPath, name) },
      { parent: this },
    );

    const appRole = new vault.approle.AuthBackendRole(
      `${name}-approle`,
      {
        backend: fleet.appRoleMountPath,
        roleName: name,
        bindSecretId: true,
        // Only the credentials policy: Vault would otherwise add its `default` policy.
        tokenPolicies: [policyName],
        tokenNoDefaultPolicy: true,
        tokenType: 'service',
        // Vault's defaults are unlimited (0); every lifetime here is explicit.
        tokenTtl: ttlSeconds,
        tokenMaxTtl: maxTtlSeconds,
        tokenExplicitMaxTtl: maxTtlSeconds,
        secretIdTtl: fleet.appRoleSettings.secretIdTtlSeconds,
        secretIdNumUses: fleet.appRoleSettings.secretIdNumUses,
      },
      { parent: this, dependsOn: [vaultPolicy, ...fleet.vaultMounts] },
    );

    const entity = new vault.identity.Entity(
      `${name}-entity`,
      { name: roleName, metadata: entityMetadata(identity) },
      { parent: this },
    );
    // Vault names an AppRole login's alias by the role's RoleID, so the alias binds to it.
    new vault.identity.EntityAlias(
      `${name}-entity-alias`,
      { name: appRole.roleId, mountAccessor: fleet.appRoleAccessor, canonicalId: entity.id },
      { parent: this },
    );
    return { path, appRoleName: appRole.roleName };
  }

  private static requireFleet(name: string, args: AgentArgs | undefined): FleetContext {
    const fleet = args?.fleet;
    if (typeof fleet !== 'object' || fleet === null || typeof fleet.registerAgent !== 'function') {
      throw new AgentDeclarationError(
        `Agent ${JSON.stringify(name)}`,
        ['fleet: is missing: pass the AgentFleet the agent belongs to, e.g. { fleet, owner, ... }'],
        '✖ is missing: pass the AgentFleet the agent belongs to, e.g. { fleet, owner, ... }\n  → at fleet',
      );
    }
    return fleet;
  }

  private static validate(
    name: string,
    args: AgentArgs,
    fleet: FleetContext,
  ): ValidAgentDeclaration {
    const { fleet: _fleet, ...declaration } = args;
    const result = validateAgentDeclaration(
      { ...declaration, name },
      {
        limits: fleet.limits,
        now: new Date(),
        fleetName: fleet.fleetName,
        isNameTaken: (candidate) => fleet.hasAgent(candidate),
      },
    );
    if (!result.ok) throw result.error;
    return result.value;
  }
}
