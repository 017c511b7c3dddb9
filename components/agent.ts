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
  agentRoleArn,
  agentRoleName,
  agentSessionTags,
  agentTags,
  credentialsPath,
  entityMetadata,
  permissionsDocument,
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
import type { AgentInventoryEntry } from './inventory';

export type { AgentInventoryEntry, AgentInventoryStatement } from './inventory';

/** An agent's arguments: its declaration (the component name is its name) and its fleet. */
export type AgentArgs = Omit<AgentDeclaration, 'name'> & { fleet: FleetContext };

export class Agent extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly roleName: pulumi.Output<string>;
  readonly credentialsPath: pulumi.Output<string>;
  readonly appRoleName: pulumi.Output<string>;
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
    // Tags and action lists stay literal strings so the policy pack can judge them at preview.
    const tags = agentTags(identity, declaration.tags ?? {});

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        name: roleName,
        path: AGENT_ROLE_PATH,
        description: declaration.purpose,
        assumeRolePolicy: JSON.stringify(trustPolicyDocument(fleet.vaultPrincipalArn, name)),
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

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.credentialsPath = pulumi.output(path);
    this.appRoleName = appRole.roleName;
    this.inventory = pulumi
      .output(declaration.permissions)
      .apply((statements): AgentInventoryEntry => ({
        ...identity,
        ttl: formatDuration(ttlSeconds),
        maxTtl: formatDuration(maxTtlSeconds),
        roleName,
        credentialsPath: path,
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
      credentialsPath: this.credentialsPath,
      appRoleName: this.appRoleName,
      inventory: this.inventory,
    });
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
