/**
 * `agent-iam audit FILE [--json] [--all-roles] [--now YYYY-MM-DD]`: judges what is already
 * deployed, offline, from `aws iam get-account-authorization-details --output json`. Each agent
 * role (tagged `agent:name`) gets its effective permissions judged by the engine (inline policies,
 * attached customer-managed default versions and AWS managed policies, within its boundary) and
 * its identity checked: owner, expiry, permissions boundary, trust policy, session duration. IAM
 * users tagged as agents are reported: they hold static credentials.
 *
 * Exit codes: 0 every agent is compliant; 1 an agent (or, with --all-roles, any role) has a
 * finding or an identity problem; 2 the file is unreadable or not an authorization-details export.
 */
import { judgeEffectivePermissions, resolveManagedPolicy } from '../../policy-pack/engine';
import type { DocumentProblem, Finding, PolicySource, Severity } from '../../policy-pack/engine';
import { AGENT_TAG_KEYS } from '../../policy-pack/lib/conventions';
import {
  decodePolicyDocument,
  defaultVersionDocument,
  loadAuthorizationDetails,
  tagValue,
  type AuthorizationDetails,
  type ManagedPolicyDetail,
  type RoleDetail,
  type UserDetail,
} from './audit/authorization-details';
import { identityOfAgent, type IdentityProblem } from './audit/identity';
import { readProcessStdin, type StdinReader } from '../input';
import type { Io } from '../io';
import { parseCommandLine, parseNow } from '../options';
import { plural } from '../output';

const USAGE = `Usage: agent-iam audit FILE [--json] [--all-roles] [--now YYYY-MM-DD]

  FILE         the output of \`aws iam get-account-authorization-details --output json\` ("-": stdin)
  --json       print one JSON object per role or user and line
  --all-roles  judge the permissions of every role, not only those tagged ${AGENT_TAG_KEYS.name}
  --now        the day to judge expiry against (default: today, UTC)

Exit codes: 0 every agent is compliant; 1 an agent role (or, with --all-roles, any role) has a
finding or an identity problem, or an IAM user is tagged as an agent; 2 FILE is unreadable or not
an authorization-details export.`;

export interface AuditedFinding {
  category: Finding['category'];
  severity: Severity;
  source?: string;
  statement: number;
  message: string;
  privescMethod?: string;
}

export interface RoleAudit {
  kind: 'role';
  role: string;
  arn: string;
  /** The `agent:name` tag; undefined for a role judged only because of --all-roles. */
  agent?: string;
  verdict: string;
  owner?: string;
  expiresOn?: string;
  daysLeft?: number;
  boundary?: string;
  findings: AuditedFinding[];
  identity: IdentityProblem[];
  /** The engine's document problems: errors count as failures, warnings (unknown actions) do not. */
  problems: DocumentProblem[];
}

export interface UserAudit {
  kind: 'user';
  user: string;
  arn: string;
  agent: string;
  verdict: string;
  identity: IdentityProblem[];
}

export type AuditRecord = RoleAudit | UserAudit;

function failed(record: AuditRecord): boolean {
  if (record.kind === 'user') return true;
  return (
    record.findings.length > 0 ||
    record.identity.length > 0 ||
    record.problems.some((p) => p.severity !== 'warning')
  );
}

/** Finds a managed policy by ARN in the export, else in the AWS managed catalogue. */
function managedPolicyDocument(
  arn: string,
  exported: Map<string, ManagedPolicyDetail>,
): { document: unknown } | { missing: string } {
  const detail = exported.get(arn);
  if (detail) {
    const document = defaultVersionDocument(detail);
    if (document === undefined)
      return { missing: 'is in Policies but has no default version document' };
    const decoded = decodePolicyDocument(document);
    return decoded.ok
      ? { document: decoded.document }
      : { missing: `default version document ${decoded.message}` };
  }
  const awsManaged = resolveManagedPolicy(arn);
  if (awsManaged) return { document: awsManaged };
  return {
    missing:
      "is not in the export's Policies and is not an AWS managed policy; export without --filter (or with LocalManagedPolicy) so it can be judged",
  };
}

