import { agentNoCredentialsExposure } from '../../../policy-pack/policies/no-credentials-exposure';
import { agentStepNoCredentialsExposure } from '../../../policy-pack/policies/step-no-credentials-exposure';
import { allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';

describe('agent-step-no-credentials-exposure', () => {
  testStepPermissionPolicy(agentStepNoCredentialsExposure, agentNoCredentialsExposure, {
    risky: allow(['redshift:GetClusterCredentials']),
    finding:
      'lets the agent obtain credentials of any identity or resource with "redshift:GetClusterCredentials"; name the exact roles, users or databases in Resource, or drop these actions.',
    scope: 'effective',
  });
});
