/**
 * The rules that judge a Vault AWS secrets engine role (`vault.aws.SecretBackendRole`) or static
 * role on that resource alone: which credentials it issues, and for how long. Each is one function
 * of one resource, so that the stack policies (agent-no-static-credentials,
 * agent-vault-credential-ttl) and their step policies apply the same rule with the same words.
 * `checkLimits` is the TTL rule every Vault resource with a lifetime shares.
 */
import type { PolicyResource } from '@pulumi/policy';
import { readString } from '../agents';
import { formatDuration } from '../conventions';
import { readKnown, readPlain, type Known } from '../unknowns';
import type { AgentSubject, AgentVerdicts } from '../verdicts';
import { readVaultDuration, type VaultDuration } from './durations';

export interface Limit {
  field: string;
  limit: number;
  configKey: string;
  /** What Vault does when the field is unset or 0. */
  unsetMeans: string;
}

export const fmt = (seconds: number) => `${seconds} (${formatDuration(seconds)})`;

/** A TTL property read as Vault reads it (seconds, or a duration string); unknown when unknown. */
export function readDuration(resource: PolicyResource, key: string): Known<VaultDuration> {
  return readKnown(() => readVaultDuration(resource.props[key]));
}

/** Reports each TTL of `checks` that is unknown, unreadable, unset (or 0), or above its limit. */
export function checkLimits(
  v: AgentVerdicts,
  resource: PolicyResource,
  subject: AgentSubject,
  what: string,
  checks: Limit[],
  who = `Agent "${subject.agentName}": ${what}`,
): void {
  for (const c of checks) {
    const read = readDuration(resource, c.field);
    if (!read.known) {
      v.unknown(subject, `${c.field} of ${what}`, read.path, resource);
      continue;
    }
    const value = read.value;
    if (!value.ok) {
      v.violation(
        subject,
        `${who} has an unreadable ${c.field}: ${value.problem}, so how long it lasts cannot be told; set ${c.field} to at most ${c.limit} seconds.`,
      );
    } else if (value.seconds === undefined || value.seconds === 0) {
      v.violation(
        subject,
        `${who} has no ${c.field} (${value.seconds === 0 ? '0' : 'unset'}), so ${c.unsetMeans}; set ${c.field} to at most ${fmt(c.limit)}.`,
      );
    } else if (value.seconds > c.limit) {
      v.violation(
        subject,
        `${who} has ${c.field} ${fmt(value.seconds)}, above the limit of ${fmt(c.limit)} (vault.${c.configKey}); set ${c.field} to at most ${c.limit}.`,
      );
    }
  }
}

/** The Vault role's `name`, else its Pulumi name: how messages and exemptions name it. */
export function vaultRoleName(vaultRole: PolicyResource): string {
  const name = readString(vaultRole, 'name');
  return (name.known && name.value) || vaultRole.name;
}

/** A Vault AWS role's credentialType; an unknown one is reported for the subject. */
function credentialTypeOf(
  v: AgentVerdicts,
  vaultRole: PolicyResource,
  subject: AgentSubject,
  vaultName: string,
): Known<unknown> {
  // Read as written: a value that is not a string is not "assumed_role" either.
  const type = readPlain(() => vaultRole.props.credentialType);
  if (!type.known) {
    v.unknown(subject, `credentialType of Vault AWS role "${vaultName}"`, type.path, vaultRole);
  }
  return type;
}

/**
 * agent-vault-credential-ttl on one Vault AWS role: explicit STS TTLs within the limits. An
 * `iam_user` role has no STS TTL; agent-no-static-credentials refuses it.
 */
export function judgeVaultAwsRoleTtls(
  v: AgentVerdicts,
  vaultRole: PolicyResource,
  subject: AgentSubject,
): void {
  const vaultName = vaultRoleName(vaultRole);
  const limits = v.config.vault;
  v.judge(subject, () => {
    const type = credentialTypeOf(v, vaultRole, subject, vaultName);
    if (!type.known || type.value === 'iam_user') return undefined;
    checkLimits(v, vaultRole, subject, `Vault AWS role "${vaultName}"`, [
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

/**
 * agent-no-static-credentials on one Vault AWS role: it issues STS credentials of an agent role
 * (`assumed_role`), never IAM users or tokens derived from the mount's own key.
 */
export function judgeVaultAwsRoleCredentialType(v: AgentVerdicts, vaultRole: PolicyResource): void {
  const vaultName = vaultRoleName(vaultRole);
  const subject = { agentName: vaultName, urn: vaultRole.urn };
  v.judge(subject, () => {
    const type = credentialTypeOf(v, vaultRole, subject, vaultName);
    if (!type.known) return undefined;
    if (type.value === 'iam_user') {
      v.violation(
        subject,
        `Agent "${vaultName}": Vault AWS role "${vaultName}" has credentialType "iam_user", which creates IAM users with long-lived access keys; use credentialType "assumed_role" with roleArns set to the agent's role.`,
      );
    } else if (type.value === 'federation_token' || type.value === 'session_token') {
      // Both are minted from the mount's own long-lived IAM user key, with the permissions of
      // that user (narrowed at most by an inline policy): no agent role the pack could judge.
      v.violation(
        subject,
        `Agent "${vaultName}": Vault AWS role "${vaultName}" has credentialType "${type.value}", which issues credentials derived from the Vault mount's own IAM user key, outside any agent role the pack can judge; use credentialType "assumed_role" with roleArns set to the agent's role.`,
      );
    } else if (type.value !== undefined && type.value !== 'assumed_role') {
      // Anything else is not vouched for: another case, padding, or a comma list (Vault stores
      // credential types as a list) may carry one of the types above.
      v.violation(
        subject,
        `Agent "${vaultName}": Vault AWS role "${vaultName}" has credentialType ${JSON.stringify(type.value)}, which is not "assumed_role", so which credentials it issues cannot be vouched for (Vault reads a list, and other credential types issue long-lived or mount-derived keys); use credentialType "assumed_role" with roleArns set to the agent's role.`,
      );
    }
    return undefined;
  });
}

/** agent-no-static-credentials on one Vault static role: always a long-lived key. */
export function judgeVaultAwsStaticRole(
  v: AgentVerdicts,
  staticRole: PolicyResource,
  fix: string,
): void {
  const vaultName = vaultRoleName(staticRole);
  const username = readString(staticRole, 'username');
  const subject = { agentName: vaultName, urn: staticRole.urn };
  v.violation(
    subject,
    `Agent "${vaultName}": vault.aws.SecretBackendStaticRole "${vaultName}" hands out the long-lived access key of IAM user ${username.known && username.value ? `"${username.value}"` : '(unknown)'}; ${fix}.`,
  );
}
