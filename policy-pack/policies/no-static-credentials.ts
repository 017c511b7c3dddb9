import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readString, readTag, type AgentRole } from '../lib/agents';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { NATIVE_RUNTIMES } from '../lib/runtimes';
import { awsKeyMaterial } from '../lib/aws-key-material';
import { formatDuration } from '../lib/conventions';
import { readKnown, readKnownParts, readPlain } from '../lib/unknowns';
import {
  judgeVaultAwsRoleCredentialType,
  judgeVaultAwsStaticRole,
} from '../lib/vault/aws-role-rules';
import { rotationProblem } from '../lib/vault/root-key-rotation';
import {
  awsEngineMounts,
  classifyGenericWrite,
  genericWriteData,
  genericWrites,
} from '../lib/vault/generic-writes';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from '../lib/verdicts';

const NAME = 'agent-no-static-credentials';

export const FIX_ASSUMED_ROLE =
  'give the agent short-lived STS credentials from a vault.aws.SecretBackendRole with credentialType "assumed_role" instead';

/**
 * How a long-lived credential is tied to an agent. A Vault AWS role or static role is on the
 * agents' credential path by definition, so it is always judged. An IAM user counts as an agent's
 * when it carries the `agent:name` tag or is named after an agent or its role; an access key when
 * its user does. In a stack with agents every access key is refused as well, tied or not: a key
 * next to agents is how static credentials reach them. Untied users there are advisories. A stack
 * with neither agents nor these resources is never judged, so human IAM stacks see no noise.
 */
