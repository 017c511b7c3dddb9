import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents } from '../lib/agents';
import { amplifiedGrants } from '../lib/delegation-amplification';
import { delegationCycles, delegationGraph, longestChains } from '../lib/delegation-graph';
import { delegationTrustGaps } from '../lib/identity/delegation';
import { gatherRolePermissions } from '../lib/permissions';
import { roleMatcher } from '../lib/permissions/assumed-roles';
import { outsideRoleGrants } from '../lib/permissions/outside-roles';
import { AgentVerdicts, packConfigSchema, subjectOf } from '../lib/verdicts';

const NAME = 'agent-delegation-safe';

/**
 * Agent A calling agent B (assuming B's role) is safe when it is declared (A's `delegatesTo`, the
 * `agent:delegates-to` tag), B's trust demands A's identity and the user's context on every call
 * (`lib/identity/delegation.ts`), the chain is short and has no cycle, and B can do nothing A
 * cannot (no amplification; an exemption from this policy may accept an amplification, and only
 * that: the other rules cannot be exempted).
 */
export const agentDelegationSafe: StackValidationPolicy = {
  name: NAME,
  description:
    'Every agent-to-agent call is declared, carries the caller and the original user through a source identity and transitive session tags, stays within the configured depth without cycles, and gives the caller nothing it does not already have.',
  severity: 'critical',
  enforcementLevel: 'mandatory',
  remediationSteps:
    "Declare each call with delegatesTo on the calling agent (the Agent component writes the permission, the callee's trust and the tag); remove grants of sts:AssumeRole on other agents' roles and trust statements that name other agents otherwise. Break cycles and chains longer than maxDelegationDepth. Give the callee only permissions the caller already has.",
  configSchema: packConfigSchema,
  validateStack: (args, report) => {
    const v = new AgentVerdicts(NAME, args, report);
    const agents = discoverAgents(args.resources, v.config);
    // A role the stack does not declare: what the agent becomes there is never judged.
    for (const agent of agents) {
      const own = gatherRolePermissions(args.resources, agent).permissions;
      for (const pattern of outsideRoleGrants(args.resources, own)) {
        v.violation(
          subjectOf(agent),
          `Agent "${agent.agentName}" may assume role "${pattern}" (sts:AssumeRole), which is not a role of this stack, so what it can do there cannot be judged; declare that role in this stack (an agent it calls with delegatesTo, whose permissions are then judged), or remove the grant.`,
        );
      }
    }
    const graph = delegationGraph(args.resources, agents);
    if (graph.edges.length === 0) return v.finish(agents.map(subjectOf));
    // Structural problems are reported as they are: no exemption makes an undeclared or
    // unaccountable call safe.
    const mandatory = (agent: (typeof agents)[number], message: string) =>
      v.unexemptable(subjectOf(agent), message);
    const roleLabel = (n: (typeof graph.nodes)[number]) => n.agent.roleName ?? n.agent.role.name;

    for (const e of graph.edges) {
      const caller = e.from.agent.agentName;
      const callee = e.to.agent.agentName;
      if (!e.declared) {
        mandatory(
          e.from.agent,
          `Agent "${caller}" can assume the role "${roleLabel(e.to)}" of agent "${callee}", which it does not declare; declare the call with delegatesTo: ["${callee}"] on agent "${caller}", or remove the sts:AssumeRole grant and the trust statement that let it in.`,
        );
      }
      if (e.admitting.length === 0) {
        mandatory(
          e.to.agent,
          `Agent "${callee}": the trust policy of role "${roleLabel(e.to)}" lets agent "${caller}" in through a statement the pack cannot read; write it as a known document that requires the caller's identity.`,
        );
      }
      for (const s of e.admitting) {
        const gaps = delegationTrustGaps(s, caller);
        if (gaps.length === 0) continue;
        const where = s.sid ? `statement "${s.sid}"` : `Statement[${s.index}]`;
        mandatory(
          e.to.agent,
          `Agent "${callee}": ${where} of the trust policy of role "${roleLabel(e.to)}" lets agent "${caller}" in without requiring ${gaps.join('; ')}; without them the call does not carry who is calling and for whom. Declare the call with delegatesTo, which writes these conditions.`,
        );
      }
    }

    for (const cycle of delegationCycles(graph)) {
      const first = graph.nodes.find((n) => n.agent.agentName === cycle[0])!;
      mandatory(
        first.agent,
        `Agent "${cycle[0]}": the delegation chain ${[...cycle, cycle[0]].map((n) => `"${n}"`).join(' → ')} is a cycle; an agent can then call itself through others with any user's context. Remove one of the calls.`,
      );
    }

    const limit = v.config.maxDelegationDepth;
    for (const [node, chain] of longestChains(graph, limit + 1)) {
      if (chain.length - 1 <= limit) continue;
      mandatory(
        node.agent,
        `Agent "${node.agent.agentName}": the delegation chain ${chain.map((n) => `"${n}"`).join(' → ')} is ${chain.length - 1} calls deep, more than the limit of ${limit} (maxDelegationDepth); shorten the chain, e.g. let "${chain[0]}" call "${chain[chain.length - 1]}" directly or merge agents.`,
      );
    }

    const matchers = graph.nodes.map((n) => roleMatcher(n.facts));
    const isAgentRole = (resource: string) =>
      !resource.includes('*') && matchers.some((m) => m(resource));
    for (const e of graph.edges) {
      if (e.to.suspended) continue;
      const extra = amplifiedGrants(
        e.from.permissions.permissions,
        e.to.permissions.permissions,
        isAgentRole,
      );
      if (extra.length === 0) continue;
      v.violation(
        subjectOf(e.from.agent),
        `Agent "${e.from.agent.agentName}" can call agent "${e.to.agent.agentName}", which can do what "${e.from.agent.agentName}" cannot: ${extra.join('; ')}; the call amplifies its permissions. Grant the caller these permissions itself if it needs them, narrow the callee, or record an approved exemption from ${NAME}.`,
      );
    }
    v.finish(agents.map(subjectOf));
  },
};
