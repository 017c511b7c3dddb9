/**
 * Right: the AgentCore sample runtime, with its role declared through `Agent` (runtime
 * "agentcore-runtime"): an owner, a purpose, an expiry, the fleet boundary, a trust that admits only
 * AgentCore pinned to this account, and exactly the model and image it needs. Expect exit 0.
 */
import * as aws from '@pulumi/aws';
import { Agent } from '../../components';
import { ACCOUNT_ID, daysFromToday, exampleFleet } from '../shared/fleet';

const fleet = exampleFleet();
const repository = `arn:aws:ecr:us-east-1:${ACCOUNT_ID}:repository/basic-agent`;

const agent = new Agent('basic-runtime', {
  fleet,
  runtime: 'agentcore-runtime',
  owner: 'team:platform',
  purpose: 'Answers questions with the basic AgentCore sample agent',
  expiresOn: daysFromToday(30),
  permissions: [
    {
      sid: 'InvokeOneModel',
      actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      resources: [
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
      ],
    },
    {
      sid: 'PullItsImage',
      actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      resources: [repository],
    },
  ],
});

new aws.bedrock.AgentcoreAgentRuntime('basic-runtime', {
  agentRuntimeName: 'basic_runtime',
  agentRuntimeArtifact: {
    containerConfiguration: {
      containerUri: `${ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/basic-agent:latest`,
    },
  },
  networkConfiguration: { networkMode: 'PUBLIC' },
  roleArn: agent.roleArn,
});
