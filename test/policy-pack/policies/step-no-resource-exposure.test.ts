import { agentNoResourceExposure } from '../../../policy-pack/policies/no-resource-exposure';
import { agentStepNoResourceExposure } from '../../../policy-pack/policies/step-no-resource-exposure';
import { allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';

describe('agent-step-no-resource-exposure', () => {
  testStepPermissionPolicy(agentStepNoResourceExposure, agentNoResourceExposure, {
    risky: allow(['s3:PutBucketPolicy']),
    finding:
      'lets the agent change permissions or resource policies on any resource with "s3:PutBucketPolicy"; name the one resource it manages in Resource, or drop these actions.',
    scope: 'effective',
  });
});
