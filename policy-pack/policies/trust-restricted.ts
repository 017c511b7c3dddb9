import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readTrust } from '../lib/agents';
import { AGENT_SESSION_TAG } from '../lib/conventions';
import { allowsAction, type TrustStatement, type TrustedPrincipal } from '../lib/trust';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-trust-restricted';

const SESSION_TAG_KEY = `aws:requesttag/${AGENT_SESSION_TAG}`;
/** A whole account: `arn:aws:iam::123456789012:root` or a bare account id (IAM policy grammar). */
const WHOLE_ACCOUNT = /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/;

/** Why a trusted principal is refused, or undefined when it is allowed. */
function principalProblem(p: TrustedPrincipal, allowed: Set<string>): string | undefined {
  switch (p.kind) {
    case 'anyone':
      return 'Principal "*" lets any AWS principal assume the role';
    case 'service':
      return `the service principal "${p.value}" may assume the role; agents are assumed only by Vault`;
    case 'federated':
      return `the federated principal "${p.value}" may assume the role; agents are assumed only by Vault`;
    case 'canonical-user':
      return `the principal "${p.value}" may assume the role; agents are assumed only by Vault`;
    case 'aws':
      if (allowed.has(p.value)) return undefined;
      if (WHOLE_ACCOUNT.test(p.value)) {
        return `the whole account "${p.value}" may assume the role, i.e. any principal in it that its own policies allow`;
      }
      return `"${p.value}" may assume the role but is neither a configured Vault principal (vaultPrincipalArns) nor a declared delegation (delegations)`;
  }
}

/** The exact values a statement requires for the `agent` session tag, or undefined if none. */
function sessionTagValues(s: TrustStatement): string[] | undefined {
  for (const [operator, body] of Object.entries(s.conditions)) {
    // StringLike only counts without wildcards, when it means the same as StringEquals.
    if (operator !== 'StringEquals' && operator !== 'StringLike') continue;
    for (const [key, value] of Object.entries(body)) {
      if (key.toLowerCase() !== SESSION_TAG_KEY) continue;
      const values = (Array.isArray(value) ? value : [value]).map(String);
      if (operator === 'StringLike' && values.some((x) => /[*?]/.test(x))) continue;
      return values;
    }
  }
  return undefined;
}

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
          return v.unknown(subject, 'the trust policy (assumeRolePolicy)', trust.path);
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
