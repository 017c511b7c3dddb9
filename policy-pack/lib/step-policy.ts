/**
 * Step policies: resource policies (`validateResource`) that apply a stack policy's rule to what
 * one resource's own inputs show. Pulumi runs resource policies on each resource's inputs before
 * its step, at preview and again at `pulumi up` (also under `--skip-preview`), so a mandatory
 * violation blocks before the resource is created; stack policies run on outputs only after every
 * step of `pulumi up`, with no rollback. A step policy is named `agent-step-<rule>` after its
 * stack policy `agent-<rule>`, reads its own section of the pack config like every policy, and
 * honours exemptions from either name.
 *
 * The stack policy still judges every agent, those its step policy judged included: a step policy
 * can be disabled on its own, and its config section can differ, so the stack view stays the
 * complete verdict. Each step violation ends with `STEP_NOTE`, so the two moments read apart.
 */
import type {
  EnforcementLevel,
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from '@pulumi/policy';
import { stepAgentOf, type AgentRole } from './agents';
import { RESOURCE_TYPES } from './resource-types';
import { AgentVerdicts, packConfigSchema } from './verdicts';

type Severity = NonNullable<StackValidationPolicy['severity']>;

/** `agent-owner-required` → `agent-step-owner-required`. */
export function stepPolicyName(rule: string): string {
  return rule.replace(/^agent-/, 'agent-step-');
}

/**
 * The resource a resource policy is given, in the shape the pack's readers take (a stack policy's
 * resource). `Analyze` sends no dependencies, so none are named.
 */
export function stepResource(args: ResourceValidationArgs): PolicyResource {
  return {
    type: args.type,
    props: args.props,
    urn: args.urn,
    name: args.name,
    opts: args.opts,
    dependencies: [],
    propertyDependencies: {},
    isType: args.isType,
    asType: args.asType,
  };
}

export interface StepPolicyDefinition {
  /** The stack policy whose rule this applies, e.g. `agent-owner-required`. */
  rule: string;
  /** One sentence; ends with a full stop. */
  description: string;
  severity: Severity;
  remediationSteps: string;
  enforcementLevel?: EnforcementLevel;
  /** The resource types it judges. */
  types: readonly string[];
  /** Judges one resource of `types`, reporting through `v` (moment `step`). */
  judge(v: AgentVerdicts, resource: PolicyResource): void;
}

/** A resource policy that applies `definition.rule` to one resource of `definition.types`. */
export function agentStepPolicy(definition: StepPolicyDefinition): ResourceValidationPolicy {
  const name = stepPolicyName(definition.rule);
  return {
    name,
    description: definition.description,
    severity: definition.severity,
    remediationSteps: definition.remediationSteps,
    enforcementLevel: definition.enforcementLevel ?? 'mandatory',
    configSchema: packConfigSchema,
    validateResource: ofTypes(definition.types, (args, report) => {
      if (!definition.types.includes(args.type)) return;
      const v = new AgentVerdicts(name, args, report, new Date(), {
        moment: 'step',
        rule: definition.rule,
      });
      definition.judge(v, stepResource(args));
    }),
  };
}

/**
 * Marks a validation of one resource type as `validateResourceOfType` does (`__pulumiType`, which
 * the server's `getPulumiType` reads), so that the analyzer answers "not applicable" for other
 * types without building their props; every step policy runs on every resource of the stack.
 * The pack cannot import the provider SDKs' classes, so the token is set directly.
 */
function ofTypes(types: readonly string[], validate: ResourceValidation): ResourceValidation {
  return types.length === 1 ? Object.assign(validate, { __pulumiType: types[0] }) : validate;
}

/**
 * A step policy on an `aws.iam.Role` that carries the agent name tag (`stepAgentOf`): roles that
 * are agents for another reason are judged by the stack policy alone.
 */
export function agentStepRolePolicy(
  definition: Omit<StepPolicyDefinition, 'types' | 'judge'> & {
    judge(v: AgentVerdicts, agent: AgentRole): void;
  },
): ResourceValidationPolicy {
  return agentStepPolicy({
    ...definition,
    types: [RESOURCE_TYPES.role],
    judge: (v, role) => {
      const agent = stepAgentOf(role, v.config);
      if (agent) definition.judge(v, agent);
    },
  });
}
