/** What the inventory records of each agent: plain data, for reviews and the offline check. */

/** A statement as the inventory shows it, with resources resolved. */
export interface AgentInventoryStatement {
  sid?: string;
  actions: string[];
  resources: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
}

export interface AgentInventoryEntry {
  name: string;
  owner: string;
  purpose: string;
  expiresOn: string;
  ttl: string;
  maxTtl: string;
  roleName: string;
  credentialsPath: string;
  statements: AgentInventoryStatement[];
}
