/**
 * Wrong: the triager declares its call to the notifier, but the notifier's hand-written trust
 * lets the triager in on its agent tag alone: no source identity and no `on-behalf-of` user
 * context, so the notifier's sessions cannot say which user they act for, and the call is
 * accountable to no one. Expect agent-delegation-safe, and at the role's own step
 * agent-step-trust-restricted.
 */
import { Agent } from '../../components';
import {
  ACCOUNT_ID,
  FLEET_BOUNDARY_ARN,
  VAULT_PRINCIPAL_ARN,
  daysFromToday,
  exampleFleet,
} from '../shared/fleet';
import { rawAgent } from '../shared/raw-agent';

const fleet = exampleFleet();
const queue = `arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`;

new Agent('ticket-triager', {
  fleet,
  owner: 'team:support',
  purpose: 'Reads new support tickets and routes them to the right team',
  expiresOn: daysFromToday(30),
  permissions: [{ actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], resources: [queue] }],
  delegatesTo: ['ticket-notifier'],
});

rawAgent('ticket-notifier', {
  permissionsBoundary: FLEET_BOUNDARY_ARN,
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: VAULT_PRINCIPAL_ARN },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:RequestTag/agent': 'ticket-notifier' } },
      },
      {
        Sid: 'CalledByTriager',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ticket-triager` },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:PrincipalTag/agent': 'ticket-triager' } },
      },
    ],
  }),
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['sqs:DeleteMessage'], Resource: [queue] }],
  },
});
