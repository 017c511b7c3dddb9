import { agentNoDataExfiltration } from '../../../policy-pack/policies/no-data-exfiltration';
import { agentStepNoDataExfiltration } from '../../../policy-pack/policies/step-no-data-exfiltration';
import { allow } from './permission-fixtures';
import { testStepPermissionPolicy } from './step-permission-cases';

describe('agent-step-no-data-exfiltration', () => {
  testStepPermissionPolicy(agentStepNoDataExfiltration, agentNoDataExfiltration, {
    risky: allow(['s3:GetObject']),
    finding:
      'lets the agent read data from any resource with "s3:GetObject"; name the buckets, tables, queues, streams, log groups, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").',
    scope: 'effective',
  });
});
