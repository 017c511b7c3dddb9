/**
 * What all agents of one stack share: the permissions boundary that caps every agent, the Vault
 * AWS secrets engine and AppRole mounts, the Vault principal agents trust, and the fleet's limits.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as vault from '@pulumi/vault';
import {
  AGENT_TAG_KEYS,
  COMPONENT_TYPES,
  MANAGED_BY,
  parseDuration,
} from '../policy-pack/lib/conventions';
import { Agent } from './agent';
import { AGENT_ROLE_PATH, boundaryDocument, customerPolicyArn, partitionOf } from './documents';
import {
  type AgentFleetDeclaration,
  AgentDeclarationError,
  type FleetLimits,
  validateFleetDeclaration,
} from './declaration';
import type { FleetContext, FleetMember } from './fleet-context';
import type { AgentInventoryEntry } from './inventory';

export type AgentFleetArgs = AgentFleetDeclaration;

export class AgentFleet extends pulumi.ComponentResource implements FleetContext {
  /** The component name; part of the boundary's IAM name and of error messages. */
  readonly fleetName: string;
  readonly limits: FleetLimits;
  readonly vaultPrincipalArn: string;
  readonly partition: string;
  readonly accountId: pulumi.Output<string>;
  readonly region: pulumi.Output<string>;
  readonly suspendedByConfig: ReadonlySet<string>;
  readonly boundary: aws.iam.Policy;
  /** Built from the account id and the literal name, so it is known at preview. */
  readonly boundaryArn: pulumi.Output<string>;
  readonly awsMountPath: string;
  readonly appRoleMountPath: string;
  readonly appRoleAccessor: pulumi.Output<string>;
  readonly appRoleSettings: { secretIdTtlSeconds: number; secretIdNumUses: number };
  /** Vault mounts the fleet created; agents' Vault resources depend on them. */
  readonly vaultMounts: pulumi.Resource[];
  private readonly members = new Map<string, FleetMember>();
  private readonly callers = new Map<string, Set<string>>();

  constructor(name: string, args: AgentFleetArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate the fleet and every declared agent in one pass before anything is registered.
    const result = validateFleetDeclaration(name, args, new Date());
    if (!result.ok) throw result.error;
    const fleet = result.value;
    const suspendedByConfig = suspendedInStackConfig(name);
    super(COMPONENT_TYPES.fleet, name, {}, opts);

    this.fleetName = name;
    this.suspendedByConfig = suspendedByConfig;
    this.limits = {
      ttlSeconds: seconds(fleet.credentials.ttl),
      maxTtlSeconds: seconds(fleet.credentials.maxTtl),
      maxLifetimeDays: fleet.maxLifetimeDays,
    };
    this.vaultPrincipalArn = fleet.vaultPrincipalArn;
    this.partition = partitionOf(fleet.vaultPrincipalArn);
    this.appRoleSettings = {
      secretIdTtlSeconds: seconds(fleet.appRole.secretIdTtl),
      secretIdNumUses: fleet.appRole.secretIdNumUses,
    };
    this.accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    this.region = aws.getRegionOutput({}, { parent: this }).region;

    const fleetTags = { ...(fleet.tags ?? {}), [AGENT_TAG_KEYS.managedBy]: MANAGED_BY };
    const boundaryName = `agent-boundary-${name}`;
    this.boundary = new aws.iam.Policy(
      `${name}-boundary`,
      {
        name: boundaryName,
        path: AGENT_ROLE_PATH,
        description: `Permissions boundary of every agent in fleet ${name}: caps what any agent can ever do.`,
        policy: JSON.stringify(boundaryDocument(fleet.boundary)),
        tags: fleetTags,
      },
      { parent: this },
    );
    this.boundaryArn = this.accountId.apply((accountId) =>
      customerPolicyArn(this.partition, accountId, AGENT_ROLE_PATH, boundaryName),
    );

    const mounts: pulumi.Resource[] = [];
    const engine = fleet.awsSecretsEngine;
    this.awsMountPath = engine.path;
    if (engine.mode !== 'existing') {
      const common = {
        path: engine.path,
        description: `AWS credentials of the agents of fleet ${name}`,
        // The mount's own lease caps match the fleet's, so no role can outlive them.
        defaultLeaseTtlSeconds: this.limits.ttlSeconds,
        maxLeaseTtlSeconds: this.limits.maxTtlSeconds,
        ...(engine.region === undefined ? {} : { region: engine.region }),
      };
      const settings: vault.aws.SecretBackendArgs =
        engine.mode === 'workload-identity'
          ? {
              ...common,
              // Vault's plugin workload identity: no long-lived root key exists at all.
              identityTokenAudience: engine.identityTokenAudience,
              roleArn: engine.roleArn,
              ...(engine.identityTokenTtl === undefined
                ? {}
                : { identityTokenTtl: seconds(engine.identityTokenTtl) }),
            }
          : {
              ...common,
              accessKey: pulumi.secret(engine.accessKey),
              secretKey: pulumi.secret(engine.secretKey),
              ...(engine.rotationSchedule === undefined
                ? {}
                : { rotationSchedule: engine.rotationSchedule }),
              ...(engine.rotationPeriod === undefined
                ? {}
                : { rotationPeriod: seconds(engine.rotationPeriod) }),
            };
      mounts.push(new vault.aws.SecretBackend(`${name}-aws`, settings, { parent: this }));
    }

    const auth = fleet.appRoleAuth;
    this.appRoleMountPath = auth.path;
    if (auth.mode === 'create') {
      const mount = new vault.AuthBackend(
        `${name}-approle`,
        {
          type: 'approle',
          path: auth.path,
          description: `AppRole logins of the agents of fleet ${name}`,
          tune: {
            defaultLeaseTtl: `${this.limits.ttlSeconds}s`,
            maxLeaseTtl: `${this.limits.maxTtlSeconds}s`,
          },
        },
        { parent: this },
      );
      mounts.push(mount);
      this.appRoleAccessor = mount.accessor;
    } else {
      this.appRoleAccessor = pulumi.output(auth.accessor);
    }
    this.vaultMounts = mounts;

    // Every call within the fleet is known before any agent is created, so each callee's trust
    // lets its callers in whatever the order of declaration.
    for (const declaration of fleet.agents) {
      this.recordDelegations(declaration.name, declaration.delegatesTo ?? []);
    }
    for (const declaration of fleet.agents) {
      const { name: agentName, ...agentArgs } = declaration;
      new Agent(agentName, { ...agentArgs, fleet: this }, { parent: this });
    }

    this.registerOutputs({
      boundaryArn: this.boundaryArn,
      awsMountPath: this.awsMountPath,
      appRoleMountPath: this.appRoleMountPath,
      vaultPrincipalArn: this.vaultPrincipalArn,
      inventory: this.inventory,
    });
  }

  /** Every agent of the fleet so far, declared in `agents` or created with `{ fleet }`. */
  get agents(): Agent[] {
    return [...this.members.values()].filter((m): m is Agent => m instanceof Agent);
  }

  /** The inventory of the fleet's agents: read it after declaring them all, e.g. as a stack output. */
  get inventory(): pulumi.Output<AgentInventoryEntry[]> {
    return pulumi.all([...this.members.values()].map((a) => a.inventory));
  }

  hasAgent(name: string): boolean {
    return this.members.has(name);
  }

  callersOf(name: string): string[] {
    return [...(this.callers.get(name) ?? [])].sort();
  }

  recordDelegations(caller: string, callees: readonly string[]): void {
    for (const callee of callees) {
      const set = this.callers.get(callee) ?? new Set<string>();
      set.add(caller);
      this.callers.set(callee, set);
    }
  }

  /** @internal Called by `Agent` once its declaration is valid. */
  registerAgent(name: string, agent: FleetMember): void {
    if (this.members.has(name)) {
      // The Agent's validation normally reports this; kept for callers that bypass it.
      throw new AgentDeclarationError(
        `Agent ${JSON.stringify(name)}`,
        [
          `name: ${JSON.stringify(name)} is already an agent of fleet "${this.fleetName}"; give each agent a unique name`,
        ],
        `✖ ${JSON.stringify(name)} is already an agent of fleet "${this.fleetName}"; give each agent a unique name\n  → at name`,
      );
    }
    this.members.set(name, agent);
  }
}

function seconds(duration: string): number {
  const value = parseDuration(duration);
  if (value === undefined)
    throw new Error(`internal: "${duration}" passed validation but is not a duration`);
  return value;
}

/** The stack config key of the kill switch: the names of the agents to suspend. */
export const SUSPENDED_CONFIG_KEY = 'agent-iam:suspended';

/**
 * The agents the stack config suspends (`agent-iam:suspended`, a list of agent names, as
 * `agent-iam suspend` writes it). Anything else is refused before a resource is created: a kill
 * switch that silently does nothing is worse than none.
 */
function suspendedInStackConfig(fleetName: string): ReadonlySet<string> {
  const raw = new pulumi.Config('agent-iam').get('suspended');
  if (raw === undefined) return new Set();
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    const problem = `${SUSPENDED_CONFIG_KEY}: ${JSON.stringify(value)} is not a list of agent names; write it in Pulumi.<stack>.yaml as a YAML list, e.g. "${SUSPENDED_CONFIG_KEY}: [ticket-triager]", or use \`agent-iam suspend <name>\``;
    throw new AgentDeclarationError(
      `AgentFleet ${JSON.stringify(fleetName)}`,
      [problem],
      `✖ ${problem}`,
    );
  }
  return new Set(value as string[]);
}
