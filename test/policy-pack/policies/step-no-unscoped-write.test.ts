import { agentNoUnscopedWrite } from '../../../policy-pack/policies/no-unscoped-write';
import { agentStepNoUnscopedWrite } from '../../../policy-pack/policies/step-no-unscoped-write';
import { allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';

describe('agent-step-no-unscoped-write', () => {
  testStepPermissionPolicy(agentStepNoUnscopedWrite, agentNoUnscopedWrite, {
    risky: allow(['sns:Publish', 'sqs:SendMessage']),
    finding:
      'allows 2 write actions ("sns:Publish", "sqs:SendMessage") on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:sns:us-east-1:123456789012:my-topic".',
    scope: 'effective',
  });
});
