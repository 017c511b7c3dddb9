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
