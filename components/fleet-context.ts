/**
 * What an `Agent` needs of its fleet. `AgentFleet` implements it; `Agent` depends on this
 * interface only, so the two components do not import each other.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { FleetLimits } from './declaration';
import type { AgentInventoryEntry } from './inventory';

/** An agent as its fleet keeps it. */
export interface FleetMember extends pulumi.ComponentResource {
  readonly inventory: pulumi.Output<AgentInventoryEntry>;
}

export interface FleetContext {
  /** The component name; part of the boundary's IAM name and of error messages. */
  readonly fleetName: string;
  readonly limits: FleetLimits;
  readonly vaultPrincipalArn: string;
  readonly partition: string;
  readonly accountId: pulumi.Output<string>;
  /** The region the stack deploys to: native agents' trust pins their service's ARNs to it. */
  readonly region: pulumi.Output<string>;
  /** Agents the stack config suspends (`agent-iam:suspended`, a list of agent names). */
  readonly suspendedByConfig: ReadonlySet<string>;
  /** The boundary policy; agent roles depend on it. */
  readonly boundary: pulumi.Resource;
  /** Built from the account id and the literal name, so it is known at preview. */
  readonly boundaryArn: pulumi.Output<string>;
  readonly awsMountPath: string;
  readonly appRoleMountPath: string;
  readonly appRoleAccessor: pulumi.Output<string>;
  readonly appRoleSettings: { secretIdTtlSeconds: number; secretIdNumUses: number };
  /** Vault mounts the fleet created; agents' Vault resources depend on them. */
  readonly vaultMounts: pulumi.Resource[];
  hasAgent(name: string): boolean;
  /** The agents of the fleet that declare a call to this one (`delegatesTo`), so far. */
  callersOf(name: string): string[];
  /** Records that `caller` calls `callees`; called before any of them is created when possible. */
  recordDelegations(caller: string, callees: readonly string[]): void;
  /** Called by `Agent` once its declaration is valid. */
  registerAgent(name: string, agent: FleetMember): void;
}
