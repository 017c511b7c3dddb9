/** What the inventory records of each agent: plain data, for reviews and the offline check. */
import type { Runtime } from '../policy-pack/lib/runtimes';

/** A statement as the inventory shows it, with resources resolved. */
export interface AgentInventoryStatement {
  sid?: string;
  actions: string[];
  resources: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
}

/** `suspended` by the kill switch, `expired` (and so suspended) past its date, else `active`. */
export type AgentStatus = 'active' | 'suspended' | 'expired';

export interface AgentInventoryEntry {
  name: string;
  owner: string;
  purpose: string;
  expiresOn: string;
  /** `vault`, or the AWS service that runs the agent (`policy-pack/lib/runtimes.ts`). */
  runtime: Runtime;
  status: AgentStatus;
  /** Vault agents only: their credentials' lifetimes and Vault path. */
  ttl?: string;
  maxTtl?: string;
  roleName: string;
  credentialsPath?: string;
  /** The agents it calls (`delegatesTo`) and the agents that call it. */
  delegatesTo?: string[];
  callableBy?: string[];
  statements: AgentInventoryStatement[];
}
