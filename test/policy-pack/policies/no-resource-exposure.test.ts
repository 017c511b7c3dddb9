import { agentNoResourceExposure } from '../../../policy-pack/policies/no-resource-exposure';
import { verdictsOf } from '../../support/harness';
import { testCategoryPolicy } from './category-policy-cases';
import { allow, withRolePolicy } from './permission-fixtures';

describe('agent-no-resource-exposure', () => {
  testCategoryPolicy(agentNoResourceExposure, {
    risky: allow(['s3:PutBucketPolicy']),
    riskyName: '"s3:PutBucketPolicy" on "*"',
    finding:
      'lets the agent change permissions or resource policies on any resource with "s3:PutBucketPolicy"; name the one resource it manages in Resource, or drop these actions.',
    adminFinding:
      'lets the agent change permissions or resource policies on any resource with "acm-pca:CreatePermission", "acm-pca:DeletePermission", "acm-pca:DeletePolicy", "acm-pca:PutPolicy", "aidevops:AllowVendedLogDeliveryForResource" and 458 more; name the one resource it manages in Resource, or drop these actions.',
  });

  test('"s3:PutBucketPolicy" on one named bucket is not flagged', async () => {
    expect(
      await verdictsOf(
        agentNoResourceExposure,
        withRolePolicy(allow('s3:PutBucketPolicy', 'arn:aws:s3:::ticket-attachments')),
      ),
    ).toEqual([]);
  });
});
