/**
 * Wrong: the agent's own policy reads one prefix, but the bucket's policy grants its role s3:* on
 * the bucket and every object. A grant is a grant wherever it is written.
 * Expect agent-no-wildcard-actions, naming the bucket policy.
 */
import * as aws from '@pulumi/aws';
import { ACCOUNT_ID } from '../shared/fleet';
import { rawAgent } from '../shared/raw-agent';

rawAgent('sales-exporter');

const bucket = new aws.s3.Bucket('sales-exports', { bucket: 'sales-exports' });

new aws.s3.BucketPolicy('sales-exports-policy', {
  bucket: bucket.bucket,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-sales-exporter` },
        Action: 's3:*',
        Resource: ['arn:aws:s3:::sales-exports', 'arn:aws:s3:::sales-exports/*'],
      },
    ],
  }),
});
