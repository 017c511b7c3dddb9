/** Which agent a violation of the pack is about, for counting violations per agent. */
import type { Violation } from '../../check-report';

/** The `Agent "<name>": ` prefix every pack message for an agent starts with. */
const AGENT_PREFIX = /^Agent "([^"]+)"/;

/**
 * Which of `agentNames` a violation is about: the name its message starts with, else the agent
 * whose name prefixes the resource's (`<agent>-role`, `<agent>-vault-role`...), longest first so
 * "finance" never takes "finance-reader-role".
 */
export function agentOfViolation(
  violation: Violation,
  agentNames: readonly string[],
): string | undefined {
  const named = AGENT_PREFIX.exec(violation.message);
  if (named) return named[1];
  const resource = violation.resource?.name;
  if (!resource) return undefined;
  let best: string | undefined;
  for (const name of agentNames) {
    if ((resource === name || resource.startsWith(`${name}-`)) && name.length > (best?.length ?? 0))
      best = name;
  }
  return best;
}
