import { agentNoWildcardActions } from '../../../policy-pack/policies/no-wildcard-actions';
import { agentStepNoWildcardActions } from '../../../policy-pack/policies/step-no-wildcard-actions';
import { allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';

describe('agent-step-no-wildcard-actions', () => {
  testStepPermissionPolicy(agentStepNoWildcardActions, agentNoWildcardActions, {
    risky: allow('s3:Get*', 'arn:aws:s3:::tickets/*'),
    finding:
      'allows the wildcard action "s3:Get*": "s3:Get*" is a wildcard; list the exact actions, e.g. "s3:GetObject". A wildcard is refused as written, even where a Deny or the permissions boundary narrows it.',
    scope: 'as-written',
  });
});
