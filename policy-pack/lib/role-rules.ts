/**
 * The rules that judge an agent's role on the role alone: its owner and expiry tags, its session
 * limit and its trust policy. Each is one function of one agent, so that the stack policy (every
 * agent of the stack, on outputs, after `pulumi up`'s steps) and the step policy (a role tagged as
 * an agent, on its inputs, before its own step) apply the same rule with the same words.
 */
import { readTrust, type AgentRole } from './agents';
import type { RequiredTag } from './agent-tags';
import { AGENT_SESSION_TAG, formatDuration } from './conventions';
import { dayAfter, expiryProblem } from './identity/expiry';
import { OWNER_FORMAT_HINT, ownerProblem } from './identity/owner';
import { effectiveMaxSession, readSessionSeconds } from './identity/session';
import { readPlain } from './unknowns';
import {
  isAgentServicePrincipal,
  nativeRuntimesTrusted,
  serviceTrustProblems,
} from './identity/native-trust';
import { agentNameOfRoleArn, delegationTrustGaps } from './identity/delegation';
import { principalProblem, sessionTagValues } from './identity/trust';
import { isSuspended } from './suspended';
import { NATIVE_RUNTIMES } from './runtimes';
import { allowsAction, type TrustStatement } from './trust';
import { subjectOf, type AgentSubject, type AgentVerdicts } from './verdicts';

/** The owner tag (agent-owner-required): present, literal, an owner, registered. */
export function ownerTag(v: AgentVerdicts): RequiredTag {
  return {
    key: v.config.tagKeys.owner,
    meaning: 'owner',
    literal: 'value',
    fix: OWNER_FORMAT_HINT,
    problemWith: (value, who) => {
      const problem = ownerProblem(value, v.config.owners);
      if (!problem) return undefined;
      const clause = problem.kind === 'malformed' ? `which ${problem.message}` : problem.message;
      return `${who} is ${JSON.stringify(value)}, ${clause}.`;
    },
  };
}

/** The expiry tag (agent-expiry-required): a date, not passed, at most maxLifetimeDays away. */
export function expiryTag(v: AgentVerdicts): RequiredTag {
  const maxDays = v.config.maxLifetimeDays;
  const latest = dayAfter(v.now, maxDays);
  const fix = `use a date as YYYY-MM-DD, at most ${maxDays} days away (on or before ${latest})`;
  return {
    key: v.config.tagKeys.expiresOn,
    meaning: 'expiry',
    literal: 'date',
    fix,
    problemWith: (value, who, agent, resources) => {
      const problem = expiryProblem(value, v.now, maxDays);
      if (problem?.kind === 'expired' && isSuspended(agent, resources)) {
        // The kill switch already stopped it: nothing can act as it; say what is left to do.
        return {
          advisory: `${who} is "${value}": the agent expired on ${value} and is suspended (its role denies every action); renew it with a reviewed change of its expiry (${fix}), or remove it.`,
        };
      }
      switch (problem?.kind) {
        case undefined:
          return undefined;
        case 'malformed':
          return `${who} is ${JSON.stringify(value)}, which is not a date; ${fix}.`;
        case 'expired':
          return `${who} is "${value}": the agent expired on ${value}; retire it, or after review ${fix}.`;
        case 'too-far':
          return `${who} is "${value}", ${problem.daysLeft} days away, beyond the maximum lifetime of ${maxDays} days (maxLifetimeDays); ${fix}.`;
      }
    },
  };
}

/**
 * agent-max-session-duration on one agent. An unset `maxSessionDuration` is AWS's default of one
 * hour, judged as such: the configured limit is at least one hour, so an unset value passes.
 */
export function judgeMaxSession(v: AgentVerdicts, agent: AgentRole): void {
  const limit = v.config.maxSessionDurationSeconds;
  const subject = subjectOf(agent);
  v.judge(subject, () => {
    const duration = readPlain(() => agent.role.props.maxSessionDuration);
    if (!duration.known) return v.unknown(subject, 'maxSessionDuration', duration.path, agent.role);
    const read = readSessionSeconds(duration.value);
    if (!read.ok) {
      return v.violation(
        subject,
        `Agent "${agent.agentName}": role "${agent.roleName ?? agent.role.name}" has maxSessionDuration ${JSON.stringify(duration.value)}, which is not a whole number of seconds, so how long its sessions last cannot be told; set maxSessionDuration to at most ${limit}.`,
      );
    }
    const seconds = effectiveMaxSession(read.seconds);
    if (seconds > limit) {
      return v.violation(
        subject,
        `Agent "${agent.agentName}": role "${agent.roleName ?? agent.role.name}" has maxSessionDuration ${seconds} (${formatDuration(seconds)}), above the limit of ${limit} (${formatDuration(limit)}, maxSessionDurationSeconds); set maxSessionDuration to at most ${limit}.`,
      );
    }
    return undefined;
  });
}

