/**
 * Wrong: the agent's policy document is built with `pulumi.jsonStringify` from a new bucket's ARN,
 * so the whole document is unknown at preview, and Pulumi would judge it only after `pulumi up`
 * created everything. Expect the permission policies (agent-no-admin and the others), naming the
 * bucket the document is computed from. Fix: build the ARN from the bucket's literal name.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { rawAgent } from '../shared/raw-agent';

const salesBucket = new aws.s3.Bucket('sales-exports');
const role = rawAgent('sales-exporter');
new aws.iam.RolePolicy('sales-exporter-bucket-policy', {
  role: role.name,
  policy: pulumi.jsonStringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [pulumi.interpolate`${salesBucket.arn}/*`],
      },
    ],
  }),
});
