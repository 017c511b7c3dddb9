import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readString, vaultRolesTargeting, type AgentRole } from '../lib/agents';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { readPlain, type Known } from '../lib/unknowns';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from '../lib/verdicts';
import { grantsAccess, parseVaultPolicy, type VaultPathRule } from '../lib/vault-policy';
import { adminAreas, isSelfService, vaultPathReaches } from '../lib/vault/paths';
import {
  awsEngineMounts,
  classifyGenericWrite,
  genericWriteData,
  genericWrites,
} from '../lib/vault/generic-writes';
import {
  sourcePolicies,
  tokenSources,
  vaultPolicyKey,
  type TokenSource,
} from '../lib/vault/token-sources';

const NAME = 'agent-vault-token-scoped';

/** Vault's built-in policy that every token carries unless told not to (vault/policy_store.go). */
const DEFAULT_POLICY = 'default';

/**
 * A stack policy: a Vault token gets its policies from its auth role, its identity entity and
 * groups, or directly, and what those grant is in `vault.Policy` resources, so only the stack view
 * can correlate them. The IAM side judges what a role can do; this is the Vault side: a token
 * that can read another agent's credentials path (or `aws-agents/*`, or `sys/*`) makes every
 * least-privilege role beside it reachable.
 *
 * - A token source named after an agent (its AppRole or other auth role, its entity) may reach
 *   that agent's own credentials paths and nothing else.
 * - Every other token source of a stack with agents (an `ops-bot` AppRole, a group, a token) may
 *   reach no agent's credentials and no administration path (`sys/`, `auth/`, `identity/`, the
 *   AWS engine's `config/` and `roles/`), but for the token's housekeeping on itself.
 * - Vault's `default` policy, when the stack defines it, is carried by every token, so it is held
 *   to the same rule; `root` anywhere is refused.
 * - Two `vault.Policy` resources with one name (as Vault keys it, trimmed and lower-cased) are
 *   refused: Vault keeps whichever is applied last. Both are judged meanwhile.
 */
