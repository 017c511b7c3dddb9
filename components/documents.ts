/**
 * Pure builders for the documents and names an agent is made of: IAM trust, permission and
 * boundary documents, the Vault policy, ARNs and tags. No Pulumi here, so each is unit-tested alone
 * and the components stay short.
 */
import { DEFAULT_BOUNDARY_DENIES } from '../policy-pack/lib/boundary-denies';
import {
  AGENT_RUNTIME_TAG,
  AGENT_SESSION_TAG,
  AGENT_TAG_KEYS,
  MANAGED_BY,
} from '../policy-pack/lib/conventions';
import { NATIVE_RUNTIMES, type NativeRuntime, type Runtime } from '../policy-pack/lib/runtimes';
import { expiryEnd } from '../policy-pack/lib/identity/suspension';
import {
  DELEGATES_TO_TAG,
  DELEGATION_ACTIONS,
  delegatesToTagValue,
  delegationTrustConditions,
} from '../policy-pack/lib/identity/delegation';

/**
 * The condition every Allow an agent's role carries, in its permissions and its trust: AWS itself
 * refuses the agent after its expiry date, whether or not anyone runs Pulumi that day.
 */
export function expiryCondition(expiresOn: string): IamConditions {
  return { DateLessThan: { 'aws:CurrentTime': expiryEnd(expiresOn) } };
}

/** `conditions` with the expiry condition added (operators merged key by key). */
function withExpiry(conditions: IamConditions | undefined, expiresOn?: string) {
  if (expiresOn === undefined) return conditions;
  const merged: IamConditions = { ...(conditions ?? {}) };
  for (const [operator, body] of Object.entries(expiryCondition(expiresOn))) {
    merged[operator] = { ...(merged[operator] ?? {}), ...body };
  }
  return merged;
}

export type IamConditions = Record<string, Record<string, string | string[]>>;

export interface IamStatement<R = string> {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: { AWS: string | string[] } | { Service: string };
  Action: string[];
  Resource?: R[];
  Condition?: IamConditions;
}

export interface IamDocument<R = string> {
  Version: '2012-10-17';
  Statement: IamStatement<R>[];
}

/** One permission an agent is granted: exact actions on resources, optionally conditioned. */
export interface AgentStatement<R = string> {
  sid?: string;
  actions: string[];
  resources: R[];
  conditions?: IamConditions;
}

/** Agent roles live under one IAM path so that boundaries and reviews can address them together. */
export const AGENT_ROLE_PATH = '/agents/';

/** IAM role name of an agent: at most 6 + 32 characters, well inside IAM's 64. */
export function agentRoleName(agentName: string): string {
  return `agent-${agentName}`;
}

/** Partition of an ARN (`aws`, `aws-us-gov`, `aws-cn`); `aws` when the value is not an ARN. */
export function partitionOf(arn: string): string {
  const match = /^arn:([a-z-]+):/.exec(arn);
  return match ? match[1] : 'aws';
}

export function agentRoleArn(partition: string, accountId: string, agentName: string): string {
  return `arn:${partition}:iam::${accountId}:role${AGENT_ROLE_PATH}${agentRoleName(agentName)}`;
}

export function customerPolicyArn(
  partition: string,
  accountId: string,
  path: string,
  name: string,
): string {
  return `arn:${partition}:iam::${accountId}:policy${path}${name}`;
}

/**
 * Only the Vault principal may assume the role, and only while tagging the session with
 * `agent=<name>`. Both actions sit in one statement under the same condition: AssumeRole alone
 * (no tags passed) then fails too, so Vault cannot mint an untagged session for this role.
 */
export function trustPolicyDocument(
  vaultPrincipalArn: string,
  agentName: string,
  expiresOn?: string,
): IamDocument {
  const tagged: IamConditions = {
    StringEquals: { [`aws:RequestTag/${AGENT_SESSION_TAG}`]: agentName },
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'VaultIssuesTaggedSessions',
        Effect: 'Allow',
        Principal: { AWS: vaultPrincipalArn },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: withExpiry(tagged, expiresOn) ?? tagged,
      },
    ],
  };
}

