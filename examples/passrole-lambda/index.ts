/**
 * Wrong: an agent that deploys "helper" functions: iam:PassRole, lambda:CreateFunction and
 * lambda:InvokeFunction on "*" let it run code as any role in the account (Cloudsplaining's
 * CreateNewFunctionWithPassRole escalation). Expect agent-no-privilege-escalation.
 */
import { rawAgent } from '../shared/raw-agent';

rawAgent('code-runner', {
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
        Resource: '*',
      },
    ],
  },
});
