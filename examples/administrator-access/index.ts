/**
 * Wrong: a well-declared agent, then AdministratorAccess attached to its role "just for now".
 * Expect agent-no-admin.
 */
import * as aws from '@pulumi/aws';
import { Agent } from '../../components';
import { daysFromToday, exampleFleet } from '../shared/fleet';

const fleet = exampleFleet();
const agent = new Agent('incident-responder', {
  fleet,
  owner: 'team:sre',
  purpose: 'Reads alarms and summarises incidents for the on-call engineer',
  expiresOn: daysFromToday(30),
  permissions: [{ actions: ['cloudwatch:DescribeAlarms'], resources: ['*'] }],
});

new aws.iam.RolePolicyAttachment('incident-responder-admin', {
  role: agent.roleName,
  policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
});
