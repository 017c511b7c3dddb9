/**
 * `check --format jsonl`: the check's result as events for a SIEM, one JSON object per line: one
 * line per agent (`kind: "agent"`) and one per violation (`kind: "violation"`). Every line carries
 * `schema: "agent-iam/siem/v1"`; the fields are documented in docs/siem-v1.schema.json, and a
 * change that is not backwards compatible gets a new version.
 */
import { daysUntil, isExpired, parseIsoDate } from '../../../policy-pack/lib/conventions';
import {
  UNKNOWN_CELL,
  type CheckReport,
  type InventoryEntry,
  type Violation,
} from '../../check-report';
import { agentOfViolation } from '../report/agent-of-violation';

export const SIEM_SCHEMA = 'agent-iam/siem/v1';

/** An active agent whose expiry date is this many days away or fewer is `expiring`. */
export const SIEM_EXPIRING_DAYS = 30;

export type SiemStatus = 'active' | 'expiring' | 'expired' | 'suspended';

/** The fields of an agent line whose values can be known only after apply. */
type DeferredField = 'owner' | 'purpose' | 'expiresOn' | 'roleArn' | 'vaultPath' | 'actions';

interface Common {
  /** When the check ran (ISO 8601, UTC). */
  time: string;
  project: string;
  stack: string;
  /** `preview` (new resources' outputs unknown) or `update`. */
  mode: CheckReport['mode'];
}

export interface SiemAgent extends Common {
  schema: typeof SIEM_SCHEMA;
  kind: 'agent';
  name: string;
  owner: string | null;
  purpose: string | null;
  runtime: string | null;
  roleArn: string | null;
  vaultPath: string | null;
  expiresOn: string | null;
  daysLeft: number | null;
  status: SiemStatus;
  declaredBy: 'component' | 'hand';
  actions: string[];
  resources: string[];
  /** The agents it can call, directly or through others. */
  delegatesTo: string[];
  knownAfterApply: DeferredField[];
}

export interface SiemViolation extends Common {
  schema: typeof SIEM_SCHEMA;
  kind: 'violation';
  agent: string | null;
  policy: string;
  /** The enforcement level the violation was reported at. */
  severity: Violation['enforcementLevel'];
  /** The policy's own severity (`low` ... `critical`), when it declares one. */
  policySeverity: string | null;
  message: string;
  urn: string | null;
  resourceType: string | null;
  resourceName: string | null;
}

export type SiemRecord = SiemAgent | SiemViolation;

function statusOf(entry: InventoryEntry, expiresOn: Date | undefined, now: Date): SiemStatus {
  if (entry.status === 'expired' || (expiresOn && isExpired(expiresOn, now))) return 'expired';
  if (entry.status === 'suspended') return 'suspended';
  if (expiresOn && daysUntil(expiresOn, now) <= SIEM_EXPIRING_DAYS) return 'expiring';
  return 'active';
}

/** The start of `now`'s day (UTC): days left are counted in whole days, as `report` counts them. */
function dayOf(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function agentRecord(common: Common, entry: InventoryEntry, now: Date): SiemAgent {
  const deferred: DeferredField[] = [];
  const text = (field: 'owner' | 'purpose' | 'expiresOn'): string | null => {
    const value = entry[field];
    if (value === UNKNOWN_CELL) deferred.push(field);
    return value === '' || value === UNKNOWN_CELL ? null : value;
  };
  const owner = text('owner');
  const purpose = text('purpose');
  const expiresOn = text('expiresOn');
  if (entry.roleArn === null) deferred.push('roleArn');
  if (entry.vaultPath === UNKNOWN_CELL) deferred.push('vaultPath');
  if (entry.knownAfterApply?.includes('statements')) deferred.push('actions');
  const date = expiresOn === null ? undefined : parseIsoDate(expiresOn);
  return {
    schema: SIEM_SCHEMA,
    kind: 'agent',
    ...common,
    name: entry.name,
    owner,
    purpose,
    runtime: entry.runtime ?? null,
    roleArn: entry.roleArn ?? null,
    vaultPath:
      entry.vaultPath === undefined || entry.vaultPath === UNKNOWN_CELL ? null : entry.vaultPath,
    expiresOn,
    daysLeft: date ? daysUntil(date, now) : null,
    status: statusOf(entry, date, now),
    declaredBy: entry.declaredBy ?? 'component',
    actions: [...new Set(entry.statements.flatMap((s) => s.actions))],
    resources: [...new Set(entry.statements.flatMap((s) => s.resources))],
    delegatesTo: entry.delegatesTo ?? [],
    knownAfterApply: deferred,
  };
}

function violationRecord(common: Common, v: Violation, agents: readonly string[]): SiemViolation {
  return {
    schema: SIEM_SCHEMA,
    kind: 'violation',
    ...common,
    agent: agentOfViolation(v, agents) ?? null,
    policy: v.policy,
    severity: v.enforcementLevel,
    policySeverity: v.severity ?? null,
    message: v.message,
    urn: v.resource?.urn ?? null,
    resourceType: v.resource?.type || null,
    resourceName: v.resource?.name ?? null,
  };
}

/** Every agent, then every violation, in the check's order. */
export function siemRecords(report: CheckReport, now: Date): SiemRecord[] {
  const common: Common = {
    time: now.toISOString(),
    project: report.project,
    stack: report.stack,
    mode: report.mode,
  };
  const names = report.inventory.map((e) => e.name);
  return [
    ...report.inventory.map((e) => agentRecord(common, e, dayOf(now))),
    ...report.violations.map((v) => violationRecord(common, v, names)),
  ];
}

/** The `--format jsonl` output: one compact JSON object per line. */
export function formatJsonl(report: CheckReport, now: Date): string[] {
  return siemRecords(report, now).map((r) => JSON.stringify(r));
}
