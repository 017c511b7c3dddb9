import type { PolicyResource, StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents, readString, vaultRolesTargeting, type AgentRole } from '../lib/agents';
import { RESOURCE_TYPES } from '../lib/resource-types';
import { readPlain } from '../lib/unknowns';
import { AgentVerdicts, packConfigSchema, subjectOf, type AgentSubject } from '../lib/verdicts';
import { grantsAccess, parseVaultPolicy } from '../lib/vault-policy';

const NAME = 'agent-vault-token-scoped';

/**
 * Vault's built-in `default` policy grants a token only its own housekeeping (lookup-self,
 * renew-self, its cubbyhole), never a secrets engine path, so it is accepted on an agent's token.
 */
const BUILT_IN_HARMLESS = new Set(['default']);

/**
 * A stack policy: an agent's Vault token gets its policies from its AppRole role (`tokenPolicies`)
 * and its identity entity (`policies`), and what those grant is in `vault.Policy` resources, so
 * only the stack view can correlate them. The IAM side judges what a role can do; this is the
 * Vault side: a token that can read another agent's credentials path (or `aws-agents/*`, or
 * `sys/*`) makes every least-privilege role beside it reachable. AppRole roles and entities are
 * attributed to an agent by name, as agent-vault-credential-ttl does.
 */
export const agentVaultTokenScoped: StackValidationPolicy = {
  name: NAME,
  description:
    "An agent's Vault token carries only policies of this stack that let it read its own credentials and nothing else.",
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps:
    'Give the agent\'s AppRole role (tokenPolicies) and identity entity (policies) only a vault.Policy declared in this stack whose paths are the agent\'s own credentials, "<mount>/sts/<agent>" and "<mount>/creds/<agent>", with no wildcard; the Agent component writes exactly that policy.',
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    if (agents.length === 0) return;
    const policiesByName = new Map<string, PolicyResource>();
    for (const r of args.resources) {
      if (r.type !== RESOURCE_TYPES.vaultPolicy) continue;
      const name = readString(r, 'name');
      if (name.known && name.value && !policiesByName.has(name.value)) {
        policiesByName.set(name.value, r);
      }
    }
    const credentialPaths = new Map<AgentRole, Set<string>>();
    const unknownPath = new Map<AgentRole, string>();
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
        const role = name.value ?? vaultRole.name;
        paths.add(`${mount}/sts/${role}`);
        paths.add(`${mount}/creds/${role}`);
      }
      credentialPaths.set(agent, paths);
    }
    const ownerOfPath = new Map<string, string>();
    for (const [agent, paths] of credentialPaths) {
      for (const p of paths) ownerOfPath.set(p, agent.agentName);
    }

    /** The token sources of the stack, AppRole roles and identity entities, by name; built once. */
    interface TokenSource {
      index: number;
      resource: PolicyResource;
      field: 'tokenPolicies' | 'policies';
      what: string;
    }
    const appRolesByName = new Map<string, TokenSource[]>();
    const entitiesByName = new Map<string, TokenSource[]>();
    const addTo = (map: Map<string, TokenSource[]>, name: string, source: TokenSource) =>
      map.set(name, [...(map.get(name) ?? []), source]);
    args.resources.forEach((r, index) => {
      if (r.type === RESOURCE_TYPES.appRole) {
        const name = readString(r, 'roleName');
        if (name.known && name.value !== undefined) {
          const what = `AppRole role "${name.value}"`;
          addTo(appRolesByName, name.value, { index, resource: r, field: 'tokenPolicies', what });
        }
      } else if (r.type === RESOURCE_TYPES.vaultEntity) {
        const name = readString(r, 'name');
        if (name.known && name.value !== undefined) {
          const what = `identity entity "${name.value}"`;
          addTo(entitiesByName, name.value, { index, resource: r, field: 'policies', what });
        }
      }
    });
    /** An agent's token sources: its AppRole role, and the entity named after it or its role. */
    const sources = (agent: AgentRole): TokenSource[] => {
      const found = new Set([
        ...(appRolesByName.get(agent.agentName) ?? []),
        ...(entitiesByName.get(agent.agentName) ?? []),
        ...(agent.roleName !== undefined ? (entitiesByName.get(agent.roleName) ?? []) : []),
      ]);
      return [...found].sort((a, b) => a.index - b.index);
    };

    for (const agent of agents) {
      const allowed = credentialPaths.get(agent) ?? new Set<string>();
      // A policy on both the AppRole token and the entity reaches the same token: judged once.
      const judged = new Set<string>();
      for (const source of sources(agent)) {
        const subject: AgentSubject = { agentName: agent.agentName, urn: source.resource.urn };
        const who = `Agent "${agent.agentName}": ${source.what}`;
        v.judge(subject, () => {
          const list = readPlain(() => source.resource.props[source.field]);
          if (!list.known)
            return v.unknown(
              subject,
              `${source.field} of ${source.what}`,
              list.path,
              source.resource,
            );
          const names = Array.isArray(list.value)
            ? list.value.filter((n): n is string => typeof n === 'string')
            : [];
          for (const policyName of names) {
            if (BUILT_IN_HARMLESS.has(policyName) || judged.has(policyName)) continue;
            judged.add(policyName);
            judgePolicy(policyName);
          }
          return undefined;

          function judgePolicy(policyName: string): void {
            const label = `${who} carries Vault policy "${policyName}"`;
            if (policyName === 'root') {
              v.violation(
                subject,
                `${label}, which allows everything in Vault; give it only the agent's own credentials policy.`,
              );
              return;
            }
            const policy = policiesByName.get(policyName);
            if (!policy) {
              v.violation(
                subject,
                `${label}, which is not a vault.Policy of this stack, so what it grants cannot be judged; declare it here (the agent's own credentials paths only) or remove it from ${source.field}.`,
              );
              return;
            }
            const document = readPlain(() => policy.props.policy);
            if (!document.known) {
              v.unknown(
                subject,
                `the document of Vault policy "${policyName}"`,
                document.path,
                policy,
              );
              return;
            }
            const parsed = parseVaultPolicy(document.value);
            if (!parsed.ok) {
              v.violation(
                subject,
                `${label}, whose document ${parsed.problem}, so what it grants cannot be judged; write it as path blocks (HCL) or as JSON.`,
              );
              return;
            }
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
            for (const rule of parsed.rules.filter(grantsAccess)) {
              if (allowed.has(rule.path.replace(/^\/+/, ''))) continue;
              const other = ownerOfPath.get(rule.path.replace(/^\/+/, ''));
              const reach = other
                ? `, the credentials of agent "${other}"`
                : /[*+]/.test(rule.path)
                  ? ', a wildcard path'
                  : '';
              v.violation(
                subject,
                `${label}, which grants ${JSON.stringify(rule.capabilities)} on "${rule.path}"${reach}, beyond the agent's own credentials (${own}); limit the policy to those paths.`,
              );
            }
          }
        });
      }
    }
    v.finish(agents.map(subjectOf));
  },
};
