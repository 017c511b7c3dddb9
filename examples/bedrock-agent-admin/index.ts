/**
 * Wrong: a Bedrock agent whose service role has AdministratorAccess. The role is tagged as an agent
 * and trusts only Bedrock, pinned to the account; the admin grant is the mistake.
 * Expect agent-no-admin.
 */
import * as aws from '@pulumi/aws';
import { ACCOUNT_ID, daysFromToday } from '../shared/fleet';
import { BOUNDARY_ARN } from '../shared/raw-agent';

const role = new aws.iam.Role('support-assistant-role', {
  name: 'agent-support-assistant',
  path: '/agents/',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'bedrock.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:us-east-1:${ACCOUNT_ID}:agent/*` },
        },
      },
    ],
  }),
  permissionsBoundary: BOUNDARY_ARN,
  tags: {
    'agent:name': 'support-assistant',
    'agent:owner': 'team:support',
    'agent:purpose': 'Answers customer questions from the help centre',
    'agent:expires-on': daysFromToday(30),
    'agent:runtime': 'bedrock-agent',
  },
});

new aws.iam.RolePolicyAttachment('support-assistant-admin', {
  role: role.name,
  policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
});

new aws.bedrock.AgentAgent('support-assistant', {
  agentName: 'support-assistant',
  agentResourceRoleArn: role.arn,
  foundationModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
  instruction: 'Answer customer questions using the help centre articles.',
});
