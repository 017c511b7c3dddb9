/**
 * Wrong: a Lambda function that summarises documents with a Bedrock model. Its role can invoke
 * models, so it is an AI workload, and nobody declared it as an agent.
 * Expect agent-ai-workload-declared.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const role = new aws.iam.Role('summariser-role', {
  name: 'document-summariser',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  }),
  inlinePolicies: [
    {
      name: 'invoke-claude',
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'bedrock:InvokeModel',
            Resource:
              'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
          },
        ],
      }),
    },
  ],
});

new aws.lambda.Function('summariser', {
  name: 'document-summariser',
  runtime: aws.lambda.Runtime.NodeJS20dX,
  handler: 'index.handler',
  role: role.arn,
  code: new pulumi.asset.AssetArchive({
    'index.js': new pulumi.asset.StringAsset('exports.handler = async () => ({});'),
  }),
});
