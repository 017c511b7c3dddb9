/**
 * The access review built from a saved `check --json`: one entry per inventory agent with its
 * identity, its statements, what it reaches and delegates to, and the violations that name it.
 */
import {
  UNKNOWN_CELL,
  type CheckReport,
  type GrantStatement,
  type InventoryReach,
  type Violation,
} from '../../check-report';
import { expiryOf, type ExpiryStatus } from '../../expiry';
import { isoDay } from '../../output';
import { agentOfViolation } from './agent-of-violation';

/** How a value only apply will know is shown to a reviewer. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** A cell of the check's inventory as a reviewer reads it. */
export function shownValue(value: string): string {
  return value === UNKNOWN_CELL ? KNOWN_AFTER_APPLY : value;
}

export type ReviewExpiry = ExpiryStatus | 'unknown';

export interface ReviewViolation {
  enforcementLevel: Violation['enforcementLevel'];
  policy: string;
  /** The resource's name, or `stack`. */
  resource: string;
  message: string;
}

export interface AgentReview {
  name: string;
  owner: string;
  purpose: string;
  expiresOn: string;
  daysLeft: number | null;
  /** `unknown` when the date is an output known only after apply. */
  expiry: ReviewExpiry;
  ttl: string;
  maxTtl: string;
  /** Set for a role the pack counts as an agent that no Agent component declared. */
  declaredBy?: 'hand';
  runtime?: string;
  status?: 'active' | 'suspended' | 'expired';
  /** The role's ARN; `null` when known only after apply; absent when the check did not say. */
  roleArn?: string | null;
  vaultPath?: string;
  actionCount: number;
  actions: string[];
  resources: string[];
  statements: GrantStatement[];
  /** The statements name resources created by the change: only apply knows them. */
  statementsKnownAfterApply: boolean;
  /** Roles it can assume and resource policies that grant it, beyond its own policies. */
  reach: InventoryReach[];
  /** The agents it may call. */
  delegatesTo: string[];
  violations: { mandatory: number; advisory: number };
  /** The violations naming it, in the check's order. */
  findings: ReviewViolation[];
}

/** Agents that violations name but the inventory does not list: raw IAM roles, not components. */
export interface UnlistedAgent {
  name: string;
  violations: { mandatory: number; advisory: number };
  findings: ReviewViolation[];
}

export interface AccessReview {
  project: string;
  stack: string;
  asOf: string;
  agents: AgentReview[];
  unlisted: UnlistedAgent[];
  /** Violations that name no agent (e.g. stack-wide ones). */
  unattributed: { mandatory: number; advisory: number };
  unattributedFindings: ReviewViolation[];
  /** The check's advisory remarks on its input. */
  warnings: string[];
}

/** The distinct actions and resources an agent's statements grant, in first-seen order. */
function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

function finding(v: Violation): ReviewViolation {
  return {
    enforcementLevel: v.enforcementLevel,
    policy: v.policy,
    resource: v.resource?.name ?? 'stack',
    message: v.message,
  };
}

interface Tally {
  violations: { mandatory: number; advisory: number };
  findings: ReviewViolation[];
}

/** Builds the review: one entry per inventory agent, violations grouped by the agent they name. */
export function accessReview(check: CheckReport, now: Date): AccessReview {
  const names = check.inventory.map((a) => a.name);
  const byAgent = new Map<string, Tally>();
  const unattributed: Tally = { violations: { mandatory: 0, advisory: 0 }, findings: [] };
  for (const violation of check.violations) {
    if (violation.enforcementLevel === 'disabled') continue;
    const level = violation.enforcementLevel === 'mandatory' ? 'mandatory' : 'advisory';
    const agent = agentOfViolation(violation, names);
    let tally = unattributed;
    if (agent !== undefined) {
      tally = byAgent.get(agent) ?? { violations: { mandatory: 0, advisory: 0 }, findings: [] };
      byAgent.set(agent, tally);
    }
    tally.violations[level]++;
    tally.findings.push(finding(violation));
  }
  const agents = check.inventory.map((a): AgentReview => {
    const unknownDate = a.expiresOn === UNKNOWN_CELL;
    const expiry = unknownDate ? undefined : expiryOf(a.expiresOn, now);
    const actions = distinct(a.statements.flatMap((s) => s.actions));
    const tally = byAgent.get(a.name);
    return {
      name: a.name,
      owner: a.owner,
      purpose: a.purpose,
      expiresOn: a.expiresOn,
      daysLeft: expiry?.daysLeft ?? null,
      expiry: expiry?.status ?? 'unknown',
      ttl: a.ttl,
      maxTtl: a.maxTtl,
      ...(a.declaredBy ? { declaredBy: a.declaredBy } : {}),
      ...(a.runtime === undefined ? {} : { runtime: a.runtime }),
      ...(a.status === undefined ? {} : { status: a.status }),
      ...(a.roleArn === undefined ? {} : { roleArn: a.roleArn }),
      ...(a.vaultPath === undefined ? {} : { vaultPath: a.vaultPath }),
      actionCount: actions.length,
      actions,
      resources: distinct(a.statements.flatMap((s) => s.resources)),
      statements: a.statements,
      statementsKnownAfterApply: a.knownAfterApply?.includes('statements') ?? false,
      reach: a.reach ?? [],
      delegatesTo: a.delegatesTo ?? [],
      violations: tally?.violations ?? { mandatory: 0, advisory: 0 },
      findings: tally?.findings ?? [],
    };
  });
  const listed = new Set(names);
  const unlisted = [...byAgent.entries()]
    .filter(([name]) => !listed.has(name))
    .map(([name, tally]) => ({ name, ...tally }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    project: check.project,
    stack: check.stack,
    asOf: isoDay(now),
    agents,
    unlisted,
    unattributed: unattributed.violations,
    unattributedFindings: unattributed.findings,
    warnings: check.warnings,
  };
}
