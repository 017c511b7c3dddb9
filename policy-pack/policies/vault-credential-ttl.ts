import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import {
  discoverAgents,
  readNumber,
  readString,
  vaultTargetedRoles,
  type AgentRole,
} from '../lib/agents';
import { formatDuration } from '../lib/conventions';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from '../lib/verdicts';

const NAME = 'agent-vault-credential-ttl';

interface Limit {
  field: string;
  limit: number;
  configKey: string;
  /** What Vault does when the field is unset or 0. */
  unsetMeans: string;
}

const fmt = (seconds: number) => `${seconds} (${formatDuration(seconds)})`;

/**
 * Vault's own defaults are unlimited or mount-wide, so every TTL must be set explicitly. Judged on
 * every Vault AWS role that issues STS credentials, and on AppRole roles in stacks with agents
 * (agents log in through AppRole; an AppRole role is attributed to the agent of the same name).
 */
export const agentVaultCredentialTtl: StackValidationPolicy = {
  name: NAME,
  description:
    'Vault issues agent credentials with explicit short TTLs, and AppRole secret IDs and tokens that expire.',
  severity: 'high',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Set defaultStsTtl and maxStsTtl on the vault.aws.SecretBackendRole, and tokenTtl, tokenMaxTtl, secretIdTtl and secretIdNumUses on the vault.approle.AuthBackendRole, within the limits under `vault` in the policy-pack config (15m / 1h by default); the Agent component sets them from `credentials`.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const limits = v.config.vault;
    const agents = discoverAgents(args.resources, v.config);
    const subjects: AgentSubject[] = agents.map(subjectOf);

    const checkLimits = (
      resource: PolicyResource,
      subject: AgentSubject,
      what: string,
      checks: Limit[],
    ) => {
      for (const c of checks) {
        const value = readNumber(resource, c.field);
        if (!value.known) {
          v.unknown(subject, `${c.field} of ${what}`, value.path, resource);
        } else if (value.value === undefined || value.value === 0) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has no ${c.field} (${value.value === 0 ? '0' : 'unset'}), so ${c.unsetMeans}; set ${c.field} to at most ${fmt(c.limit)}.`,
          );
        } else if (value.value > c.limit) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has ${c.field} ${fmt(value.value)}, above the limit of ${fmt(c.limit)} (vault.${c.configKey}); set ${c.field} to at most ${c.limit}.`,
          );
        }
      }
    };

    const agentsByRole = new Map(agents.map((a) => [a.role, a]));
    const agentOf = (vaultRole: PolicyResource): AgentRole | undefined => {
      const roles = new Set(vaultTargetedRoles(vaultRole, args.resources).roles);
      const targets = [...roles].flatMap((r) => agentsByRole.get(r) ?? []);
      return targets.length === 1 ? targets[0] : undefined;
    };

    for (const vaultRole of args.resources.filter((r) => r.type === RESOURCE_TYPES.vaultAwsRole)) {
      const name = readString(vaultRole, 'name');
      const vaultName = (name.known && name.value) || vaultRole.name;
      const subject = { agentName: agentOf(vaultRole)?.agentName ?? vaultName, urn: vaultRole.urn };
      v.judge(subject, () => {
        const type = readString(vaultRole, 'credentialType');
        if (!type.known)
          return v.unknown(
            subject,
            `credentialType of Vault AWS role "${vaultName}"`,
            type.path,
            vaultRole,
          );
        // iam_user keys have no STS TTL; agent-no-static-credentials refuses them.
        if (type.value === 'iam_user') return undefined;
        checkLimits(vaultRole, subject, `Vault AWS role "${vaultName}"`, [
          {
            field: 'defaultStsTtl',
            limit: limits.maxDefaultStsTtlSeconds,
            configKey: 'maxDefaultStsTtlSeconds',
            unsetMeans: "Vault falls back to the mount's default lease TTL",
          },
          {
            field: 'maxStsTtl',
            limit: limits.maxStsTtlSeconds,
            configKey: 'maxStsTtlSeconds',
            unsetMeans: "Vault falls back to the mount's maximum lease TTL",
          },
        ]);
        return undefined;
      });
    }

    if (agents.length === 0) return v.finish(subjects);
    const byName = new Map(agents.map((a) => [a.agentName, a]));
    for (const appRole of args.resources.filter((r) => r.type === RESOURCE_TYPES.appRole)) {
      const name = readString(appRole, 'roleName');
      const roleName = (name.known && name.value) || appRole.name;
      const subject = { agentName: byName.get(roleName)?.agentName ?? roleName, urn: appRole.urn };
      const what = `AppRole role "${roleName}"`;
      v.judge(subject, () => {
        checkLimits(appRole, subject, what, [
          {
            field: 'tokenTtl',
            limit: limits.maxTokenTtlSeconds,
            configKey: 'maxTokenTtlSeconds',
            unsetMeans: "tokens live for the mount's default TTL (32 days unless tuned)",
          },
          {
            field: 'tokenMaxTtl',
            limit: limits.maxTokenMaxTtlSeconds,
            configKey: 'maxTokenMaxTtlSeconds',
            unsetMeans:
              "tokens can be renewed up to the mount's maximum TTL (32 days unless tuned)",
          },
          {
            field: 'secretIdTtl',
            limit: limits.maxSecretIdTtlSeconds,
            configKey: 'maxSecretIdTtlSeconds',
            unsetMeans: 'secret IDs never expire',
          },
        ]);
        const uses = readNumber(appRole, 'secretIdNumUses');
        if (!uses.known) v.unknown(subject, `secretIdNumUses of ${what}`, uses.path, appRole);
        else if (!uses.value) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has no secretIdNumUses (${uses.value === 0 ? '0' : 'unset'}), so a secret ID can be used without limit; set secretIdNumUses to a small positive number, e.g. 1.`,
          );
        }
        const period = readNumber(appRole, 'tokenPeriod');
        if (!period.known) v.unknown(subject, `tokenPeriod of ${what}`, period.path, appRole);
        else if (period.value) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has tokenPeriod ${fmt(period.value)}, which makes tokens periodic and renewable forever, ignoring tokenMaxTtl; remove tokenPeriod.`,
          );
        }
      });
    }
    v.finish(subjects);
  },
};
