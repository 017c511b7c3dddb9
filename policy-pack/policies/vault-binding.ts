import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import {
  agentNameOf,
  discoverAgents,
  isVaultAwsRole,
  readNumber,
  readString,
  readTag,
  rolesMatchingArn,
  vaultRoleArns,
  vaultTargetedRoles,
} from '../lib/agents';
import { NATIVE_RUNTIMES } from '../lib/runtimes';
import { isSuspended } from '../lib/suspended';
import { agentNameProblem, formatDuration } from '../lib/conventions';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';
import { effectiveMaxSession } from '../lib/identity/session';

const NAME = 'agent-vault-binding';

/**
 * A stack policy by nature: it correlates Vault roles with IAM roles. One Vault AWS role per agent
 * keeps Vault's audit log and TTLs per agent; a Vault role that reaches a role which is not a
 * declared agent (no literal, well-formed `agent:name` tag) or a role outside this stack issues
 * credentials the pack cannot judge: a shadow agent.
 */
export const agentVaultBinding: StackValidationPolicy = {
  name: NAME,
  description:
    'Every agent is one role, targeted by exactly one Vault AWS role that targets no other role and no role that is not a declared agent.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Declare one vault.aws.SecretBackendRole per agent with credentialType "assumed_role", roleArns set to that agent\'s role only, and maxStsTtl no longer than the role\'s maxSessionDuration; tag every targeted role as an agent (the Agent component does all of this).',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    const vaultRoles = args.resources.filter(isVaultAwsRole).map((r) => {
      const name = readString(r, 'name');
      return { resource: r, vaultName: (name.known && name.value) || r.name, ...vaultRoleArns(r) };
    });
    // A Vault role with a target unknown at preview that traces to no role may target any agent.
    const someUnknown = vaultRoles.find(
      (r) => vaultTargetedRoles(r.resource, args.resources).untraced !== undefined,
    );
    // Vault roles by the roles they target, built once, so a fleet is judged in linear time.
    const bindings = new Map<PolicyResource, (typeof vaultRoles)[number][]>();
    for (const vr of vaultRoles) {
      for (const role of vaultTargetedRoles(vr.resource, args.resources).roles) {
        bindings.set(role, [...(bindings.get(role) ?? []), vr]);
      }
    }

    // One agent, one identity: two roles under one agent name would share its audit trail,
    // exemptions and inventory row while holding different permissions.
    const rolesByAgentName = new Map<string, string[]>();
    for (const agent of agents) {
      const roles = rolesByAgentName.get(agent.agentName) ?? [];
      rolesByAgentName.set(agent.agentName, [...roles, agent.roleName ?? agent.role.name]);
    }

    for (const agent of agents) {
      const subject = subjectOf(agent);
      const roleName = agent.roleName ?? agent.role.name;
      const who = `Agent "${agent.agentName}": role "${roleName}"`;
      const namesakes = (rolesByAgentName.get(agent.agentName) ?? []).filter((r) => r !== roleName);
      if (namesakes.length > 0) {
        v.violation(
          subject,
          `${who} shares the agent name with ${namesakes.map((r) => `role "${r}"`).join(', ')}; an agent is one identity with one role: give each role its own agent:name.`,
        );
      }
      v.judge(subject, () => {
        const binding = bindings.get(agent.role) ?? [];
        // A suspended agent's Vault role and AppRole are removed: it gets no credentials at all.
        if (binding.length === 0 && isSuspended(agent, args.resources)) return undefined;
        if (agent.runtime !== 'vault') {
          // AWS issues a native agent's sessions; a Vault role aimed at it could never assume it.
          if (binding.length > 0) {
            v.violation(
              subject,
              `${who} runs on ${NATIVE_RUNTIMES[agent.runtime].title}, which issues its sessions, yet Vault AWS role ${binding.map((b) => `"${b.vaultName}"`).join(', ')} targets it; remove the Vault role, or make it a Vault agent.`,
            );
          }
          return undefined;
        }
        if (binding.length === 0) {
          if (someUnknown) {
            return v.unknown(
              subject,
              `which Vault AWS role targets role "${agent.roleName ?? agent.role.name}" (roleArns of "${someUnknown.vaultName}")`,
              someUnknown.unknownPath ?? 'roleArns',
              someUnknown.resource,
            );
          }
          return v.violation(
            subject,
            `${who} is targeted by no Vault AWS role, so its credentials cannot come from Vault; declare a vault.aws.SecretBackendRole with credentialType "assumed_role" and roleArns set to this role's ARN.`,
          );
        }
        if (binding.length > 1) {
          v.violation(
            subject,
            `${who} is targeted by ${binding.length} Vault AWS roles (${binding.map((b) => `"${b.vaultName}"`).join(', ')}); keep exactly one, so that credentials and the audit log are per agent.`,
          );
        }
        const session = readNumber(agent.role, 'maxSessionDuration');
        if (!session.known)
          return v.unknown(subject, 'maxSessionDuration', session.path, agent.role);
        const sessionSeconds = effectiveMaxSession(session.value);
        for (const b of binding) {
          const maxSts = readNumber(b.resource, 'maxStsTtl');
          if (!maxSts.known)
            v.unknown(
              subject,
              `maxStsTtl of Vault AWS role "${b.vaultName}"`,
              maxSts.path,
              b.resource,
            );
          else if (maxSts.value !== undefined && maxSts.value > sessionSeconds) {
            v.violation(
              subject,
              `${who}: Vault AWS role "${b.vaultName}" has maxStsTtl ${maxSts.value} (${formatDuration(maxSts.value)}), longer than the role's maxSessionDuration ${sessionSeconds} (${formatDuration(sessionSeconds)}), so STS refuses the credentials Vault promises; set maxStsTtl to at most ${sessionSeconds}.`,
            );
          }
        }
        return undefined;
      });
    }

    for (const vr of vaultRoles) {
      const targets = vr.arns.map((arn) => ({
        arn,
        roles: rolesMatchingArn(args.resources, arn),
      }));
      // An entry unknown at preview (`role.arn` of a new role): the roles it is computed from.
      if (vr.unknownPath !== undefined) {
        // An untraced entry is reported by agent-known-at-preview.
        const { roles } = vaultTargetedRoles(vr.resource, args.resources);
        const known = new Set(targets.flatMap((t) => t.roles));
        for (const role of roles.filter((r) => !known.has(r))) {
          targets.push({ arn: `${role.name}.arn (unknown at preview)`, roles: [role] });
        }
      }
      const firstTarget = targets.find((t) => t.roles.length > 0)?.roles[0];
      const subject = {
        agentName: firstTarget ? agentNameOf(firstTarget, v.config) : vr.vaultName,
        urn: vr.resource.urn,
      };
      const who = `Agent "${subject.agentName}": Vault AWS role "${vr.vaultName}"`;
      v.judge(subject, () => {
        if (vr.arns.length > 1) {
          v.violation(
            subject,
            `${who} targets ${vr.arns.length} roles (${vr.arns.map((a) => `"${a}"`).join(', ')}); a Vault role must target exactly one agent role, so declare one Vault role per agent.`,
          );
        }
        for (const t of targets) {
          if (t.roles.length === 0) {
            v.violation(
              subject,
              `${who} targets "${t.arn}", which is not a role in this stack, so the pack cannot judge it: a shadow agent; declare the role here as an agent, or remove it from roleArns.`,
            );
            continue;
          }
          for (const role of t.roles) {
            const tag = readTag(role, v.config.tagKeys.name);
            if (!tag.known) {
              v.unknown(
                subject,
                `the ${v.config.tagKeys.name} tag of role "${role.name}"`,
                tag.path,
                role,
              );
              continue;
            }
            const name = tag.value;
            const problem =
              typeof name === 'string' && name !== '' ? agentNameProblem(name) : `is missing`;
            if (problem) {
              v.violation(
                subject,
                `${who} targets role "${t.arn}", whose tag "${v.config.tagKeys.name}" ${problem === 'is missing' ? 'is missing' : `is ${JSON.stringify(name)}, which ${problem}`}: a shadow agent; declare the role as an agent (tags ${v.config.tagKeys.name}, ${v.config.tagKeys.owner}, ${v.config.tagKeys.expiresOn}) or remove it from roleArns.`,
              );
            }
          }
        }
        return undefined;
      });
    }
    v.finish(agents.map(subjectOf));
  },
};
