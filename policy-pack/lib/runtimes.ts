/**
 * Where an agent runs, and so who may assume its role: Vault, for agents outside AWS, or the AWS
 * service that runs it. One table for the components (which write the trust) and the pack (which
 * judges it and finds the roles AI services use).
 *
 * Sources, per runtime:
 * - Bedrock agents: Amazon Bedrock User Guide, "Create a service role for Amazon Bedrock Agents"
 *   (trust `bedrock.amazonaws.com`, `aws:SourceAccount`, `aws:SourceArn` `…:agent/*`); role
 *   argument `agentResourceRoleArn` of `aws.bedrock.AgentAgent` (`@pulumi/aws` 7.48
 *   `bedrock/agentAgent.d.ts`).
 * - AgentCore runtime, gateway, harness, browser, code interpreter: Amazon Bedrock AgentCore
 *   Developer Guide, "IAM Permissions for AgentCore Runtime" and "AgentCore Gateway … IAM
 *   Permissions" (trust `bedrock-agentcore.amazonaws.com`, `aws:SourceAccount`, `aws:SourceArn`
 *   `arn:aws:bedrock-agentcore:<region>:<account>:*`); role arguments `roleArn`
 *   (`agentcoreAgentRuntime.d.ts`, `agentcoreGateway.d.ts`) and `executionRoleArn`
 *   (`agentcoreHarness.d.ts`, `agentcoreBrowser.d.ts`, `agentcoreCodeInterpreter.d.ts`).
 * - Lambda: AWS Lambda Developer Guide, "Defining Lambda function permissions with an execution
 *   role" (trust `lambda.amazonaws.com`); Lambda sets `aws:SourceAccount` but no `aws:SourceArn`
 *   when it assumes an execution role, so only the account is pinned; role argument `role` of
 *   `aws.lambda.Function`.
 * - ECS tasks: Amazon ECS Developer Guide, "Amazon ECS task IAM role" (trust
 *   `ecs-tasks.amazonaws.com`, `aws:SourceAccount`, `aws:SourceArn` `arn:aws:ecs:<region>:<account>:*`);
 *   role argument `taskRoleArn` of `aws.ecs.TaskDefinition`.
 */

/** The runtimes an `Agent` may declare. `vault` is the default: credentials issued by Vault. */
export const RUNTIMES = [
  'vault',
  'bedrock-agent',
  'agentcore-runtime',
  'agentcore-gateway',
  'agentcore-harness',
  'agentcore-browser',
  'agentcore-code-interpreter',
  'lambda',
  'ecs-task',
] as const;

export type Runtime = (typeof RUNTIMES)[number];
export type NativeRuntime = Exclude<Runtime, 'vault'>;

export interface NativeRuntimeSpec {
  /** What the README and messages call it. */
  title: string;
  /** The service principal that assumes the role. */
  servicePrincipal: string;
  /**
   * The `aws:SourceArn` pattern the service sets, or undefined when it sets none (then only
   * `aws:SourceAccount` is pinned).
   */
  sourceArn?: (partition: string, region: string, account: string) => string;
  /** The Pulumi type token of the resource that runs the agent, and its role argument. */
  resourceType: string;
  roleArgument: string;
  /** How to wire it, for the README and messages. */
  wiring: string;
}

const agentcoreArn = (partition: string, region: string, account: string) =>
  `arn:${partition}:bedrock-agentcore:${region}:${account}:*`;

export const NATIVE_RUNTIMES: Record<NativeRuntime, NativeRuntimeSpec> = {
  'bedrock-agent': {
    title: 'Amazon Bedrock agent',
    servicePrincipal: 'bedrock.amazonaws.com',
    sourceArn: (partition, region, account) =>
      `arn:${partition}:bedrock:${region}:${account}:agent/*`,
    resourceType: 'aws:bedrock/agentAgent:AgentAgent',
    roleArgument: 'agentResourceRoleArn',
    wiring: 'new aws.bedrock.AgentAgent(name, { agentResourceRoleArn: agent.roleArn, ... })',
  },
  'agentcore-runtime': {
    title: 'Bedrock AgentCore runtime',
    servicePrincipal: 'bedrock-agentcore.amazonaws.com',
    sourceArn: agentcoreArn,
    resourceType: 'aws:bedrock/agentcoreAgentRuntime:AgentcoreAgentRuntime',
    roleArgument: 'roleArn',
    wiring: 'new aws.bedrock.AgentcoreAgentRuntime(name, { roleArn: agent.roleArn, ... })',
  },
  'agentcore-gateway': {
    title: 'Bedrock AgentCore gateway',
    servicePrincipal: 'bedrock-agentcore.amazonaws.com',
    sourceArn: agentcoreArn,
    resourceType: 'aws:bedrock/agentcoreGateway:AgentcoreGateway',
    roleArgument: 'roleArn',
    wiring: 'new aws.bedrock.AgentcoreGateway(name, { roleArn: agent.roleArn, ... })',
  },
  'agentcore-harness': {
    title: 'Bedrock AgentCore harness',
    servicePrincipal: 'bedrock-agentcore.amazonaws.com',
    sourceArn: agentcoreArn,
    resourceType: 'aws:bedrock/agentcoreHarness:AgentcoreHarness',
    roleArgument: 'executionRoleArn',
    wiring: 'new aws.bedrock.AgentcoreHarness(name, { executionRoleArn: agent.roleArn, ... })',
  },
  'agentcore-browser': {
    title: 'Bedrock AgentCore browser',
    servicePrincipal: 'bedrock-agentcore.amazonaws.com',
    sourceArn: agentcoreArn,
    resourceType: 'aws:bedrock/agentcoreBrowser:AgentcoreBrowser',
    roleArgument: 'executionRoleArn',
    wiring: 'new aws.bedrock.AgentcoreBrowser(name, { executionRoleArn: agent.roleArn, ... })',
  },
  'agentcore-code-interpreter': {
    title: 'Bedrock AgentCore code interpreter',
    servicePrincipal: 'bedrock-agentcore.amazonaws.com',
    sourceArn: agentcoreArn,
    resourceType: 'aws:bedrock/agentcoreCodeInterpreter:AgentcoreCodeInterpreter',
    roleArgument: 'executionRoleArn',
    wiring:
      'new aws.bedrock.AgentcoreCodeInterpreter(name, { executionRoleArn: agent.roleArn, ... })',
  },
  lambda: {
    title: 'AWS Lambda function',
    servicePrincipal: 'lambda.amazonaws.com',
    resourceType: 'aws:lambda/function:Function',
    roleArgument: 'role',
    wiring: 'new aws.lambda.Function(name, { role: agent.roleArn, ... })',
  },
  'ecs-task': {
    title: 'Amazon ECS task',
    servicePrincipal: 'ecs-tasks.amazonaws.com',
    sourceArn: (partition, region, account) => `arn:${partition}:ecs:${region}:${account}:*`,
    resourceType: 'aws:ecs/taskDefinition:TaskDefinition',
    roleArgument: 'taskRoleArn',
    wiring: 'new aws.ecs.TaskDefinition(name, { taskRoleArn: agent.roleArn, ... })',
  },
};

