import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readTrust } from '../lib/agents';
import { AGENT_SESSION_TAG } from '../lib/conventions';
import { principalProblem, sessionTagValues } from '../lib/identity/trust';
import { allowsAction } from '../lib/trust';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-trust-restricted';

export const agentTrustRestricted: StackValidationPolicy = {
  name: NAME,
  description:
    'Only the configured Vault principals or declared delegating agents may assume an agent role, tagging the session with the agent name.',
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Make the trust policy allow only the Vault principal (vaultPrincipalArns) to call sts:AssumeRole and sts:TagSession, with the condition StringEquals "aws:RequestTag/agent" = the agent name; list any agent that must assume another under `delegations` in the policy-pack config.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const vault = v.config.vaultPrincipalArns;
    const agents = discoverAgents(args.resources, v.config);
    for (const agent of agents) {
      const subject = subjectOf(agent);
      const who = `Agent "${agent.agentName}": trust policy of role "${agent.roleName ?? agent.role.name}"`;
      v.judge(subject, () => {
        const trust = readTrust(agent.role);
        if (!trust.known)
          return v.unknown(subject, 'the trust policy (assumeRolePolicy)', trust.path, agent.role);
        if (!trust.value.ok) {
          return v.violation(
            subject,
            `${who} ${trust.value.problem}; write it as an IAM policy document.`,
          );
        }
        const delegated = v.config.delegations
          .filter((d) => d.agent === agent.agentName)
          .flatMap((d) => d.principals);
        const allowed = new Set([...vault, ...delegated]);
        // Any Allow of an STS action grants some way in (AssumeRole, AssumeRoleWithWebIdentity, ...).
        const assumeStatements = trust.value.statements.filter(
          (s) =>
            s.effect === 'Allow' &&
            (s.notAction || s.actions.some((a) => a === '*' || a.startsWith('sts:'))),
        );
        const problems = new Set<string>();
        for (const s of assumeStatements) {
          if (s.notPrincipal) problems.add('NotPrincipal trusts every principal it does not list');
          if (s.notAction) problems.add('NotAction allows every STS action it does not list');
          // The principals a NotPrincipal lists are the ones it does not trust: not a problem.
          for (const p of s.notPrincipal ? [] : s.principals) {
            const problem = principalProblem(p, allowed);
            if (problem) problems.add(problem);
          }
        }
        for (const problem of problems) {
          v.violation(
            subject,
            `${who}: ${problem}; allow only ${vault.length > 0 ? vault.map((a) => `"${a}"`).join(', ') : 'the Vault principal (set vaultPrincipalArns in the policy-pack config)'}.`,
          );
        }
        const vaultStatements = assumeStatements.filter(
          (s) =>
            !s.notPrincipal &&
            s.principals.some((p) => p.kind === 'aws' && vault.includes(p.value)),
        );
        if (vaultStatements.length === 0) {
          return v.violation(
            subject,
            vault.length === 0
              ? `${who} cannot be checked: no Vault principal is configured; set vaultPrincipalArns in the policy-pack config to the IAM principal Vault's AWS secrets engine uses.`
              : `${who} does not let the Vault principal assume the role, so Vault cannot issue its credentials; allow ${vault.map((a) => `"${a}"`).join(', ')} to call sts:AssumeRole and sts:TagSession.`,
          );
        }
        if (!vaultStatements.some((s) => allowsAction(s, 'sts:TagSession'))) {
          v.violation(
            subject,
            `${who} does not allow sts:TagSession for the Vault principal, so sessions cannot carry the "${AGENT_SESSION_TAG}" tag; add "sts:TagSession" to the statement's actions.`,
          );
        }
        for (const s of vaultStatements.filter((x) => allowsAction(x, 'sts:AssumeRole'))) {
          const values = sessionTagValues(s);
          const where = s.sid ? `statement "${s.sid}"` : `Statement[${s.index}]`;
          if (!values) {
            v.violation(
              subject,
              `${who}: ${where} lets Vault assume the role without requiring the "${AGENT_SESSION_TAG}" session tag; add the condition StringEquals "aws:RequestTag/${AGENT_SESSION_TAG}": "${agent.agentName}".`,
            );
          } else if (values.length !== 1 || values[0] !== agent.agentName) {
            v.violation(
              subject,
              `${who}: ${where} requires the "${AGENT_SESSION_TAG}" session tag to be ${JSON.stringify(values.length === 1 ? values[0] : values)}, not the agent's name; require StringEquals "aws:RequestTag/${AGENT_SESSION_TAG}": "${agent.agentName}".`,
            );
          }
        }
        return undefined;
      });
    }
    v.finish(agents.map(subjectOf));
  },
};
