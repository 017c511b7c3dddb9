/**
 * Wrong: the triager may only read the ticket queue, but it calls the notifier, which may also
 * publish to every requester through the notices topic. Through the call the triager can do what
 * it was never granted. Expect agent-delegation-safe: amplification, naming sns:Publish.
 */
import { AgentFleet } from '../../components';
import { ACCOUNT_ID, VAULT_PRINCIPAL_ARN, daysFromToday } from '../shared/fleet';

const queue = `arn:aws:sqs:eu-west-1:${ACCOUNT_ID}:support-tickets`;
const topic = `arn:aws:sns:eu-west-1:${ACCOUNT_ID}:ticket-notices`;

new AgentFleet('agents', {
  vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
  awsSecretsEngine: {
    mode: 'workload-identity',
    path: 'aws-agents',
    identityTokenAudience: 'vault-aws-secrets',
    roleArn: VAULT_PRINCIPAL_ARN,
  },
  agents: [
    {
      name: 'ticket-triager',
      owner: 'team:support',
      purpose: 'Reads new support tickets and routes them to the right team',
      expiresOn: daysFromToday(30),
      permissions: [{ actions: ['sqs:ReceiveMessage'], resources: [queue] }],
      delegatesTo: ['ticket-notifier'],
    },
    {
      name: 'ticket-notifier',
      owner: 'team:support',
      purpose: 'Tells requesters where the ticket triager routed their ticket',
      expiresOn: daysFromToday(30),
      permissions: [
        { actions: ['sqs:ReceiveMessage'], resources: [queue] },
        { actions: ['sns:Publish'], resources: [topic] },
      ],
    },
  ],
});
