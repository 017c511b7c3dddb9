/**
 * What makes a role an AI workload: an AI-agent resource runs with it, it trusts an AI service, or
 * it can invoke models. Pure reads of the stack; the policies decide what follows.
 */
import type { PolicyResource } from '@pulumi/policy';
import { memoizeByIdentity } from '../engine/memo';
import { matchesGlob } from '../engine/glob';
import type { PolicySource } from '../engine';
import { rolesMatchingArn } from './agents';
import { NATIVE_RUNTIMES, type NativeRuntime } from './runtimes';
import { RESOURCE_TYPES } from './resource-types';
import { readKnown } from './unknowns';

/**
 * Actions that call a model or an agent built on one. Sources: the Service Authorization
 * Reference, "Actions defined by Amazon Bedrock" (InvokeModel, InvokeModelWithResponseStream,
 * InvokeAgent, InvokeInlineAgent, InvokeFlow, RetrieveAndGenerate, CreateModelInvocationJob), the
 * Amazon Bedrock User Guide, "Carry out a conversation with the Converse API operations" (Converse
 * and ConverseStream are authorized as `bedrock:InvokeModel` and
 * `bedrock:InvokeModelWithResponseStream`; there is no `bedrock:Converse` action), "Actions
 * defined by Amazon Bedrock AgentCore" (InvokeAgentRuntime and its variants, InvokeGateway,
 * InvokeHarness), and "Actions defined by Amazon Q Business" (Chat, ChatSync). Amazon SageMaker
 * `InvokeEndpoint` is left out: most endpoints serve classic ML models, not agents, and listing it
 * would make every inference pipeline an undeclared agent.
 */
export const MODEL_INVOKE_ACTIONS: readonly string[] = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent',
  'bedrock:InvokeFlow',
  'bedrock:RetrieveAndGenerate',
  'bedrock:CreateModelInvocationJob',
  'bedrock-agentcore:InvokeAgentRuntime',
  'bedrock-agentcore:InvokeAgentRuntimeForUser',
  'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStream',
  'bedrock-agentcore:InvokeAgentRuntimeWithWebSocketStreamForUser',
  'bedrock-agentcore:InvokeAgentRuntimeCommand',
  'bedrock-agentcore:InvokeAgentRuntimeCommandShell',
  'bedrock-agentcore:InvokeGateway',
  'bedrock-agentcore:InvokeHarness',
  'qbusiness:Chat',
  'qbusiness:ChatSync',
];

/** The runtimes whose resources are AI agents by type (Lambda and ECS run anything). */
export const AI_AGENT_RUNTIMES: readonly NativeRuntime[] = [
  'bedrock-agent',
  'agentcore-runtime',
  'agentcore-gateway',
  'agentcore-harness',
  'agentcore-browser',
  'agentcore-code-interpreter',
];

/** Service principals that only AI agents use (`lib/runtimes.ts`, from the same sources). */
export const AI_SERVICE_PRINCIPALS: readonly string[] = [
  ...new Set(AI_AGENT_RUNTIMES.map((r) => NATIVE_RUNTIMES[r].servicePrincipal)),
];

const AI_RESOURCE_BY_TYPE = new Map(
  AI_AGENT_RUNTIMES.map((r) => [NATIVE_RUNTIMES[r].resourceType, r] as const),
);

/** An AI-agent resource of the stack and the role it runs with. */
export interface AiResourceUse {
  resource: PolicyResource;
  runtime: NativeRuntime;
  /** The role argument, e.g. `roleArn`. */
  argument: string;
}

/**
 * Every role of the stack that an AI-agent resource runs with: by the role argument's ARN when
 * known, else through `propertyDependencies` (a new role's ARN at preview).
 */
export const aiResourceUses = memoizeByIdentity(
  (resources: readonly PolicyResource[]): Map<PolicyResource, AiResourceUse[]> => {
    const uses = new Map<PolicyResource, AiResourceUse[]>();
    for (const resource of resources) {
      const runtime = AI_RESOURCE_BY_TYPE.get(resource.type);
      if (!runtime) continue;
      const argument = NATIVE_RUNTIMES[runtime].roleArgument;
      const value = readKnown(() => resource.props[argument] as unknown);
      const roles = new Set<PolicyResource>();
      if (value.known && typeof value.value === 'string') {
        for (const role of rolesMatchingArn(resources, value.value)) roles.add(role);
      }
      for (const dep of resource.propertyDependencies?.[argument] ?? []) {
        if (dep && dep.type === RESOURCE_TYPES.role) roles.add(dep);
      }
      for (const role of roles) {
        uses.set(role, [...(uses.get(role) ?? []), { resource, runtime, argument }]);
      }
    }
    return uses;
  },
);

/** One grant of a model-invoking action: the pattern as written and the document it is in. */
export interface ModelInvokeGrant {
  source: string;
  pattern: string;
  action: string;
}

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The model-invoking actions the documents allow, by patterns that name the service or the action
 * (`bedrock:*`, `bedrock:Invoke*`, `*:InvokeModel`). A bare `*`, `*:*` or a `NotAction` grants them
 * too, but is no sign of an AI workload: every administrator role would be one; such roles are judged as
 * agents only when something else makes them one.
 */
export function modelInvokeGrants(policies: readonly PolicySource[]): ModelInvokeGrant[] {
  const grants: ModelInvokeGrant[] = [];
  for (const policy of policies) {
    const doc = policy.document as { Statement?: unknown } | undefined;
    if (!doc || typeof doc !== 'object') continue;
    for (const statement of asList(doc.Statement)) {
      if (!statement || typeof statement !== 'object') continue;
      const s = statement as Record<string, unknown>;
      if (s.Effect !== 'Allow') continue;
      for (const raw of asList(s.Action)) {
        // Some literal character besides the separator: the pattern names what it grants.
        if (typeof raw !== 'string' || !/[^*?:]/.test(raw)) continue;
        const pattern = raw.toLowerCase();
        const action = MODEL_INVOKE_ACTIONS.find((a) =>
          matchesGlob(pattern, a.toLowerCase(), { caseSensitive: true }),
        );
        if (action) grants.push({ source: policy.source, pattern: raw, action });
      }
    }
  }
  return grants;
}
