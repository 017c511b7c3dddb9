/**
 * Wrong: an agent that deploys "helper" functions: iam:PassRole, lambda:CreateFunction and
 * lambda:InvokeFunction on "*" let it run code as any role in the account (Cloudsplaining's
 * CreateNewFunctionWithPassRole escalation). Expect agent-no-privilege-escalation.
 */
import * as aws from '@pulumi/aws';
import { Agent } from '../../components';
import { daysFromToday, exampleFleet } from '../shared/fleet';

const fleet = exampleFleet();
const agent = new Agent('code-runner', {
  fleet,
  owner: 'team:platform',
  purpose: 'Runs data-cleaning jobs on demand',
  expiresOn: daysFromToday(30),
  permissions: [{ actions: ['logs:DescribeLogGroups'], resources: ['*'] }],
});

new aws.iam.RolePolicy('code-runner-deploy', {
  role: agent.roleName,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
        Resource: '*',
      },
    ],
  }),
});
