/**
 * The identity fields of an inventory row that the pack's view of the stack answers: the role's
 * ARN, the Vault path its credentials are read from, and, for an Agent component whose `inventory`
 * output is unknown at preview (a statement names an ARN computed on create), what its role's tags
 * and Vault role say, so a review still sees who owns it and until when.
 */
import {
  type AgentRole,
  readNumber,
  readString,
  readTag,
  vaultRolesTargeting,
} from '../../../policy-pack/lib/agents';
import type { PackConfig } from '../../../policy-pack/lib/config';
import { formatDuration } from '../../../policy-pack/lib/conventions';
import type { Known } from '../../../policy-pack/lib/unknowns';
import { UNKNOWN_CELL, type InventoryEntry } from '../../check-report';
import type { PolicyResource } from '@pulumi/policy';

/** A text cell: the value, '' when absent, `UNKNOWN_CELL` when only known after apply. */
export function knownCell(known: Known<unknown>): string {
  return !known.known ? UNKNOWN_CELL : typeof known.value === 'string' ? known.value : '';
}

function durationCell(known: Known<number | undefined>): string {
  return !known.known ? UNKNOWN_CELL : known.value === undefined ? '' : formatDuration(known.value);
}

/** The role's ARN; `null` when it is only known after apply (a new role at preview). */
export function roleArnOf(agent: AgentRole): string | null {
  const arn = readString(agent.role, 'arn');
  return arn.known && arn.value !== undefined ? arn.value : null;
}

/**
 * Where the agent reads its credentials: `<mount>/sts/<role>` of the first Vault AWS role that
 * targets it (as components/documents.ts `credentialsPath` writes it); undefined without one.
 */
export function vaultPathOf(agent: AgentRole, stack: PolicyResource[]): string | undefined {
  const vaultRole = vaultRolesTargeting(agent, stack)[0];
  if (!vaultRole) return undefined;
  const backend = readString(vaultRole, 'backend');
  const name = readString(vaultRole, 'name');
  if (!backend.known || !name.known) return UNKNOWN_CELL;
  if (!backend.value || !name.value) return undefined;
  return `${backend.value}/sts/${name.value}`;
}

/** Owner, purpose, expiry and lifetimes as the role's tags and its Vault role say them. */
export function identityFromRole(
  agent: AgentRole,
  stack: PolicyResource[],
  packConfig: PackConfig,
): Pick<InventoryEntry, 'owner' | 'purpose' | 'expiresOn' | 'ttl' | 'maxTtl'> {
  const tag = (key: string) => knownCell(readTag(agent.role, key));
  const vaultRole = vaultRolesTargeting(agent, stack)[0];
  return {
    owner: tag(packConfig.tagKeys.owner),
    purpose: tag(packConfig.tagKeys.purpose),
    expiresOn: tag(packConfig.tagKeys.expiresOn),
    ttl: vaultRole ? durationCell(readNumber(vaultRole, 'defaultStsTtl')) : '',
    maxTtl: vaultRole ? durationCell(readNumber(vaultRole, 'maxStsTtl')) : '',
  };
}

/**
 * The row's role ARN and Vault path; for a component whose inventory output was unknown, also its
 * identity from the role, and its statements marked known after apply.
 */
export function withIdentityFields(
  entry: InventoryEntry,
  agent: AgentRole,
  stack: PolicyResource[],
  packConfig: PackConfig,
  inventoryUnknown: boolean,
): InventoryEntry {
  const vaultPath = entry.vaultPath ?? vaultPathOf(agent, stack);
  return {
    ...entry,
    ...(inventoryUnknown ? identityFromRole(agent, stack, packConfig) : {}),
    roleArn: roleArnOf(agent),
    ...(vaultPath === undefined ? {} : { vaultPath }),
    ...(inventoryUnknown ? { knownAfterApply: ['statements' as const] } : {}),
  };
}
