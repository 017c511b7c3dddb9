/**
 * Gathering an agent's effective permissions inside a stack policy, with resources built exactly
 * as the analyzer server builds them (proxied props, unknown sentinels, property dependencies).
 */
import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents } from '../../../../policy-pack/lib/agents';
import { PackConfigSchema } from '../../../../policy-pack/lib/config';
import {
  gatherRolePermissions,
  type AgentPermissions,
} from '../../../../policy-pack/lib/permissions';
import { compliantConfig, runStackPolicy, type AnalyzedResource } from '../../../support/harness';
import {
  AGENT,
  agentStack,
  allow,
  documentOf,
  rolePolicyOf,
} from '../../policies/permission-fixtures';

/** Runs discovery and gathering inside a stack policy, so props arrive proxied as in a real run. */
async function gather(resources: AnalyzedResource[]): Promise<Map<string, AgentPermissions>> {
  const gathered = new Map<string, AgentPermissions>();
  const capture: StackValidationPolicy = {
    name: 'agent-capture-permissions',
    description: 'Captures what gatherRolePermissions returns.',
    enforcementLevel: 'mandatory',
    validateStack: (args) => {
      const config = PackConfigSchema.parse(compliantConfig);
      for (const agent of discoverAgents(args.resources, config)) {
        gathered.set(agent.agentName, gatherRolePermissions(args.resources, agent));
      }
    },
  };
  expect(await runStackPolicy(capture, resources)).toEqual([]);
  return gathered;
}

export async function gatherAgent(
  resources: AnalyzedResource[],
  agent = AGENT,
): Promise<AgentPermissions> {
  const gathered = await gather(resources);
  const found = gathered.get(agent);
  if (!found) throw new Error(`no agent ${agent} among ${[...gathered.keys()].join(', ')}`);
  return found;
}

export const sources = (p: AgentPermissions) => p.permissions.policies.map((s) => s.source);
export const kinds = (p: AgentPermissions) => p.unverifiable.map((u) => `${u.kind} ${u.source}`);
export const COMPLIANT_DOCUMENT = JSON.parse(rolePolicyOf(agentStack()).props.policy as string);
export const EXTRA = documentOf(allow('s3:GetObject', 'arn:aws:s3:::tickets/*'));
