/**
 * Wrong: the trust policy allows any AWS principal to assume the agent's role. Expect
 * agent-trust-restricted.
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('sales-exporter', {
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: ['sts:AssumeRole', 'sts:TagSession'] }],
  }),
});
