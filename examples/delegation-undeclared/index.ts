/**
 * Wrong: the triager grants itself sts:AssumeRole on the notifier's role, and the notifier's
 * hand-written trust lets it in with every identity condition, but the triager never declares the
 * call (no delegatesTo, so no `agent:delegates-to` tag): a reviewer reading the declarations cannot
 * see that one agent can become the other. Expect agent-delegation-safe and agent-trust-restricted.
 */
import { Agent } from '../../components';
import { delegationTrustConditions } from '../../policy-pack/lib/identity/delegation';
import {
  ACCOUNT_ID,
  FLEET_BOUNDARY_ARN,
  VAULT_PRINCIPAL_ARN,
  daysFromToday,
  exampleFleet,
} from '../shared/fleet';
import { rawAgent } from '../shared/raw-agent';

const fleet = exampleFleet();
const triagerArn = `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ticket-triager`;
const notifierArn = `arn:aws:iam::${ACCOUNT_ID}:role/agents/agent-ticket-notifier`;

new Agent('ticket-triager', {
  fleet,
  owner: 'team:support',
  purpose: 'Reads new support tickets and routes them to the right team',
  expiresOn: daysFromToday(30),
  permissions: [
    {
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'],
      resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
    },
    {
      actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      resources: [notifierArn],
    },
  ],
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
        Effect: 'Allow',
        Principal: { AWS: triagerArn },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: delegationTrustConditions('ticket-triager', 'ticket-notifier').firstHop,
      },
    ],
  }),
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['sqs:DeleteMessage'],
        Resource: [`arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`],
      },
    ],
  },
});
