/**
 * Wrong: the planner calls the researcher and the researcher calls the planner. Each call is
 * declared and carries identity, but around the cycle an agent calls itself through the other,
 * as often as it likes. Expect agent-delegation-safe: a cycle.
 */
import { AgentFleet } from '../../components';
import { ACCOUNT_ID, VAULT_PRINCIPAL_ARN, daysFromToday } from '../shared/fleet';

const readNotes = [
  {
    actions: ['s3:GetObject'],
    resources: ['arn:aws:s3:::research-notes/shared/*'],
  },
];

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
      name: 'planner',
      owner: 'team:data',
      purpose: `Plans research tasks in account ${ACCOUNT_ID}`,
      expiresOn: daysFromToday(30),
      permissions: readNotes,
      delegatesTo: ['researcher'],
    },
    {
      name: 'researcher',
      owner: 'team:data',
      purpose: 'Researches one task and asks the planner for the next',
      expiresOn: daysFromToday(30),
      permissions: readNotes,
      delegatesTo: ['planner'],
    },
  ],
});
