/**
 * The shape shared by the seven policies that judge an agent's effective permissions: a stack
 * policy (attachments, customer policies and boundaries are separate resources that only a stack
 * policy can correlate) that, for each agent, gathers what its role can really do, reports what
 * could not be seen, and reports each violation against the agent's role.
 */
import type {
  EnforcementLevel,
  PolicyResource,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import type { Finding, FindingCategory, PolicyVerdict } from '../engine';
import { discoverAgents, type AgentRole } from './agents';
import {
  assumedRoles,
  gatherRolePermissions,
  judgeAgentPermissions,
  type AgentPermissions,
  type UnverifiablePermission,
} from './permissions';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from './verdicts';

type Severity = NonNullable<StackValidationPolicy['severity']>;

/** What one agent's permissions are judged with. */
export interface AgentPermissionsContext {
  agent: AgentRole;
  permissions: AgentPermissions;
  /** The engine's verdict, computed on first use and shared by the seven policies. */
  verdict(): PolicyVerdict;
  /** Said after a finding when the boundary could not be seen and so was not applied. */
  boundaryNote: string;
}

export interface PermissionPolicyDefinition {
  name: string;
  description: string;
  severity: Severity;
  remediationSteps: string;
  enforcementLevel?: EnforcementLevel;
  /** The agent's violations, each a message without the `Agent "<name>": ` prefix. */
  violations(context: AgentPermissionsContext): string[];
}

/** Builds a stack policy that judges every agent's effective permissions. */
export function agentPermissionsPolicy(
  definition: PermissionPolicyDefinition,
): StackValidationPolicy {
  return {
    name: definition.name,
    description: definition.description,
    severity: definition.severity,
    remediationSteps: definition.remediationSteps,
    enforcementLevel: definition.enforcementLevel ?? 'mandatory',
    configSchema: packConfigSchema,
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const verdicts = new AgentVerdicts(definition.name, args, report);
      const agents = discoverAgents(args.resources, verdicts.config);
      const subjects = agents.map(subjectOf);
      agents.forEach((agent, i) =>
        verdicts.judge(subjects[i], () =>
          judgeAgent(definition, verdicts, subjects[i], agent, args.resources),
        ),
      );
      verdicts.finish(subjects);
    },
  };
}

function judgeAgent(
  definition: PermissionPolicyDefinition,
  verdicts: AgentVerdicts,
  subject: AgentSubject,
  agent: AgentRole,
  resources: PolicyResource[],
): void {
  const permissions = gatherRolePermissions(resources, agent);
  judgePermissions(definition, verdicts, subject, agent, permissions, '');
  // What the agent can become is what it can do: each role it can assume is judged as its own.
  for (const reached of assumedRoles(resources, agent, permissions)) {
    const via = `through sts:AssumeRole into role "${reached.label}" (${reached.path.join(' → ')}): `;
    judgePermissions(definition, verdicts, subject, agent, reached.permissions, via);
  }
}

function judgePermissions(
  definition: PermissionPolicyDefinition,
  verdicts: AgentVerdicts,
  subject: AgentSubject,
  agent: AgentRole,
  permissions: AgentPermissions,
  via: string,
): void {
  for (const item of permissions.unverifiable) reportUnverifiable(verdicts, subject, item, via);
  const boundary = permissions.unverifiable.find(
    (u) => u.kind === 'unknown-boundary' || u.kind === 'unresolved-boundary',
  );
  let verdict: PolicyVerdict | undefined;
  const context: AgentPermissionsContext = {
    agent,
    permissions,
    verdict: () => (verdict ??= judgeAgentPermissions(permissions)),
    boundaryNote: boundaryNote(boundary),
  };
  for (const message of definition.violations(context)) {
    verdicts.violation(subject, `Agent "${agent.agentName}": ${via}${message}`);
  }
}

/** Said after each finding when the boundary could not be seen: the finding may be one it removes. */
function boundaryNote(boundary: UnverifiablePermission | undefined): string {
  if (!boundary) return '';
  if (boundary.kind === 'unknown-boundary') {
    return ' The permissions boundary is unknown at preview, so this was judged without it.';
  }
  return ` The permissions boundary ${boundary.source.replace(/^boundary:/, '')} is neither in this stack nor AWS managed, so this was judged without it.`;
}

/**
 * A preview unknown is a violation (see `AgentVerdicts.unknown`). A document outside the stack, or
 * one that is not a JSON object, is never seen, so it is a violation: an attachment the pack cannot
 * read would otherwise be a way around it (attach an admin policy created by hand, by ARN).
 * A boundary that cannot be seen is not reported on its own: permissions are judged without it,
 * which can only add findings, and each finding says so.
 */
function reportUnverifiable(
  verdicts: AgentVerdicts,
  subject: AgentSubject,
  item: UnverifiablePermission,
  via: string,
): void {
  if (item.kind === 'unknown-boundary' || item.kind === 'unresolved-boundary') return;
  if (item.resolvesAtUpdate) {
    verdicts.unknown(subject, `${via}${item.what}`, item.path, item.origin);
    return;
  }
  verdicts.violation(
    subject,
    `Agent "${subject.agentName}": ${via}${item.detail}. Declare the policy in this stack as an aws.iam.Policy (or inline), so the pack can judge it, or exempt the agent with a reason.`,
  );
}

const LISTED = 5;

/** `"a", "b", "c" and 12 more (15)`: the first few of a long list, and the count. */
export function listSome(items: readonly string[], limit = LISTED): string {
  const shown = items
    .slice(0, limit)
    .map((i) => `"${i}"`)
    .join(', ');
  return items.length > limit
    ? `${shown} and ${items.length - limit} more (${items.length})`
    : shown;
}

/**
 * One finding as a violation message. The engine's message already names the document and
 * statement, the actions (first few and the count), the resources and what to do instead.
 */
export function findingMessage(finding: Finding, boundaryNote: string): string {
  return `${finding.message.trim()}${boundaryNote}`;
}

/** The engine's findings of one category, as violation messages. */
export function categoryViolations(category: FindingCategory) {
  return (context: AgentPermissionsContext): string[] =>
    context
      .verdict()
      .findings.filter((f) => f.category === category)
      .map((f) => findingMessage(f, context.boundaryNote));
}
