/**
 * Wrong: intake calls triage, triage calls routing, routing calls notify: three calls deep, one
 * more than the default limit of two (maxDelegationDepth). Every hop is declared and carries
 * identity, and no callee can do more than its caller. Expect agent-delegation-safe: the depth.
 */
import { AgentFleet } from '../../components';
import { VAULT_PRINCIPAL_ARN, daysFromToday } from '../shared/fleet';

const readTickets = [
  {
    actions: ['s3:GetObject'],
    resources: ['arn:aws:s3:::support-tickets/inbox/*'],
  },
];
const chain = ['intake', 'triage', 'routing', 'notify'];

new AgentFleet('agents', {
  vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
  awsSecretsEngine: {
    mode: 'workload-identity',
    path: 'aws-agents',
    identityTokenAudience: 'vault-aws-secrets',
    roleArn: VAULT_PRINCIPAL_ARN,
  },
  agents: chain.map((name, i) => ({
    name,
    owner: 'team:support',
    purpose: `Handles the ${name} step of a support ticket`,
    expiresOn: daysFromToday(30),
    permissions: readTickets,
    ...(i + 1 < chain.length ? { delegatesTo: [chain[i + 1]] } : {}),
  })),
});