/** Where a native agent runs: the account and region its service's resources live in. */
export interface NativeRuntimeSite {
  partition: string;
  region: string;
  account: string;
}

/**
 * Only the AWS service that runs the agent may assume the role, and only on behalf of this
 * account's resources: the confused-deputy conditions the service documents (`aws:SourceAccount`,
 * and `aws:SourceArn` where the service sets it; see `policy-pack/lib/runtimes.ts`).
 */
export function serviceTrustPolicyDocument(
  runtime: NativeRuntime,
  site: NativeRuntimeSite,
  expiresOn?: string,
): IamDocument {
  const spec = NATIVE_RUNTIMES[runtime];
  const condition: IamConditions = { StringEquals: { 'aws:SourceAccount': site.account } };
  if (spec.sourceArn) {
    condition.ArnLike = {
      'aws:SourceArn': spec.sourceArn(site.partition, site.region, site.account),
    };
  }
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ServiceRunsAgent',
        Effect: 'Allow',
        Principal: { Service: spec.servicePrincipal },
        Action: ['sts:AssumeRole'],
        Condition: withExpiry(condition, expiresOn) ?? condition,
      },
    ],
  };
}

/** The agent's permissions as an IAM document. Actions stay literal; resources may be anything. */
export function permissionsDocument<R>(
  statements: AgentStatement<R>[],
  expiresOn?: string,
): IamDocument<R> {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const condition = withExpiry(s.conditions, expiresOn);
      return {
        ...(s.sid === undefined ? {} : { Sid: s.sid }),
        Effect: 'Allow' as const,
        Action: [...s.actions],
        Resource: [...s.resources],
        ...(condition === undefined ? {} : { Condition: condition }),
      };
    }),
  };
}

// The denies of the fleet's default boundary have one home in the pack, which requires them of
// every boundary; the components write the same list.
export { DEFAULT_BOUNDARY_DENIES, type BoundaryDeny } from '../policy-pack/lib/boundary-denies';

export interface BoundaryOptions {
  /** Actions or action patterns any agent may use at most; `["*"]` leaves the cap to the denies. */
  allow: string[];
  /** Extra actions or patterns denied on top of `DEFAULT_BOUNDARY_DENIES`. */
  deny: string[];
}

