/**
 * Wrong: the owner tag is computed from a resource created in the same stack, so at preview (on
 * the pull request) nobody can see who owns the agent. Expect agent-owner-required: an owner
 * unknown at preview fails closed; write the owner as a literal.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { daysFromToday, vaultTrustPolicy } from '../shared/fleet';

const team = new aws.iam.Group('payments-team', { name: 'payments' });

new aws.iam.Role('refund-checker', {
  name: 'agent-refund-checker',
  path: '/agents/',
  assumeRolePolicy: vaultTrustPolicy('refund-checker'),
  permissionsBoundary: 'arn:aws:iam::123456789012:policy/agents/agent-boundary',
  tags: {
    'agent:name': 'refund-checker',
    'agent:owner': pulumi.interpolate`team:${team.id}`,
    'agent:purpose': 'Checks refund requests against the payment ledger',
    'agent:expires-on': daysFromToday(30),
    'agent:managed-by': 'hand-written',
  },
});