export const agentVaultTokenScoped: StackValidationPolicy = {
  name: NAME,
  description:
    "Every Vault token of a stack with agents reaches only what it should: an agent's token its own credentials, any other token no agent's credentials and no Vault administration.",
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Give the agent\'s AppRole role (tokenPolicies) and identity entity (policies) only a vault.Policy declared in this stack whose paths are the agent\'s own credentials, "<mount>/sts/<agent>" and "<mount>/creds/<agent>", with no wildcard; the Agent component writes exactly that policy. Give every other token source (auth roles, groups, entities, tokens) of the stack policies that name neither an agent\'s credentials path nor sys/, auth/, identity/ or the AWS engine\'s config/ and roles/; never "root". Declare each vault.Policy name once, and keep Vault\'s "default" policy to a token\'s housekeeping on itself.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    if (agents.length === 0) return;

    /** Each declaration of a policy name: a vault.Policy, or a generic write to sys/policy. */
    interface DeclaredPolicy {
      resource: PolicyResource;
      document: () => Known<unknown>;
    }
    const policiesByName = new Map<string, DeclaredPolicy[]>();
    const declare = (name: string, declared: DeclaredPolicy) => {
      const key = vaultPolicyKey(name);
      policiesByName.set(key, [...(policiesByName.get(key) ?? []), declared]);
    };
    for (const r of args.resources) {
      if (r.type !== RESOURCE_TYPES.vaultPolicy) continue;
      const name = readString(r, 'name');
      if (!name.known || !name.value) continue;
      declare(name.value, { resource: r, document: () => readPlain(() => r.props.policy) });
    }

    const credentialPaths = new Map<AgentRole, Set<string>>();
    const unknownPath = new Map<AgentRole, string>();
    const mounts = new Set<string>();
    for (const agent of agents) {
      const paths = new Set<string>();
      for (const vaultRole of vaultRolesTargeting(agent, args.resources)) {
        const backend = readString(vaultRole, 'backend');
        const name = readString(vaultRole, 'name');
        if (!backend.known || !name.known) {
          unknownPath.set(agent, backend.known ? (name.known ? '' : name.path) : backend.path);
          continue;
        }
        const mount = (backend.value ?? 'aws').replace(/^\/+|\/+$/g, '');
        mounts.add(mount);
        const role = name.value ?? vaultRole.name;
        paths.add(`${mount}/sts/${role}`);
        paths.add(`${mount}/creds/${role}`);
      }
      credentialPaths.set(agent, paths);
    }
    for (const mount of awsEngineMounts(args.resources)) mounts.add(mount);

    // Generic writes: a policy written to sys/policy is that policy; other writes to sys/ are
    // Vault administration the pack cannot judge (the AWS engine's paths: no-static-credentials).
    for (const write of genericWrites(args.resources)) {
      if (!write.path.known || write.path.value === undefined) continue;
      const data = genericWriteData(write);
      const kind = classifyGenericWrite(
        write.path.value,
        mounts,
        !data.known ? 'unknown' : 'data' in data.value ? data.value.data : undefined,
      );
      const what = `${write.label} "${write.resource.name}"`;
      const subject = { agentName: write.path.value, urn: write.resource.urn };
      if (kind.kind === 'policy') {
        declare(kind.name, {
          resource: write.resource,
          document: () => {
            if (!data.known) return data;
            if ('problem' in data.value) return { known: true, value: undefined };
            return { known: true, value: data.value.data.policy };
          },
        });
      } else if (kind.kind === 'admin') {
        v.violation(
          subject,
          `${what} writes "${write.path.value}", Vault administration next to agents (${agents.map((a) => a.agentName).join(', ')}) that the pack cannot judge; declare it with its typed resource (vault.Policy, vault.Mount, vault.AuthBackend, ...) or leave it out of this stack.`,
        );
      }
    }
    const ownerOfPath = new Map<string, string>();
    for (const [agent, paths] of credentialPaths) {
      for (const p of paths) ownerOfPath.set(p, agent.agentName);
    }
    const areas = adminAreas(mounts);

    /** What a rule of a token that belongs to no agent reaches that it must not. */
    const forbiddenReach = (rule: VaultPathRule, own: ReadonlySet<string>): string[] => {
      if (!grantsAccess(rule) || isSelfService(rule)) return [];
      const reached: string[] = [];
      const others = [...ownerOfPath]
        .filter(([path]) => !own.has(path) && vaultPathReaches(rule.path, path, false))
        .map(([, agent]) => agent);
      const agentsReached = [...new Set(others)];
      if (agentsReached.length > 0) {
        reached.push(
          `the credentials of ${agentsReached.length === 1 ? 'agent' : 'agents'} ${agentsReached.map((a) => `"${a}"`).join(', ')}`,
        );
      }
      const admin = areas.filter((area) => vaultPathReaches(rule.path, area, true));
      if (admin.length > 0) {
        reached.push(`Vault administration (${admin.map((a) => `"${a}"`).join(', ')})`);
      }
      return reached;
    };

    /** The documents of a policy name: one per vault.Policy so named, each judged. */
    const documentsOf = (
      subject: AgentSubject,
      label: string,
      policyName: string,
      fix: { root: string; missing: string },
    ): VaultPathRule[][] | undefined => {
      if (policyName === 'root') {
        v.violation(subject, `${label}, which allows everything in Vault; ${fix.root}.`);
        return undefined;
      }
      const declared = policiesByName.get(policyName);
      if (!declared) {
        v.violation(
          subject,
          `${label}, which is not a vault.Policy of this stack, so what it grants cannot be judged; ${fix.missing}.`,
        );
        return undefined;
      }
      const documents: VaultPathRule[][] = [];
      for (const policy of declared) {
        const document = policy.document();
        if (!document.known) {
          v.unknown(
            subject,
            `the document of Vault policy "${policyName}"`,
            document.path,
            policy.resource,
          );
          continue;
        }
        const parsed = parseVaultPolicy(document.value);
        if (!parsed.ok) {
          v.violation(
            subject,
            `${label}, whose document ${parsed.problem}, so what it grants cannot be judged; write it as path blocks (HCL) or as JSON.`,
          );
          continue;
        }
        documents.push(parsed.rules);
      }
      return documents;
    };

    const sources = tokenSources(args.resources);
    const agentByName = new Map<string, AgentRole>();
    const agentByEntity = new Map<string, AgentRole>();
    for (const agent of agents) {
      agentByName.set(agent.agentName, agent);
      agentByEntity.set(agent.agentName, agent);
      if (agent.roleName !== undefined) agentByEntity.set(agent.roleName, agent);
    }
    const agentOf = (source: TokenSource): AgentRole | undefined => {
      if (source.name === undefined) return undefined;
      if (source.attribution === 'role') return agentByName.get(source.name);
      if (source.attribution === 'entity') return agentByEntity.get(source.name);
      return undefined;
    };

    const bySource = new Map<AgentRole, TokenSource[]>();
    const unattributed: TokenSource[] = [];
    for (const source of sources) {
      const agent = agentOf(source);
      if (agent) bySource.set(agent, [...(bySource.get(agent) ?? []), source]);
      else unattributed.push(source);
    }

    // Duplicate names: Vault keeps the last one applied.
    for (const [name, declared] of policiesByName) {
      if (declared.length < 2) continue;
      const subject = { agentName: name, urn: declared[1].resource.urn };
      const kinds = declared.every((d) => d.resource.type === RESOURCE_TYPES.vaultPolicy)
        ? 'vault.Policy resources'
        : 'resources (vault.Policy or a generic write to sys/policy)';
      v.violation(
        subject,
        `Vault policy "${name}" is declared by ${declared.length} ${kinds} (${declared.map((d) => `"${d.resource.name}"`).join(', ')}); Vault keeps whichever is applied last, so what its tokens may do is ambiguous; declare each policy name once.`,
      );
    }

    // The default policy: every token carries it unless told not to.
    const defaults = policiesByName.get(DEFAULT_POLICY) ?? [];
    if (defaults.length > 0) {
      const subject = { agentName: DEFAULT_POLICY, urn: defaults[0].resource.urn };
      const label =
        'Vault policy "default", which every token carries unless it sets no-default-policy';
      v.judge(subject, () => {
        const defaultAreas = [...mounts].flatMap((m) => [`${m}/creds/`, `${m}/sts/`]);
        // Declared (that is why it is judged), and never "root": neither fix can be needed.
        const none = { root: '', missing: '' };
        for (const rules of documentsOf(subject, label, DEFAULT_POLICY, none) ?? []) {
          for (const rule of rules) {
            const reached = forbiddenReach(rule, new Set());
            if (grantsAccess(rule) && !isSelfService(rule) && reached.length === 0) {
              const engine = defaultAreas.filter((a) => vaultPathReaches(rule.path, a, true));
              if (engine.length > 0) {
                reached.push(`AWS credentials (${engine.map((a) => `"${a}"`).join(', ')})`);
              }
            }
            if (reached.length === 0) continue;
            v.violation(
              subject,
              `${label}, grants ${JSON.stringify(rule.capabilities)} on "${rule.path}", reaching ${reached.join(' and ')}; keep the default policy to a token's housekeeping on itself (Vault's built-in default) and grant the rest through named policies.`,
            );
          }
        }
      });
    }

    for (const agent of agents) {
      const allowed = credentialPaths.get(agent) ?? new Set<string>();
      // A policy on both the AppRole token and the entity reaches the same token: judged once.
      const judged = new Set<string>();
      for (const source of bySource.get(agent) ?? []) {
        const subject: AgentSubject = { agentName: agent.agentName, urn: source.resource.urn };
        const who = `Agent "${agent.agentName}": ${source.what}`;
        v.judge(subject, () => {
          const list = sourcePolicies(source);
          if (!list.known)
            return v.unknown(
              subject,
              `${source.field} of ${source.what}`,
              list.path,
              source.resource,
            );
          if ('problem' in list.value) {
            return v.violation(
              subject,
              `${who}: ${list.value.problem}, so the token's policies cannot be judged; write them as a list of names.`,
            );
          }
          for (const policyName of list.value.names) {
            if (policyName === DEFAULT_POLICY || judged.has(policyName)) continue;
            judged.add(policyName);
            judgeAgentPolicy(policyName);
          }
          return undefined;

          function judgeAgentPolicy(policyName: string): void {
            const label = `${who} carries Vault policy "${policyName}"`;
            const documents = documentsOf(subject, label, policyName, {
              root: "give it only the agent's own credentials policy",
              missing: `declare it here (the agent's own credentials paths only) or remove it from ${source.field}`,
            });
            if (!documents) return;
            if (unknownPath.has(agent)) {
              v.unknown(
                subject,
                "the agent's Vault credentials path",
                unknownPath.get(agent) ?? '',
              );
              return;
            }
            // No bound Vault role: agent-vault-binding reports that, and there is no path to own.
            if (allowed.size === 0) return;
            const own = [...allowed].map((p) => `"${p}"`).join(', ');
            for (const rules of documents) {
              for (const rule of rules.filter(grantsAccess)) {
                if (allowed.has(rule.path.replace(/^\/+/, ''))) continue;
                const other = ownerOfPath.get(rule.path.replace(/^\/+/, ''));
                const reach = other
                  ? `, the credentials of agent "${other}"`
                  : /[*+]|\{\{/.test(rule.path)
                    ? ', a wildcard path'
                    : '';
                v.violation(
                  subject,
                  `${label}, which grants ${JSON.stringify(rule.capabilities)} on "${rule.path}"${reach}, beyond the agent's own credentials (${own}); limit the policy to those paths.`,
                );
              }
            }
          }
        });
      }
    }

    for (const source of unattributed) {
      const subject: AgentSubject = {
        agentName: source.name ?? source.resource.name,
        urn: source.resource.urn,
      };
      v.judge(subject, () => {
        const list = sourcePolicies(source);
        if (!list.known)
          return v.unknown(
            subject,
            `${source.field} of ${source.what}`,
            list.path,
            source.resource,
          );
        if ('problem' in list.value) {
          return v.violation(
            subject,
            `${source.what}: ${list.value.problem}, so the policies of its tokens cannot be judged next to agents; write them as a list of names.`,
          );
        }
        for (const policyName of new Set(list.value.names)) {
          if (policyName === DEFAULT_POLICY) continue;
          const label = `${source.what}, which belongs to no agent, carries Vault policy "${policyName}"`;
          for (const rules of documentsOf(subject, label, policyName, {
            root: `remove it from ${source.field} and give the token only the policies it needs`,
            missing: `declare it here or remove it from ${source.field}`,
          }) ?? []) {
            for (const rule of rules) {
              const reached = forbiddenReach(rule, new Set());
              if (reached.length === 0) continue;
              v.violation(
                subject,
                `${label}, which grants ${JSON.stringify(rule.capabilities)} on "${rule.path}", reaching ${reached.join(' and ')}; a token next to agents must reach neither, so remove the path from the policy or the policy from ${source.field}.`,
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
