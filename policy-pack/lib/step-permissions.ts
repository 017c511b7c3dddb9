/**
 * The permission rules at a role's own step: the documents the role itself carries (its
 * `inlinePolicies`, and the AWS managed policies its `managedPolicyArns` name, which the pack
 * knows without another resource) judged by the engine exactly as the stack policy judges them,
 * with the rule's own `violations`.
 *
 * What needs other resources stays with the stack policy: aws.iam.RolePolicy and attachments,
 * customer policies named by ARN, and a permissions boundary that is not AWS managed. A boundary
 * only removes permissions, so a rule that judges effective permissions says nothing at the step
 * when the boundary is another resource (judging without it could block what it caps); a rule
 * that judges documents as written (wildcard actions) is judged whatever the boundary.
 */
import type { ResourceValidationPolicy } from '@pulumi/policy';
import type { PolicyVerdict } from '../engine';
import type { AgentRole } from './agents';
import {
  reportUnverifiable,
  type AgentPermissionsContext,
  type PermissionPolicyDefinition,
} from './permission-policy';
import { gatherRolePermissions, judgeAgentPermissions } from './permissions';
import type { UnverifiablePermission } from './permissions';
import { agentStepRolePolicy, stepPolicyName } from './step-policy';
import { subjectOf, type AgentVerdicts } from './verdicts';

/** `effective`: judged after Denies and the boundary; `as-written`: each document as written. */
export type StepPermissionScope = 'effective' | 'as-written';

/** Kinds of what cannot be seen that only the stack view can resolve: not the step's to report. */
const STACK_ONLY: ReadonlySet<UnverifiablePermission['kind']> = new Set([
  'unknown-attachment',
  'unresolved-policy',
  'unknown-boundary',
  'unresolved-boundary',
]);

/**
 * Reports `rule`'s violations on the documents `agent`'s role carries itself. Returns without a
 * verdict when the rule judges effective permissions and the boundary is another resource.
 */
export function judgeStepPermissions(
  v: AgentVerdicts,
  agent: AgentRole,
  rule: PermissionPolicyDefinition,
  scope: StepPermissionScope,
): void {
  const subject = subjectOf(agent);
  v.judge(subject, () => {
    // The role alone is the whole "stack": only what it carries itself is gathered.
    const permissions = gatherRolePermissions([agent.role], agent);
    const boundaryElsewhere = permissions.unverifiable.some(
      (u) => u.kind === 'unknown-boundary' || u.kind === 'unresolved-boundary',
    );
    if (boundaryElsewhere && scope === 'effective') return;
    for (const item of permissions.unverifiable) {
      if (!STACK_ONLY.has(item.kind)) reportUnverifiable(v, subject, item);
    }
    let verdict: PolicyVerdict | undefined;
    const context: AgentPermissionsContext = {
      agent,
      permissions,
      verdict: () => (verdict ??= judgeAgentPermissions(permissions)),
      boundaryNote: '',
    };
    for (const message of rule.violations(context)) {
      v.violation(subject, `Agent "${agent.agentName}": ${message}`);
    }
  });
}

/** The step policy of a permission rule: `agent-step-<rule>`, on a role tagged as an agent. */
export function agentStepPermissionsPolicy(
  rule: PermissionPolicyDefinition,
  scope: StepPermissionScope,
  description: string,
): ResourceValidationPolicy {
  const name = stepPolicyName(rule.name);
  if (name === rule.name) throw new Error(`rule ${rule.name} does not start with "agent-"`);
  return agentStepRolePolicy({
    rule: rule.name,
    description,
    severity: rule.severity,
    remediationSteps: rule.remediationSteps,
    ...(rule.enforcementLevel ? { enforcementLevel: rule.enforcementLevel } : {}),
    judge: (v, agent) => judgeStepPermissions(v, agent, rule, scope),
  });
}