export function auditRole(
  role: RoleDetail,
  exported: Map<string, ManagedPolicyDetail>,
  now: Date,
): RoleAudit {
  const agent = tagValue(role.Tags, AGENT_TAG_KEYS.name);
  const identity: IdentityProblem[] = [];
  const facts = agent !== undefined ? identityOfAgent(role, agent, now, identity) : {};
  const policies: PolicySource[] = [];
  for (const inline of role.RolePolicyList ?? []) {
    const decoded = decodePolicyDocument(inline.PolicyDocument);
    if (decoded.ok)
      policies.push({ source: `inline:${inline.PolicyName}`, document: decoded.document });
    else {
      identity.push({
        check: 'unverifiable',
        severity: 'high',
        message: `inline policy "${inline.PolicyName}" ${decoded.message}; it cannot be judged.`,
      });
    }
  }
  for (const attached of role.AttachedManagedPolicies ?? []) {
    const found = managedPolicyDocument(attached.PolicyArn, exported);
    if ('document' in found)
      policies.push({ source: attached.PolicyArn, document: found.document });
    else {
      identity.push({
        check: 'unverifiable',
        severity: 'high',
        message: `attached policy ${attached.PolicyArn} ${found.missing}.`,
      });
    }
  }
  let boundary: PolicySource | undefined;
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  if (boundaryArn) {
    const found = managedPolicyDocument(boundaryArn, exported);
    if ('document' in found) boundary = { source: boundaryArn, document: found.document };
    else {
      // Judged without it, as the pack does: a boundary only narrows, so nothing is missed.
      identity.push({
        check: 'unverifiable',
        severity: 'medium',
        message: `permissions boundary ${boundaryArn} ${found.missing}; permissions were judged without it.`,
      });
    }
  }
  const verdict = judgeEffectivePermissions({ policies, ...(boundary ? { boundary } : {}) });
  const findings = verdict.findings.map((f): AuditedFinding => ({
    category: f.category,
    severity: f.severity,
    ...(f.statement.source ? { source: f.statement.source } : {}),
    statement: f.statement.index,
    message: f.message,
    ...(f.privescMethod ? { privescMethod: f.privescMethod } : {}),
  }));
  const record: RoleAudit = {
    kind: 'role',
    role: role.RoleName,
    arn: role.Arn,
    ...(agent !== undefined ? { agent } : {}),
    verdict: '',
    ...facts,
    ...(boundaryArn ? { boundary: boundaryArn } : {}),
    findings,
    identity,
    problems: verdict.problems,
  };
  record.verdict = roleVerdict(record);
  return record;
}

function roleVerdict(r: RoleAudit): string {
  const parts: string[] = [];
  if (r.findings.length > 0)
    parts.push(`over-permissioned (${plural(r.findings.length, 'finding')})`);
  if (r.identity.length > 0) parts.push(plural(r.identity.length, 'identity problem'));
  const errors = r.problems.filter((p) => p.severity !== 'warning').length;
  if (errors > 0) parts.push(plural(errors, 'malformed document'));
  return parts.length > 0 ? parts.join(', ') : 'ok';
}

export function auditUser(user: UserDetail, agent: string): UserAudit {
  return {
    kind: 'user',
    user: user.UserName,
    arn: user.Arn,
    agent,
    verdict: 'static credentials',
    identity: [
      {
        check: 'static-credentials',
        severity: 'critical',
        message: `IAM user tagged ${AGENT_TAG_KEYS.name} "${agent}": a user authenticates with long-lived access keys or a password; declare the agent as a role with Vault-issued credentials and delete the user and its keys.`,
      },
    ],
  };
}

