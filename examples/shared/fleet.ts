/**
 * What every example shares: one compliant fleet, as in the repo's `index.ts`, so that each
 * example differs from a good program by exactly the mistake it shows.
 */
import { AgentFleet, type AgentFleetArgs } from '../../components';

/** The IAM role Vault's AWS secrets engine runs as; the repo's `agent-iam.config.json` names it too. */
export const VAULT_PRINCIPAL_ARN = 'arn:aws:iam::123456789012:role/vault-secrets-engine';
export const ACCOUNT_ID = '123456789012';
/** The permissions boundary `exampleFleet()` creates, for agents written by hand next to it. */
export const FLEET_BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT_ID}:policy/agents/agent-boundary-agents`;

export function exampleFleet(agents: AgentFleetArgs['agents'] = []): AgentFleet {
  return new AgentFleet('agents', {
    vaultPrincipalArn: VAULT_PRINCIPAL_ARN,
    awsSecretsEngine: {
      mode: 'workload-identity',
      path: 'aws-agents',
      identityTokenAudience: 'vault-aws-secrets',
      roleArn: VAULT_PRINCIPAL_ARN,
    },
    appRoleAuth: { mode: 'create', path: 'agents' },
    agents,
  });
}

/** Keeps the examples valid on any day; a real stack writes the literal date. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The statement of the trust the components write: only Vault, tagging the session with the name. */
export function vaultTrustStatement(agentName: string) {
  return {
    Effect: 'Allow',
    Principal: { AWS: VAULT_PRINCIPAL_ARN },
    Action: ['sts:AssumeRole', 'sts:TagSession'],
    Condition: { StringEquals: { 'aws:RequestTag/agent': agentName } },
  };
}

/** The trust policy the components write: only Vault, tagging the session with the agent's name. */
export function vaultTrustPolicy(agentName: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [vaultTrustStatement(agentName)] });
}
