/**
 * Wrong: a role written by hand for an agent, copied from documentation. It has no owner and
 * grants every action on every resource. Expect agent-owner-required and agent-no-wildcard-actions.
 */
import * as aws from '@pulumi/aws';
import { vaultTrustPolicy } from '../shared/fleet';

const role = new aws.iam.Role('support-bot', {
  name: 'agent-support-bot',
  assumeRolePolicy: vaultTrustPolicy('support-bot'),
  tags: { 'agent:name': 'support-bot', 'agent:purpose': 'Answers support tickets' },
});

new aws.iam.RolePolicy('support-bot-policy', {
  role: role.name,
  policy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  }),
});
