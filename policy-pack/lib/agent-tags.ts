/**
 * Judging one required tag on every agent role, as agent-owner-required and agent-expiry-required
 * do. The tag fails closed: a value computed from an output cannot be judged at preview, and an
 * agent nobody answers for, or that never expires, must not be deployed.
 */
import type { StackValidationArgs } from '@pulumi/policy';
import { discoverAgents, nearMissTagKey, readTag, type AgentRole } from './agents';
import { computedFrom, sourcesOf } from './unknown-sources';
import { subjectOf, type AgentVerdicts } from './verdicts';

export interface RequiredTag {
  /** The tag key, from `config.tagKeys`. */
  key: string;
  /** What the tag holds, as messages name it: "owner", "expiry". */
  meaning: string;
  /** What to set it to when it is unknown: "value", "date". */
  literal: string;
  /** How to fix the tag; ends every message but the value-specific ones. */
  fix: string;
  /**
   * The problem with a present, non-empty value, as the whole message, or undefined when the value
   * is right. `who` is `Agent "<name>": tag "<key>"`, which every message starts with.
   */
  problemWith: (
    value: unknown,
    who: string,
    agent: AgentRole,
    resources?: StackValidationArgs['resources'],
  ) => string | { advisory: string } | undefined;
}

/** Reports, for every agent in the stack, a missing, empty, unknown or wrong `tag`. */
export function judgeRequiredTag(
  v: AgentVerdicts,
  resources: StackValidationArgs['resources'],
  tag: RequiredTag,
): void {
  const agents = discoverAgents(resources, v.config);
  for (const agent of agents) judgeAgentTag(v, agent, tag, resources);
  v.finish(agents.map(subjectOf));
}

/**
 * Reports a missing, empty, unknown or wrong `tag` on one agent's role: the whole rule, which the
 * stack policy applies to every agent and the step policy to a role tagged as an agent.
 */
export function judgeAgentTag(
  v: AgentVerdicts,
  agent: AgentRole,
  tag: RequiredTag,
  resources?: StackValidationArgs['resources'],
): void {
  const { key, fix } = tag;
  const subject = subjectOf(agent);
  const who = `Agent "${agent.agentName}": tag "${key}"`;
  const from = computedFrom(sourcesOf(agent.role, 'tags'));
  const unknownMessage = () =>
    `${who} is unknown at preview (${from ? from.slice(2) : "computed from another resource's output"}), so its ${tag.meaning} cannot be verified; set it to a literal ${tag.literal} (${fix}).`;
  v.judge(
    subject,
    () => {
      const read = readTag(agent.role, key);
      if (!read.known) return v.violation(subject, unknownMessage());
      const value = read.value;
      if (value === undefined || value === '') {
        const nearMiss = value === undefined ? nearMissTagKey(agent.role, key) : undefined;
        const fixKey = nearMiss
          ? `: the role has ${JSON.stringify(nearMiss)} instead, a different key because of its spaces; rename it to "${key}" and`
          : '; add it and';
        return v.violation(subject, `${who} is missing${fixKey} ${fix}.`);
      }
      const problem = tag.problemWith(value, who, agent, resources);
      if (typeof problem === 'string') v.violation(subject, problem);
      else if (problem) v.advisory(subject, problem.advisory);
      return undefined;
    },
    unknownMessage,
  );
}
