/**
 * A Mermaid `flowchart LR` of the fleet: each agent, the resources its statements name, the roles
 * and resource policies it reaches beyond them, and the agents it delegates to. GitHub renders a
 * ```mermaid block in a pull-request comment (https://mermaid.js.org/syntax/flowchart.html).
 */
import { type AgentReview, KNOWN_AFTER_APPLY } from './review';

/** A node label: Mermaid reads `"` and `#` in a quoted label as syntax, so they are entities. */
function label(text: string): string {
  return `"${text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;')}"`;
}

export function mermaidFlowchart(agents: readonly AgentReview[]): string[] {
  const ids = new Map<string, string>();
  const nodes: string[] = [];
  const edges: string[] = [];
  const node = (key: string, prefix: string, text: string, shape: 'box' | 'round' | 'stadium') => {
    let id = ids.get(key);
    if (id === undefined) {
      id = `${prefix}${ids.size}`;
      ids.set(key, id);
      const l = label(text);
      nodes.push(
        `  ${id}${shape === 'box' ? `[${l}]` : shape === 'round' ? `(${l})` : `([${l}])`}`,
      );
    }
    return id;
  };
  for (const a of agents) node(`agent:${a.name}`, 'a', a.name, 'stadium');
  for (const a of agents) {
    const from = node(`agent:${a.name}`, 'a', a.name, 'stadium');
    if (a.statementsKnownAfterApply) {
      edges.push(
        `  ${from} --> ${node(`unknown:${a.name}`, 'r', `${a.name}: statements ${KNOWN_AFTER_APPLY}`, 'box')}`,
      );
    }
    for (const resource of a.resources) {
      const text = resource === '*' ? '* (any resource)' : resource;
      edges.push(`  ${from} --> ${node(`resource:${resource}`, 'r', text, 'box')}`);
    }
    for (const r of a.reach) {
      const to = node(
        `reach:${r.kind}:${r.name}`,
        'x',
        r.kind === 'assumed-role' ? `role ${r.name}` : r.name,
        'round',
      );
      edges.push(`  ${from} -. ${r.kind === 'assumed-role' ? 'assumes' : 'granted by'} .-> ${to}`);
    }
    for (const callee of a.delegatesTo) {
      edges.push(
        `  ${from} == delegates to ==> ${node(`agent:${callee}`, 'a', callee, 'stadium')}`,
      );
    }
  }
  return ['```mermaid', 'flowchart LR', ...nodes, ...edges, '```'];
}