/**
 * At a role's own step, a principal is a delegating agent when it is an agent role's ARN
 * (`/agents/agent-<name>`) and the statement requires that agent's identity and the user's context
 * (`identity/delegation.ts`); the stack view also checks that the caller is an agent of the stack
 * that declares the call (`agent-delegation-safe`).
 */
export function conditionedDelegate(principal: string, s: TrustStatement): boolean {
  const caller = agentNameOfRoleArn(principal);
  return caller !== undefined && delegationTrustGaps(s, caller).length === 0;
}

/** agent-trust-restricted on one agent: who may assume its role, and with which session tag. */
export function judgeTrust(
  v: AgentVerdicts,
  agent: AgentRole,
  /** Whether a principal that a statement trusts is an agent allowed to call this one. */
  acceptsDelegate: (principal: string, s: TrustStatement) => boolean = conditionedDelegate,
): void {
  const vault = v.config.vaultPrincipalArns;
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
    if (trust.value.ok) {
      for (const s of trust.value.statements) {
        for (const p of s.notPrincipal ? [] : s.principals) {
          if (p.kind === 'aws' && !vault.includes(p.value) && acceptsDelegate(p.value, s)) {
            allowed.add(p.value);
          }
        }
      }
    }
    // Any Allow of an STS action grants some way in (AssumeRole, AssumeRoleWithWebIdentity, ...).
    const assumeStatements = trust.value.statements.filter(
      (s) =>
        s.effect === 'Allow' &&
        (s.notAction || s.actions.some((a) => a === '*' || a.startsWith('sts:'))),
    );
    const trustsVault = assumeStatements.some(
      (s) =>
        !s.notPrincipal && s.principals.some((p) => p.kind === 'aws' && vault.includes(p.value)),
    );
    if (!trustsVault && nativeRuntimesTrusted(assumeStatements).length > 0) {
      return judgeNativeTrust(v, subject, who, assumeStatements);
    }
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
        !s.notPrincipal && s.principals.some((p) => p.kind === 'aws' && vault.includes(p.value)),
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

/**
 * The trust of an agent that AWS runs: one service that runs agents may assume the role, nothing
 * else, and each statement that admits it carries the service's confused-deputy conditions.
 */
function judgeNativeTrust(
  v: AgentVerdicts,
  subject: AgentSubject,
  who: string,
  assumeStatements: TrustStatement[],
): void {
  const services = new Set<string>();
  const problems = new Set<string>();
  const conditions = new Set<string>();
  for (const s of assumeStatements) {
    if (s.notPrincipal) problems.add('NotPrincipal trusts every principal it does not list');
    if (s.notAction) problems.add('NotAction allows every STS action it does not list');
    for (const p of s.notPrincipal ? [] : s.principals) {
      if (p.kind === 'service' && isAgentServicePrincipal(p.value)) {
        services.add(p.value);
        for (const problem of serviceTrustProblems(s, p.value)) conditions.add(problem);
      } else if (p.kind === 'anyone') {
        problems.add('Principal "*" lets any AWS principal assume the role');
      } else {
        problems.add(`"${p.value}" may assume the role next to the service that runs the agent`);
      }
    }
  }
  const runtimes = [...services].map(
    (service) =>
      Object.values(NATIVE_RUNTIMES).find((spec) => spec.servicePrincipal === service)!.title,
  );
  if (services.size > 1) {
    problems.add(
      `it admits ${[...services].map((x) => `"${x}"`).join(' and ')}; an agent runs in one place (${runtimes.join(' or ')}), so trust only that service`,
    );
  }
  const only = [...services][0];
  for (const problem of problems) {
    v.violation(
      subject,
      `${who}: ${problem}; allow only the service "${only}", pinned to this account.`,
    );
  }
  for (const problem of conditions) v.violation(subject, `${who}: ${problem}.`);
}