export const agentNoStaticCredentials: StackValidationPolicy = {
  name: NAME,
  description:
    'Agents get only short-lived credentials from Vault, never IAM users, access keys, service-specific credentials, AWS keys in secret stores or Vault roles that issue long-lived keys.',
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Delete the aws.iam.User / aws.iam.AccessKey / aws.iam.ServiceSpecificCredential / vault.aws.SecretBackendStaticRole, and any AWS key stored in a Vault, Secrets Manager or SSM secret; have Vault rotate a static root key of the AWS secrets engine at least every vault.maxRootKeyRotationSeconds (or use workload identity); and issue the agent STS credentials through a vault.aws.SecretBackendRole with credentialType "assumed_role" that targets the agent\'s role.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    const byName = new Map<string, AgentRole>();
    for (const a of agents) {
      byName.set(a.agentName, a);
      if (a.roleName) byName.set(a.roleName, a);
    }
    const stringOf = (r: PolicyResource, key: string) => {
      const s = readString(r, key);
      return s.known ? s.value : undefined;
    };
    /** The agent an IAM user belongs to: its name tag, else a name shared with an agent. */
    const userAgent = (user: PolicyResource): { agentName: string } | 'unknown' | undefined => {
      const tag = readTag(user, v.config.tagKeys.name);
      if (!tag.known) return 'unknown';
      if (typeof tag.value === 'string' && tag.value !== '') return { agentName: tag.value };
      const name = stringOf(user, 'name');
      const agent = name
        ? (byName.get(name) ?? byName.get(name.replace(/^agent-/, '')))
        : undefined;
      return agent ? { agentName: agent.agentName } : undefined;
    };
    const users = args.resources.filter((r) => r.type === RESOURCE_TYPES.user);
    const keys = args.resources.filter((r) => r.type === RESOURCE_TYPES.accessKey);
    const vaultRoles = args.resources.filter((r) => r.type === RESOURCE_TYPES.vaultAwsRole);
    const staticRoles = args.resources.filter((r) => r.type === RESOURCE_TYPES.vaultAwsStaticRole);
    const subjects: AgentSubject[] = agents.map(subjectOf);
    const agentStack = agents.length > 0;

    for (const vaultRole of vaultRoles) judgeVaultAwsRoleCredentialType(v, vaultRole);
    for (const staticRole of staticRoles) judgeVaultAwsStaticRole(v, staticRole, FIX_ASSUMED_ROLE);
    // A generic write can declare an AWS secrets engine role or root config that the typed rules
    // above never see (an "iam_user" role, a static root key): refused, like the typed ones are
    // judged, whatever else the stack holds.
    const awsMounts = awsEngineMounts(args.resources);
    for (const write of genericWrites(args.resources)) {
      const what = `${write.label} "${write.resource.name}"`;
      const subject = { agentName: write.resource.name, urn: write.resource.urn };
      if (!write.path.known) {
        if (agentStack || vaultRoles.length > 0) {
          v.unknown(
            subject,
            `the path of ${what}, which may write the Vault AWS secrets engine's roles or config,`,
            write.path.path,
            write.resource,
          );
        }
        continue;
      }
      if (write.path.value === undefined) continue;
      const data = genericWriteData(write);
      const kind = classifyGenericWrite(
        write.path.value,
        awsMounts,
        !data.known ? 'unknown' : 'data' in data.value ? data.value.data : undefined,
      );
      if (kind.kind === 'aws-engine') {
        v.violation(
          subject,
          `${what} writes "${write.path.value}" of the Vault AWS secrets engine "${kind.mount}", which decides what credentials agents get, and the pack judges only as a ${kind.typed}; declare it as a ${kind.typed} (for a role: credentialType "assumed_role", roleArns set to the agent's role, short STS TTLs).`,
        );
      } else if (kind.kind === 'unknown-data' && !data.known) {
        v.unknown(
          subject,
          `dataJson of ${what}, a write to "${write.path.value}" that may configure the Vault AWS secrets engine "${kind.mount}",`,
          data.path,
          write.resource,
        );
      }
    }
    // The root key of the AWS secrets engine signs every agent's credentials: a static key that
    // Vault never rotates is a long-lived credential behind all of them. Workload identity has no
    // key; a rotated one (rotationPeriod / rotationSchedule) is short-lived enough.
    const backends = args.resources.filter((r) => r.type === RESOURCE_TYPES.vaultAwsBackend);
    if (agentStack || vaultRoles.length > 0) {
      for (const backend of backends) {
        const path = stringOf(backend, 'path') ?? backend.name;
        const subject = { agentName: path, urn: backend.urn };
        const what = `Vault AWS secrets engine "${path}"`;
        v.judge(subject, () => {
          const accessKey = readString(backend, 'accessKey');
          if (!accessKey.known)
            return v.unknown(subject, `the root accessKey of ${what}`, accessKey.path, backend);
          if (!accessKey.value) return undefined;
          const problem = rotationProblem(
            readKnown(() => backend.props.rotationPeriod as unknown),
            readKnown(() => backend.props.rotationSchedule as unknown),
            readKnown(() => backend.props.disableAutomatedRotation as unknown),
            v.config.vault.maxRootKeyRotationSeconds,
          );
          if (problem.unknown) {
            return v.unknown(subject, `${problem.unknown} of ${what}`, problem.path ?? '', backend);
          }
          if (problem.message) {
            v.violation(
              subject,
              `${what} signs every agent's credentials with a static root access key, ${problem.message}; use workload identity (identityTokenAudience and roleArn, no accessKey/secretKey), or have Vault rotate the root key at least every ${formatDuration(v.config.vault.maxRootKeyRotationSeconds)} (vault.maxRootKeyRotationSeconds) with rotationPeriod (e.g. 2592000, 30 days) or rotationSchedule (e.g. "0 3 * * SAT").`,
            );
          }
          return undefined;
        });
      }
    }
    const tiedUsers = new Map<string, string>();
    for (const user of users) {
      const userName = stringOf(user, 'name') ?? user.name;
      const tie = userAgent(user);
      if (tie && tie !== 'unknown') {
        tiedUsers.set(userName, tie.agentName);
        v.violation(
          { agentName: tie.agentName, urn: user.urn },
          `Agent "${tie.agentName}": IAM user "${userName}" belongs to the agent; agents must not be IAM users; delete it and ${FIX_ASSUMED_ROLE}.`,
        );
      } else if (agentStack) {
        const subject = { agentName: userName, urn: user.urn };
        if (tie === 'unknown') {
          v.unknown(
            subject,
            `the tags of IAM user "${userName}", in a stack with agents,`,
            'tags',
            user,
          );
        } else {
          v.advisory(
            subject,
            `IAM user "${userName}" is declared next to agents (${agents.map((a) => a.agentName).join(', ')}); check that no agent uses it; if one does, delete it and ${FIX_ASSUMED_ROLE}.`,
          );
        }
      }
    }
    for (const key of keys) {
      const userName = stringOf(key, 'user');
      const owner = userName
        ? (tiedUsers.get(userName) ?? byName.get(userName)?.agentName)
        : undefined;
      if (!owner && !agentStack) continue;
      const agentName = owner ?? userName ?? key.name;
      v.violation(
        { agentName, urn: key.urn },
        owner
          ? `Agent "${owner}": aws.iam.AccessKey "${key.name}" is a long-lived key for the agent's IAM user "${userName}"; delete it and ${FIX_ASSUMED_ROLE}.`
          : `aws.iam.AccessKey "${key.name}" (user ${userName ? `"${userName}"` : 'unknown at preview'}) is a long-lived key declared next to agents (${agents.map((a) => a.agentName).join(', ')}); delete it and ${FIX_ASSUMED_ROLE}.`,
      );
    }
    if (agentStack) {
      const names = agents.map((a) => a.agentName).join(', ');
      // A service-specific credential (a Bedrock API key, a CodeCommit or Keyspaces password) is
      // a long-lived secret of an IAM user: IAM User Guide, "Service-specific credentials".
      for (const credential of args.resources.filter(
        (r) => r.type === RESOURCE_TYPES.serviceSpecificCredential,
      )) {
        const service = stringOf(credential, 'serviceName');
        const userName = stringOf(credential, 'userName');
        v.violation(
          { agentName: userName ?? credential.name, urn: credential.urn },
          `aws.iam.ServiceSpecificCredential "${credential.name}" (${service ? `service "${service}"` : 'service unknown'}, user ${userName ? `"${userName}"` : 'unknown'}) is a long-lived credential${service === 'bedrock.amazonaws.com' ? ' (a Bedrock API key)' : ''} declared next to agents (${names}); delete it and ${FIX_ASSUMED_ROLE}, with the service's actions in the agent's role.`,
        );
      }
      for (const secret of args.resources.filter((r) => SECRET_VALUES.has(r.type))) {
        const kind = SECRET_VALUES.get(secret.type) ?? { label: secret.type, fields: [] };
        const subject = { agentName: secret.name, urn: secret.urn };
        const what = `${kind.label} "${secret.name}"`;
        v.judge(subject, () => {
          for (const field of kind.fields) {
            const value = readPlain(() => secret.props[field]);
            if (!value.known) {
              v.unknown(
                subject,
                `${field} of ${what}, in a stack with agents,`,
                value.path,
                secret,
              );
              continue;
            }
            const found = awsKeyMaterial(value.value);
            if (found.length === 0) continue;
            v.violation(
              subject,
              `${what} stores AWS keys (${found.join(', ')} in ${field}) next to agents (${names}): static credentials an agent could read; delete them and ${FIX_ASSUMED_ROLE}.`,
            );
          }
        });
      }
      // AWS keys in a runtime's environment: what runs there (an agent, or code beside one) holds
      // them. Only literals are keys: a value computed from another resource is an AccessKey's or
      // a secret's output, which are judged on their own, so unknown parts are left out.
      for (const runtime of args.resources.filter((r) => RUNTIME_ENVIRONMENTS.has(r.type))) {
        const kind = RUNTIME_ENVIRONMENTS.get(runtime.type) ?? { label: runtime.type, fields: [] };
        for (const field of kind.fields) {
          const found = awsKeyMaterial(readKnownParts(() => runtime.props[field]));
          if (found.length === 0) continue;
          v.violation(
            { agentName: runtime.name, urn: runtime.urn },
            `${kind.label} "${runtime.name}" puts AWS keys (${found.join(', ')} in ${field}) in its environment next to agents (${names}): static credentials whatever runs there holds; delete them and let it use its execution role, or ${FIX_ASSUMED_ROLE}.`,
          );
        }
      }
    }
    v.finish(subjects);
  },
};

