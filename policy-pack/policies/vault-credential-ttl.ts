import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readString, vaultTargetedRoles, type AgentRole } from '../lib/agents';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { readKnown, type Known } from '../lib/unknowns';
import {
  checkLimits as checkVaultLimits,
  fmt,
  judgeVaultAwsRoleTtls,
  readDuration,
  vaultRoleName,
  type Limit,
} from '../lib/vault/aws-role-rules';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from '../lib/verdicts';

const NAME = 'agent-vault-credential-ttl';

/** A count as Vault reads it: a whole number, given as a number or as digits; else a problem. */
function readCount(
  resource: PolicyResource,
  key: string,
): Known<{ ok: true; count: number | undefined } | { ok: false; problem: string }> {
  return readKnown(() => {
    const raw = resource.props[key];
    if (raw === undefined || raw === null || raw === '') return { ok: true, count: undefined };
    const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      return { ok: false, problem: `${JSON.stringify(raw)} is not a whole number of uses` };
    }
    return { ok: true, count: n };
  });
}

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
    "Set defaultStsTtl and maxStsTtl on the vault.aws.SecretBackendRole, and tokenTtl, tokenMaxTtl, secretIdTtl and secretIdNumUses (with bindSecretId true, no tokenPeriod) on the vault.approle.AuthBackendRole and the agent's other auth roles, and ttl and explicitMaxTtl (no period) on any vault.Token, within the limits under `vault` in the policy-pack config (15m / 1h by default); the Agent component sets them from `credentials`.",
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
      who?: string,
    ) => checkVaultLimits(v, resource, subject, what, checks, who);

    const agentsByRole = new Map(agents.map((a) => [a.role, a]));
    const agentOf = (vaultRole: PolicyResource): AgentRole | undefined => {
      const roles = new Set(vaultTargetedRoles(vaultRole, args.resources).roles);
      const targets = [...roles].flatMap((r) => agentsByRole.get(r) ?? []);
      return targets.length === 1 ? targets[0] : undefined;
    };

    for (const vaultRole of args.resources.filter((r) => r.type === RESOURCE_TYPES.vaultAwsRole)) {
      const agentName = agentOf(vaultRole)?.agentName ?? vaultRoleName(vaultRole);
      judgeVaultAwsRoleTtls(v, vaultRole, { agentName, urn: vaultRole.urn });
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
          tokenTtlLimit(limits),
          tokenMaxTtlLimit(limits),
          {
            field: 'secretIdTtl',
            limit: limits.maxSecretIdTtlSeconds,
            configKey: 'maxSecretIdTtlSeconds',
            unsetMeans: 'secret IDs never expire',
          },
        ]);
        const uses = readCount(appRole, 'secretIdNumUses');
        if (!uses.known) v.unknown(subject, `secretIdNumUses of ${what}`, uses.path, appRole);
        else if (!uses.value.ok) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has an unreadable secretIdNumUses: ${uses.value.problem}; set secretIdNumUses to a small positive number, e.g. 1.`,
          );
        } else if (!uses.value.count) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has no secretIdNumUses (${uses.value.count === 0 ? '0' : 'unset'}), so a secret ID can be used without limit; set secretIdNumUses to a small positive number, e.g. 1.`,
          );
        }
        const tokenUses = readCount(appRole, 'tokenNumUses');
        if (!tokenUses.known)
          v.unknown(subject, `tokenNumUses of ${what}`, tokenUses.path, appRole);
        else if (!tokenUses.value.ok) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has an unreadable tokenNumUses: ${tokenUses.value.problem}; leave tokenNumUses unset (0, unlimited within the token's short TTL) or set a positive number.`,
          );
        }
        const bind = readKnown(() => appRole.props.bindSecretId as unknown);
        if (!bind.known) v.unknown(subject, `bindSecretId of ${what}`, bind.path, appRole);
        else if (bind.value !== undefined && bind.value !== true) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has bindSecretId ${JSON.stringify(bind.value)}, so its role ID alone logs in: a long-lived credential that is not even secret; set bindSecretId to true.`,
          );
        }
        const period = readDuration(appRole, 'tokenPeriod');
        if (!period.known) v.unknown(subject, `tokenPeriod of ${what}`, period.path, appRole);
        else if (!period.value.ok) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has an unreadable tokenPeriod: ${period.value.problem}; remove tokenPeriod.`,
          );
        } else if (period.value.seconds) {
          v.violation(
            subject,
            `Agent "${subject.agentName}": ${what} has tokenPeriod ${fmt(period.value.seconds)}, which makes tokens periodic and renewable forever, ignoring tokenMaxTtl; remove tokenPeriod.`,
          );
        }
      });
    }

    // Other auth methods' roles named after an agent issue that agent's tokens: the same limits.
    const authRoles = args.resources.filter((r) => OTHER_AUTH_ROLES.has(r.type));
    for (const authRole of authRoles) {
      const key = authRole.type === RESOURCE_TYPES.vaultAwsAuthRole ? 'role' : 'roleName';
      const name = readString(authRole, key);
      const agent = name.known && name.value !== undefined ? byName.get(name.value) : undefined;
      if (!agent) continue;
      const subject = { agentName: agent.agentName, urn: authRole.urn };
      const what = `${OTHER_AUTH_ROLES.get(authRole.type)} "${name.known ? name.value : ''}"`;
      v.judge(subject, () =>
        checkLimits(authRole, subject, what, [tokenTtlLimit(limits), tokenMaxTtlLimit(limits)]),
      );
    }

    // A token created by the program sits in its state: it must be short-lived and not periodic.
    for (const token of args.resources.filter((r) => r.type === RESOURCE_TYPES.vaultToken)) {
      const subject = { agentName: token.name, urn: token.urn };
      const what = `Vault token "${token.name}"`;
      v.judge(subject, () => {
        const renewable = readKnown(() => token.props.renewable as unknown);
        const checks: Limit[] = [{ ...tokenTtlLimit(limits), field: 'ttl' }];
        if (!renewable.known || renewable.value !== false) {
          checks.push({ ...tokenMaxTtlLimit(limits), field: 'explicitMaxTtl' });
        }
        checkLimits(token, subject, what, checks, `${what}, created next to agents,`);
        const period = readDuration(token, 'period');
        if (!period.known) v.unknown(subject, `period of ${what}`, period.path, token);
        else if (!period.value.ok || period.value.seconds) {
          v.violation(
            subject,
            `${what}, created next to agents, has period ${period.value.ok ? fmt(period.value.seconds ?? 0) : period.value.problem}, which makes it periodic and renewable forever; remove period.`,
          );
        }
      });
    }
    v.finish(subjects);
  },
};

/** Auth-method roles other than AppRole, by type, as messages name them. */
const OTHER_AUTH_ROLES = new Map<string, string>([
  [RESOURCE_TYPES.vaultJwtRole, 'JWT/OIDC auth role'],
  [RESOURCE_TYPES.vaultKubernetesRole, 'Kubernetes auth role'],
  [RESOURCE_TYPES.vaultAwsAuthRole, 'AWS auth role'],
]);

type VaultLimits = AgentVerdicts['config']['vault'];

function tokenTtlLimit(limits: VaultLimits): Limit {
  return {
    field: 'tokenTtl',
    limit: limits.maxTokenTtlSeconds,
    configKey: 'maxTokenTtlSeconds',
    unsetMeans: "tokens live for the mount's default TTL (32 days unless tuned)",
  };
}

function tokenMaxTtlLimit(limits: VaultLimits): Limit {
  return {
    field: 'tokenMaxTtl',
    limit: limits.maxTokenMaxTtlSeconds,
    configKey: 'maxTokenMaxTtlSeconds',
    unsetMeans: "tokens can be renewed up to the mount's maximum TTL (32 days unless tuned)",
  };
}