export function isNativeRuntime(runtime: Runtime): runtime is NativeRuntime {
  return runtime !== 'vault';
}

/**
 * Service principals that only AI agents use: Bedrock agents and AgentCore (the table above).
 * Lambda and ECS run anything, so trusting them says nothing about AI.
 */
export const AI_SERVICE_PRINCIPALS: readonly string[] = [
  'bedrock.amazonaws.com',
  'bedrock-agentcore.amazonaws.com',
];

/**
 * AI resources that are no agent runtime of their own but act with a role on an AI service's
 * behalf: a flow invokes models, prompts and agents; a knowledge base reads its data sources and
 * embeds them with a model; AgentCore memory and its strategies extract with models; a custom
 * model job, an evaluation job and an online evaluation read and write data; a Q Business
 * application answers from an index. The role such a resource runs with is an AI workload like an
 * agent's. Sources: the role arguments of `@pulumi/aws` 7.48 (`bedrock/agentFlow.d.ts`
 * `executionRoleArn`, `agentKnowledgeBase.d.ts` `roleArn`, `agentcoreMemory.d.ts` and
 * `agentcoreMemoryStrategy.d.ts` `memoryExecutionRoleArn`, `agentcoreOnlineEvaluationConfig.d.ts`
 * `evaluationExecutionRoleArn`, `customModel.d.ts` and `evaluationJob.d.ts` `roleArn`,
 * `qbusiness/application.d.ts` `iamServiceRoleArn`); the Amazon Bedrock User Guide's service-role
 * pages ("Create a service role for Amazon Bedrock Flows", "... for Knowledge Bases", "... for
 * model customization", "... for model evaluation jobs"), the AgentCore Developer Guide's memory
 * and evaluation execution roles, and the Amazon Q Business User Guide, "IAM roles for Amazon Q
 * Business".
 */
export interface AiServiceRoleResource {
  title: string;
  resourceType: string;
  roleArgument: string;
}

export const AI_SERVICE_ROLE_RESOURCES: readonly AiServiceRoleResource[] = [
  {
    title: 'Amazon Bedrock flow',
    resourceType: 'aws:bedrock/agentFlow:AgentFlow',
    roleArgument: 'executionRoleArn',
  },
  {
    title: 'Amazon Bedrock knowledge base',
    resourceType: 'aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase',
    roleArgument: 'roleArn',
  },
  {
    title: 'Bedrock AgentCore memory',
    resourceType: 'aws:bedrock/agentcoreMemory:AgentcoreMemory',
    roleArgument: 'memoryExecutionRoleArn',
  },
  {
    title: 'Bedrock AgentCore memory strategy',
    resourceType: 'aws:bedrock/agentcoreMemoryStrategy:AgentcoreMemoryStrategy',
    roleArgument: 'memoryExecutionRoleArn',
  },
  {
    title: 'Bedrock AgentCore online evaluation',
    resourceType: 'aws:bedrock/agentcoreOnlineEvaluationConfig:AgentcoreOnlineEvaluationConfig',
    roleArgument: 'evaluationExecutionRoleArn',
  },
  {
    title: 'Amazon Bedrock custom model',
    resourceType: 'aws:bedrock/customModel:CustomModel',
    roleArgument: 'roleArn',
  },
  {
    title: 'Amazon Bedrock evaluation job',
    resourceType: 'aws:bedrock/evaluationJob:EvaluationJob',
    roleArgument: 'roleArn',
  },
  {
    title: 'Amazon Q Business application',
    resourceType: 'aws:qbusiness/application:Application',
    roleArgument: 'iamServiceRoleArn',
  },
];
