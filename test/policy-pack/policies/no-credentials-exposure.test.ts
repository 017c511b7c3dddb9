import { agentNoCredentialsExposure } from '../../../policy-pack/policies/no-credentials-exposure';
import { verdictsOf } from '../../support/harness';
import { testCategoryPolicy } from './category-policy-cases';
import { allow, withRolePolicy } from './permission-fixtures';

describe('agent-no-credentials-exposure', () => {
  testCategoryPolicy(agentNoCredentialsExposure, {
    risky: allow(['redshift:GetClusterCredentials']),
    riskyName: '"redshift:GetClusterCredentials" on "*"',
    finding:
      'lets the agent obtain credentials of any identity or resource with "redshift:GetClusterCredentials"; name the exact roles, users or databases in Resource, or drop these actions.',
    adminFinding:
      'lets the agent obtain credentials of any identity or resource with "airflow:CreateCliToken", "airflow:CreateWebLoginToken", "appsync:CreateApiKey", "chime:CreateApiKey", "codepipeline:PollForJobs" and 27 more; name the exact roles, users or databases in Resource, or drop these actions.',
  });

  test('the caller-scoped ecr:GetAuthorizationToken on "*" is not flagged', async () => {
    expect(
      await verdictsOf(
        agentNoCredentialsExposure,
        withRolePolicy(allow('ecr:GetAuthorizationToken')),
      ),
    ).toEqual([]);
  });
});