/**
 * Runtimes whose environment a program writes, and its property (`@pulumi/aws` 7.48:
 * `lambda/function.d.ts` `environment.variables`, `ecs/taskDefinition.d.ts`
 * `containerDefinitions`, `bedrock/agentcoreAgentRuntime.d.ts` `environmentVariables`).
 */
const RUNTIME_ENVIRONMENTS = new Map<string, { label: string; fields: string[] }>([
  [NATIVE_RUNTIMES.lambda.resourceType, { label: 'aws.lambda.Function', fields: ['environment'] }],
  [
    NATIVE_RUNTIMES['ecs-task'].resourceType,
    { label: 'aws.ecs.TaskDefinition', fields: ['containerDefinitions'] },
  ],
  [
    NATIVE_RUNTIMES['agentcore-runtime'].resourceType,
    { label: 'aws.bedrock.AgentcoreAgentRuntime', fields: ['environmentVariables'] },
  ],
]);

/** Stores a program can write secrets to, and the properties that hold the secret's data. */
const SECRET_VALUES = new Map<string, { label: string; fields: string[] }>([
  [RESOURCE_TYPES.vaultGenericSecret, { label: 'vault.generic.Secret', fields: ['dataJson'] }],
  [RESOURCE_TYPES.vaultKvSecret, { label: 'vault.kv.Secret', fields: ['dataJson'] }],
  [
    RESOURCE_TYPES.vaultKvSecretV2,
    { label: 'vault.kv.SecretV2', fields: ['dataJson', 'dataJsonWo'] },
  ],
  [
    RESOURCE_TYPES.secretsManagerSecretVersion,
    { label: 'aws.secretsmanager.SecretVersion', fields: ['secretString', 'secretStringWo'] },
  ],
  [
    RESOURCE_TYPES.ssmParameter,
    { label: 'aws.ssm.Parameter', fields: ['value', 'insecureValue', 'valueWo'] },
  ],
]);
