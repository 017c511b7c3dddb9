/**
 * What makes a role an AI workload: an AI-agent resource runs with it, it trusts an AI service, or
 * it can invoke models. Pure reads of the stack; the policies decide what follows.
 */
import { asArray, documentStatements } from '../engine/element-names';
import { matchesGlob } from '../engine/glob';
import type { PolicySource } from '../engine';

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

/** One grant of a model-invoking action: the pattern as written and the document it is in. */
export interface ModelInvokeGrant {
  source: string;
  pattern: string;
  action: string;
}

/**
 * The model-invoking actions the documents allow, by patterns that name the service or the action
 * (`bedrock:*`, `bedrock:Invoke*`, `*:InvokeModel`). A bare `*`, `*:*` or a `NotAction` grants them
 * too, but is no sign of an AI workload: every administrator role would be one; such roles are judged as
 * agents only when something else makes them one.
 */
export function modelInvokeGrants(policies: readonly PolicySource[]): ModelInvokeGrant[] {
  const grants: ModelInvokeGrant[] = [];
  for (const policy of policies) {
    for (const s of documentStatements(policy.document)) {
      if (s.Effect !== 'Allow') continue;
      for (const raw of asArray(s.Action)) {
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