export function auditAccount(
  details: AuthorizationDetails,
  now: Date,
  allRoles: boolean,
): AuditRecord[] {
  const exported = new Map((details.Policies ?? []).map((p) => [p.Arn, p]));
  const records: AuditRecord[] = [];
  for (const role of details.RoleDetailList) {
    if (!allRoles && tagValue(role.Tags, AGENT_TAG_KEYS.name) === undefined) continue;
    records.push(auditRole(role, exported, now));
  }
  for (const user of details.UserDetailList ?? []) {
    const agent = tagValue(user.Tags, AGENT_TAG_KEYS.name);
    if (agent !== undefined) records.push(auditUser(user, agent));
  }
  return records;
}

export function formatRecord(r: AuditRecord): string[] {
  const who = r.kind === 'role' ? `role ${r.role}` : `user ${r.user}`;
  const agent = r.agent !== undefined ? ` (agent "${r.agent}")` : '';
  const lines = [`${who}${agent}: ${r.verdict}`];
  if (r.kind === 'role' && r.agent !== undefined) {
    const days = r.daysLeft === undefined ? '' : ` (${plural(r.daysLeft, 'day')} left)`;
    lines.push(
      `  owner ${r.owner ?? '(none)'}; expires on ${r.expiresOn ?? '(never)'}${r.daysLeft !== undefined && r.daysLeft < 0 ? '' : days}; boundary ${r.boundary ?? '(none)'}`,
    );
  }
  if (r.kind === 'role') {
    for (const f of r.findings) lines.push(`  ${f.severity} ${f.category}: ${f.message}`);
  }
  for (const p of r.identity) lines.push(`  ${p.severity} ${p.check}: ${p.message}`);
  if (r.kind === 'role') {
    for (const p of r.problems) {
      const where = p.source ? `${p.source} ` : '';
      lines.push(`  ${p.severity ?? 'error'} ${where}${p.field}: ${p.message}`);
    }
  }
  return lines;
}

function summary(records: AuditRecord[]): string {
  const roles = records.filter((r): r is RoleAudit => r.kind === 'role');
  const agents = roles.filter((r) => r.agent !== undefined);
  const others = roles.length - agents.length;
  const users = records.length - roles.length;
  const parts = [
    `${plural(agents.length, 'agent role')}: ${agents.filter((r) => !failed(r)).length} ok, ${agents.filter(failed).length} failing`,
  ];
  if (others > 0) {
    parts.push(
      `${plural(others, 'other role')}: ${roles.filter((r) => r.agent === undefined && failed(r)).length} failing`,
    );
  }
  parts.push(`${plural(users, 'IAM user')} tagged as ${users === 1 ? 'an agent' : 'agents'}`);
  return parts.join('; ');
}

export async function runAudit(
  args: string[],
  io: Io,
  readStdin: StdinReader = readProcessStdin,
): Promise<number> {
  const line = parseCommandLine(args, { json: 'flag', 'all-roles': 'flag', now: 'value' });
  if ('error' in line) {
    io.err(`agent-iam audit: ${line.error}.\n\n${USAGE}`);
    return 2;
  }
  if (line.help) {
    io.out(USAGE);
    return 0;
  }
  if (line.positionals.length !== 1) {
    io.err(`agent-iam audit: expected one FILE, got ${line.positionals.length}.\n\n${USAGE}`);
    return 2;
  }
  const now = parseNow(line.options.now);
  if ('error' in now) {
    io.err(`agent-iam audit: ${now.error}.`);
    return 2;
  }
  const loaded = await loadAuthorizationDetails(line.positionals[0], readStdin);
  if (!loaded.ok) {
    io.err(`agent-iam audit: ${loaded.message}`);
    return 2;
  }
  const records = auditAccount(loaded.value, now, line.options['all-roles'] === true);
  const json = line.options.json === true;
  for (const r of records) {
    if (json) io.out(JSON.stringify(r));
    else for (const text of formatRecord(r)) io.out(text);
  }
  if (!json) {
    if (records.length === 0) io.out(`No role or user is tagged ${AGENT_TAG_KEYS.name}.`);
    io.out(summary(records));
  }
  return records.some(failed) ? 1 : 0;
}