export function boundaryDocument(options: BoundaryOptions): IamDocument {
  const statements: IamStatement[] = [
    { Sid: 'AllowAgentWork', Effect: 'Allow', Action: [...options.allow], Resource: ['*'] },
    ...DEFAULT_BOUNDARY_DENIES.map((d): IamStatement => ({
      Sid: d.sid,
      Effect: 'Deny',
      Action: [...d.actions],
      Resource: ['*'],
    })),
  ];
  if (options.deny.length > 0) {
    statements.push({
      Sid: 'DenyFleetSpecific',
      Effect: 'Deny',
      Action: [...options.deny],
      Resource: ['*'],
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Where an agent reads its AWS credentials: the STS endpoint of its Vault role. */
export function credentialsPath(awsMountPath: string, agentName: string): string {
  return `${awsMountPath}/sts/${agentName}`;
}

/**
 * Vault policy (JSON form of HCL) that lets a token read this agent's credentials and nothing
 * else. `update` is needed to pass a TTL (POST), `read` for the default TTL (GET); both the
 * `sts/` and `creds/` endpoints serve `assumed_role` roles, so both are named, and no other path.
 */
export function vaultCredentialsPolicy(awsMountPath: string, agentName: string): string {
  const capabilities = ['read', 'update'];
  return JSON.stringify(
    {
      path: {
        [credentialsPath(awsMountPath, agentName)]: { capabilities },
        [`${awsMountPath}/creds/${agentName}`]: { capabilities },
      },
    },
    null,
    2,
  );
}

/** Vault policy name of an agent (also the only policy its AppRole tokens carry). */
export function vaultPolicyName(agentName: string): string {
  return `agent-${agentName}`;
}

export interface AgentIdentity {
  name: string;
  owner: string;
  purpose: string;
  expiresOn: string;
}

/** Tags on every AWS resource of an agent. The pack reads these exact keys; ours win over user tags. */
export function agentTags(
  agent: AgentIdentity,
  userTags: Record<string, string> = {},
  runtime: Runtime = 'vault',
): Record<string, string> {
  return {
    ...userTags,
    [AGENT_RUNTIME_TAG]: runtime,
    [AGENT_TAG_KEYS.name]: agent.name,
    [AGENT_TAG_KEYS.owner]: agent.owner,
    [AGENT_TAG_KEYS.purpose]: agent.purpose,
    [AGENT_TAG_KEYS.expiresOn]: agent.expiresOn,
    [AGENT_TAG_KEYS.managedBy]: MANAGED_BY,
  };
}

/** Session tags Vault passes on AssumeRole; the trust policy requires `agent` to equal the name. */
export function agentSessionTags(agent: AgentIdentity): Record<string, string> {
  return { [AGENT_SESSION_TAG]: agent.name, owner: agent.owner };
}

/** Metadata of the agent's Vault identity entity, so Vault's audit log names owner and expiry. */
export function entityMetadata(agent: AgentIdentity): Record<string, string> {
  return {
    agent: agent.name,
    owner: agent.owner,
    purpose: agent.purpose,
    'expires-on': agent.expiresOn,
    'managed-by': MANAGED_BY,
  };
}

/** `ticket-triager` → `TicketTriager`, for statement ids (IAM allows only letters and digits). */
function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** An agent that may call this one: its name and its role's ARN. */
export interface DelegatingAgent {
  name: string;
  roleArn: string;
}

/**
 * The trust statements that let each calling agent in (`policy-pack/lib/identity/delegation.ts`
 * says what they require and why): one for a call that starts the user's chain, one for a call
 * that passes it on.
 */
export function delegationTrustStatements(
  callers: readonly DelegatingAgent[],
  callee: string,
  expiresOn?: string,
): IamStatement[] {
  return callers.flatMap((caller) => {
    const { firstHop, laterHop } = delegationTrustConditions(caller.name, callee);
    return [
      { sid: `CalledBy${pascal(caller.name)}`, condition: firstHop },
      { sid: `CalledBy${pascal(caller.name)}InChain`, condition: laterHop },
    ].map(({ sid, condition }): IamStatement => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { AWS: caller.roleArn },
      Action: [...DELEGATION_ACTIONS],
      Condition: withExpiry(condition, expiresOn) ?? condition,
    }));
  });
}

/** The trust document with the delegation statements of the agent's callers added. */
export function withDelegationTrust(
  trust: IamDocument,
  callers: readonly DelegatingAgent[],
  callee: string,
  expiresOn?: string,
): IamDocument {
  if (callers.length === 0) return trust;
  return {
    ...trust,
    Statement: [...trust.Statement, ...delegationTrustStatements(callers, callee, expiresOn)],
  };
}

/** What a caller is granted on each agent it calls: the STS calls on that agent's role only. */
export function delegationStatements<R>(
  callees: readonly { name: string; roleArn: R }[],
): AgentStatement<R>[] {
  return callees.map((callee) => ({
    sid: `Call${pascal(callee.name)}`,
    actions: [...DELEGATION_ACTIONS],
    resources: [callee.roleArn],
  }));
}

/**
 * The role tags of an agent that calls others: the callees (`agent:delegates-to`, which the pack
 * reads as the declaration), and `agent` = its name, so that its sessions carry the tag the
 * callee's trust requires even when the AWS service that runs it sets no session tags.
 */
export function delegationTags(
  agentName: string,
  callees: readonly string[],
): Record<string, string> {
  if (callees.length === 0) return {};
  return { [DELEGATES_TO_TAG]: delegatesToTagValue(callees), [AGENT_SESSION_TAG]: agentName };
}
