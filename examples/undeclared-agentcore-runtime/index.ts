/**
 * Wrong: an AgentCore runtime as the AgentCore samples (awslabs/amazon-bedrock-agentcore-samples,
 * `basic-runtime`) write it: a role that trusts bedrock-agentcore.amazonaws.com, with
 * BedrockAgentCoreFullAccess and `bedrock:InvokeModel` on "*", and nobody declared it as an agent:
 * no owner, no expiry, no review. Expect agent-ai-workload-declared.
 */
import * as aws from '@pulumi/aws';
import { ACCOUNT_ID } from '../shared/fleet';

const role = new aws.iam.Role('basic-runtime-role', {
  name: 'basic-agentcore-runtime-role',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'bedrock-agentcore.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_ID } },
      },
    ],
  }),
});

new aws.iam.RolePolicyAttachment('basic-runtime-agentcore', {
  role: role.name,
  policyArn: 'arn:aws:iam::aws:policy/BedrockAgentCoreFullAccess',
});

new aws.iam.RolePolicy('basic-runtime-models', {
  role: role.name,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: '*',
      },
    ],
  }),
});

new aws.bedrock.AgentcoreAgentRuntime('basic-runtime', {
  agentRuntimeName: 'basic_runtime',
  agentRuntimeArtifact: {
    containerConfiguration: {
      containerUri: `${ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/basic-agent:latest`,
    },
  },
  networkConfiguration: { networkMode: 'PUBLIC' },
  roleArn: role.arn,
});
