/**
 * `agent-no-privilege-escalation`: judged on the agent's effective permissions (engine category
 * `privilege-escalation`): every action of one of Cloudsplaining's privilege-escalation methods,
 * allowed unconstrained.
 *
 * The engine reports one finding per method; an admin-like document enables all 59 of them. So
 * that the output stays readable, the findings of one document statement are reported as one
 * violation naming every method it enables (the first few and the count).
 */
import type { Finding } from '../engine';
import {
  agentPermissionsPolicy,
  type PermissionPolicyDefinition,
  findingMessage,
  listSome,
  type AgentPermissionsContext,
} from '../lib/permission-policy';

const METHODS_LISTED = 5;

/** `59 methods (A, B, C, D, E and 54 more)`: method names as Cloudsplaining spells them. */
function methodList(methods: readonly string[]): string {
  const shown = methods.slice(0, METHODS_LISTED).join(', ');
  const more =
    methods.length > METHODS_LISTED ? ` and ${methods.length - METHODS_LISTED} more` : '';
  return `${methods.length} methods (${shown}${more})`;
}

/** The engine's findings of one statement (the document and statement where a method starts). */
function byStatement(findings: readonly Finding[]): Finding[][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.statement.source ?? ''}\u0000${f.statement.index}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()];
}

const ESCALATION = ' allows privilege escalation (';

function statementViolation(findings: readonly Finding[], boundaryNote: string): string {
  if (findings.length === 1) return findingMessage(findings[0], boundaryNote);
  // The engine's message starts with where the statement is: `<source> Statement[i] (Sid x)`.
  const first = findings[0].message.trim();
  const cut = first.indexOf(ESCALATION);
  const where = cut > 0 ? first.slice(0, cut) : `Statement[${findings[0].statement.index}]`;
  const methods = findings.map((f) => f.privescMethod ?? f.message);
  const actions = [...new Set(findings.flatMap((f) => f.actions))];
  const passRole = actions.some((a) => a.toLowerCase() === 'iam:passrole')
    ? 'limit iam:PassRole to the named roles the agent must pass, and '
    : '';
  return `${where} allows privilege escalation by ${methodList(methods)} through ${listSome(actions)} on any resource; ${passRole}scope these actions to named resources, or drop them.${boundaryNote}`;
}

function privilegeEscalationViolations(context: AgentPermissionsContext): string[] {
  const findings = context.verdict().findings.filter((f) => f.category === 'privilege-escalation');
  return byStatement(findings).map((group) => statementViolation(group, context.boundaryNote));
}

/** The rule, which the stack policy and its step policy (`agent-step-no-privilege-escalation`) both apply. */
export const noPrivilegeEscalationRule: PermissionPolicyDefinition = {
  name: 'agent-no-privilege-escalation',
  description:
    "An agent's effective permissions may not combine actions that let it grant itself more privileges.",
  severity: 'critical',
  remediationSteps:
    'Remove one action of each method named, or scope it to named resources: e.g. limit iam:PassRole to the one role the agent passes (with iam:PassedToService), never "role/*" or "*".',
  violations: privilegeEscalationViolations,
};

export const agentNoPrivilegeEscalation = agentPermissionsPolicy(noPrivilegeEscalationRule);
