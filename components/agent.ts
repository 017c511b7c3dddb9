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
  delegationStatements,
  delegationTags,
  entityMetadata,
  type IamDocument,
  permissionsDocument,
  serviceTrustPolicyDocument,
  trustPolicyDocument,
  vaultCredentialsPolicy,
  vaultPolicyName,
  withDelegationTrust,
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
import { expiryProblem } from '../policy-pack/lib/identity/expiry';
import {
  SUSPENSION_POLICY_NAME,
  expiryEnd,
  suspensionDocument,
} from '../policy-pack/lib/identity/suspension';
import type { AgentStatus } from './inventory';
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
  /** `suspended` by the kill switch, `expired` (and so suspended) past its date, else `active`. */
  readonly status: AgentStatus;
  readonly inventory: pulumi.Output<AgentInventoryEntry>;

  constructor(name: string, args: AgentArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered, so a wrong declaration leaves nothing half-created.
    const fleet = Agent.requireFleet(name, args);
    const declaration = Agent.validate(name, args, fleet);
    const callees = declaration.delegatesTo ?? [];
    Agent.checkCallOrder(name, callees, fleet);
    super(COMPONENT_TYPES.agent, name, {}, opts);
    fleet.registerAgent(name, this);
    fleet.recordDelegations(name, callees);
    const callers = fleet.callersOf(name);

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
    // The kill switch: declared, listed in the stack config, or past the expiry date.
    const expired = expiryProblem(declaration.expiresOn, new Date())?.kind === 'expired';
    const suspended =
      declaration.suspended === true || fleet.suspendedByConfig.has(name) || expired;
    this.status = expired ? 'expired' : suspended ? 'suspended' : 'active';
    const expiresOn = declaration.expiresOn;
    // Tags and action lists stay literal strings so the policy pack can judge them at preview.
    const tags = {
      ...agentTags(identity, declaration.tags ?? {}, runtime),
      ...delegationTags(name, callees),
    };
    const roleArnOf = (agent: string) =>
      fleet.accountId.apply((accountId) => agentRoleArn(fleet.partition, accountId, agent));
    // Agents that call this one are let in by their role's ARN, with the identity conditions.
    const withCallers = (trust: IamDocument, accountId: string): string =>
      JSON.stringify(
        withDelegationTrust(
          trust,
          callers.map((caller) => ({
            name: caller,
            roleArn: agentRoleArn(fleet.partition, accountId, caller),
          })),
          name,
          expiresOn,
        ),
      );
    // A native agent's trust names its AWS service, pinned to this account (and the service's
    // ARNs where it sets `aws:SourceArn`): known at preview, since invokes answer then.
    const assumeRolePolicy = isNativeRuntime(runtime)
      ? pulumi
          .all([fleet.accountId, fleet.region])
          .apply(([account, region]) =>
            withCallers(
              serviceTrustPolicyDocument(
                runtime,
                { partition: fleet.partition, region, account },
                expiresOn,
              ),
              account,
            ),
          )
      : callers.length === 0
        ? JSON.stringify(trustPolicyDocument(fleet.vaultPrincipalArn, name, expiresOn))
        : fleet.accountId.apply((account) =>
            withCallers(trustPolicyDocument(fleet.vaultPrincipalArn, name, expiresOn), account),
          );

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
        // Suspended, the role's only inline policy denies everything, sessions already issued
        // included; written on the role itself so the pack sees it at the role's own step.
        ...(suspended
          ? {
              inlinePolicies: [
                {
                  name: SUSPENSION_POLICY_NAME,
                  policy: JSON.stringify(suspensionDocument(expiresOn)),
                },
              ],
            }
          : {}),
      },
      { parent: this, dependsOn: fleet.boundary },
    );

    if (!suspended) {
      // The object form keeps every action literal even where a resource ARN is still unknown.
      new aws.iam.RolePolicy(
        `${name}-policy`,
        {
          name: `${roleName}-permissions`,
          // The literal name (not role.name) keeps the link to the role visible at preview.
          role: roleName,
          policy: permissionsDocument<pulumi.Input<string>>(
            [
              ...declaration.permissions,
              ...delegationStatements(
                callees.map((callee) => ({ name: callee, roleArn: roleArnOf(callee) })),
              ),
            ],
            expiresOn,
          ),
        },
        { parent: this, dependsOn: role },
      );
    }

    const vaultParts = isNativeRuntime(runtime)
      ? undefined
      : this.vaultCredentials(
          name,
          roleName,
          identity,
          vaultLifetimes(ttlSeconds, maxTtlSeconds, fleet, expiresOn),
          fleet,
          role,
          suspended,
        );

    this.roleArn = role.arn;
    this.roleName = role.name;
    this.credentialsPath = pulumi.output(vaultParts?.path);
    this.appRoleName = vaultParts ? vaultParts.appRoleName : pulumi.output(undefined);
    this.inventory = pulumi
      .output(declaration.permissions)
      .apply((statements): AgentInventoryEntry => ({
        ...identity,
        runtime,
        status: this.status,
        ...(vaultParts
          ? {
              ttl: formatDuration(ttlSeconds),
              maxTtl: formatDuration(maxTtlSeconds),
              credentialsPath: vaultParts.path,
            }
          : {}),
        roleName,
        ...(callees.length > 0 ? { delegatesTo: [...callees] } : {}),
        ...(callers.length > 0 ? { callableBy: [...callers] } : {}),
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
      status: this.status,
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
    lifetimes: VaultLifetimes,
    fleet: FleetContext,
    role: aws.iam.Role,
    suspended: boolean,
  ): { path: string; appRoleName: pulumi.Output<string> } {
    const { ttlSeconds, maxTtlSeconds } = lifetimes;
    // Built from the account id and the literal path and name rather than `role.arn`, which is
    // unknown at preview: the pack's Vault binding check then sees which role Vault targets.
    const targetRoleArn = fleet.accountId.apply((accountId) =>
      agentRoleArn(fleet.partition, accountId, name),
    );
    const path = credentialsPath(fleet.awsMountPath, name);
    // Suspended, Vault has no role to issue the agent's credentials from.
    if (!suspended)
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
        // Only the credentials policy: Vault would otherwise add its `default` policy. Suspended,
        // no policy at all, and logins only from Vault's own host: the login is disabled, while
        // the role keeps its RoleID for the day the agent is resumed.
        tokenPolicies: suspended ? [] : [policyName],
        tokenNoDefaultPolicy: true,
        tokenType: 'service',
        ...(suspended
          ? { secretIdBoundCidrs: [DISABLED_CIDR], tokenBoundCidrs: [DISABLED_CIDR] }
          : {}),
        // Vault's defaults are unlimited (0); every lifetime here is explicit, and none outlives
        // the agent.
        tokenTtl: lifetimes.tokenTtl,
        tokenMaxTtl: lifetimes.tokenMaxTtl,
        tokenExplicitMaxTtl: lifetimes.tokenMaxTtl,
        secretIdTtl: lifetimes.secretIdTtl,
        secretIdNumUses: fleet.appRoleSettings.secretIdNumUses,
      },
      { parent: this, dependsOn: [vaultPolicy, ...fleet.vaultMounts] },
    );

    const entity = new vault.identity.Entity(
      `${name}-entity`,
      {
        name: roleName,
        metadata: {
          ...entityMetadata(identity),
          status: suspended ? 'suspended' : 'active',
        },
      },
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

  /**
   * A callee created before its caller was written without the caller in its trust; say so
   * instead of deploying a call that AWS would refuse. Agents declared in the fleet's `agents`
   * are never in this case: the fleet records every call first.
   */
  private static checkCallOrder(name: string, callees: string[], fleet: FleetContext): void {
    const early = callees.filter((c) => fleet.hasAgent(c) && !fleet.callersOf(c).includes(name));
    if (early.length === 0) return;
    const problem = `delegatesTo: ${early.map((c) => `"${c}"`).join(', ')} ${early.length === 1 ? 'was' : 'were'} created before "${name}", so ${early.length === 1 ? 'its' : 'their'} trust cannot let "${name}" in; create "${name}" first, or declare both in the fleet's agents`;
    throw new AgentDeclarationError(`Agent ${JSON.stringify(name)}`, [problem], `✖ ${problem}`);
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

/** An address no client has: a suspended agent's AppRole accepts logins from nowhere else. */
const DISABLED_CIDR = '127.0.0.1/32';

interface VaultLifetimes {
  ttlSeconds: number;
  maxTtlSeconds: number;
  tokenTtl: number;
  tokenMaxTtl: number;
  secretIdTtl: number;
}

/**
 * Vault's lifetimes for the agent, none outliving it: the AppRole's token and secret-ID TTLs end
 * no later than the agent's expiry date (at least one second: Vault reads 0 as unlimited). STS
 * sessions are capped by AWS itself, by the expiry condition on every Allow.
 */
function vaultLifetimes(
  ttlSeconds: number,
  maxTtlSeconds: number,
  fleet: FleetContext,
  expiresOn: string,
): VaultLifetimes {
  const left = Math.max(1, Math.floor((Date.parse(expiryEnd(expiresOn)) - Date.now()) / 1000));
  return {
    ttlSeconds,
    maxTtlSeconds,
    tokenTtl: Math.min(ttlSeconds, left),
    tokenMaxTtl: Math.min(maxTtlSeconds, left),
    secretIdTtl: Math.min(fleet.appRoleSettings.secretIdTtlSeconds, left),
  };
}
