/**
 * The pack's settings. This one zod schema is the source of every policy's `configSchema` (through
 * `z.toJSONSchema`) and of the typed config each policy reads, so the two cannot disagree.
 *
 * Pulumi gives each policy its own section of the policy-pack config file; every section accepts
 * these keys, and each policy reads the ones it needs. Defaults are the components' (`./defaults`).
 */
import { z } from 'zod';
import { DEFAULT_MAX_DELEGATION_DEPTH } from './identity/delegation';
import { AGENT_TAG_KEYS, parseIsoDate } from './conventions';
import { REQUIRED_BOUNDARY_DENY_ACTIONS } from './boundary-denies';
import { AWS_LIMITS, DEFAULTS } from './defaults';

const isoDate = z
  .string()
  .refine((v) => parseIsoDate(v) !== undefined, { message: 'expected a date as YYYY-MM-DD' });

const ExemptionSchema = z
  .object({
    policy: z.string().regex(/^agent-[a-z0-9-]+$/),
    agent: z.string().min(1),
    /**
     * The exempted resource, so that a new role copying the agent's name inherits nothing: its
     * URN, or the IAM role's name (the resource type is then the agent's role).
     */
    urn: z.string().startsWith('urn:pulumi:').optional(),
    roleName: z.string().min(1).optional(),
    reason: z.string().min(1),
    /** One of `exemptionApprovers`, never the agent's own owner. */
    approvedBy: z.string().min(1),
    expiresOn: isoDate,
  })
  .refine((e) => e.urn !== undefined || e.roleName !== undefined, {
    message:
      'an exemption names the exempted resource: add "urn" (the resource\'s URN) or "roleName" (the agent role\'s IAM name)',
  });
export type Exemption = z.output<typeof ExemptionSchema>;

/**
 * A multi-language (remote) component the offline check cannot look inside, acknowledged by its
 * type token and name: the check reports it every run instead of failing. The policies ignore it;
 * `pulumi preview --policy-pack` sees the component's children and judges them.
 */
const OpaqueComponentSchema = z.object({
  type: z.string().min(1),
  name: z.string().min(1),
  reason: z.string().min(1),
});
export type OpaqueComponentAck = z.output<typeof OpaqueComponentSchema>;

/** A role that calls models but is not an agent (a batch job, a pipeline), and why. */
const KnownModelCallerSchema = z.object({
  /** The IAM role's name. */
  role: z.string().min(1),
  /** Why it is not an agent: reviewers read it on every run. */
  reason: z.string().min(10),
});

const DelegationSchema = z.object({
  /** The agent whose role may be assumed. */
  agent: z.string().min(1),
  /** Role ARNs of the agents allowed to assume it, besides Vault. */
  principals: z.array(z.string()).min(1),
});

/** Vault's limits: the components' credential and AppRole defaults are the most they accept. */
const VAULT_DEFAULTS = {
  maxDefaultStsTtlSeconds: DEFAULTS.ttlSeconds,
  maxStsTtlSeconds: DEFAULTS.maxTtlSeconds,
  maxTokenTtlSeconds: DEFAULTS.ttlSeconds,
  maxTokenMaxTtlSeconds: DEFAULTS.maxTtlSeconds,
  maxSecretIdTtlSeconds: DEFAULTS.secretIdTtlSeconds,
  /**
   * The longest time between two rotations of the AWS secrets engine's static root key: 90 days,
   * the CIS AWS Foundations Benchmark's limit for access keys (v3.0.0, control 1.14).
   */
  maxRootKeyRotationSeconds: 90 * 86_400,
};

export const PackConfigSchema = z.object({
  /** IAM principals Vault's AWS secrets engine uses to call sts:AssumeRole. */
  vaultPrincipalArns: z.array(z.string()).default([]),
  /** Owner registry. Empty lists accept any well-formed owner of that kind. */
  owners: z
    .object({
      emailDomains: z.array(z.string()).default([]),
      teams: z.array(z.string()).default([]),
    })
    .default({ emailDomains: [], teams: [] }),
  maxLifetimeDays: z.number().int().positive().default(DEFAULTS.maxLifetimeDays),
  maxSessionDurationSeconds: z
    .number()
    .int()
    .min(AWS_LIMITS.roleMaxSessionDefaultSeconds)
    .max(AWS_LIMITS.stsMaxSeconds)
    .default(DEFAULTS.maxSessionDurationSeconds),
  vault: z
    .object({
      maxDefaultStsTtlSeconds: z
        .number()
        .int()
        .positive()
        .default(VAULT_DEFAULTS.maxDefaultStsTtlSeconds),
      maxStsTtlSeconds: z.number().int().positive().default(VAULT_DEFAULTS.maxStsTtlSeconds),
      maxTokenTtlSeconds: z.number().int().positive().default(VAULT_DEFAULTS.maxTokenTtlSeconds),
      maxTokenMaxTtlSeconds: z
        .number()
        .int()
        .positive()
        .default(VAULT_DEFAULTS.maxTokenMaxTtlSeconds),
      maxSecretIdTtlSeconds: z
        .number()
        .int()
        .positive()
        .default(VAULT_DEFAULTS.maxSecretIdTtlSeconds),
      maxRootKeyRotationSeconds: z
        .number()
        .int()
        .positive()
        .default(VAULT_DEFAULTS.maxRootKeyRotationSeconds),
    })
    .default({ ...VAULT_DEFAULTS }),
  boundary: z
    .object({
      /**
       * Actions or action patterns a permissions boundary must leave denied (by a Deny without
       * condition, or by allowing none of them) for it to count as capping an agent.
       */
      requiredDenies: z.array(z.string().min(1)).default([...REQUIRED_BOUNDARY_DENY_ACTIONS]),
    })
    .default({ requiredDenies: [...REQUIRED_BOUNDARY_DENY_ACTIONS] }),
  delegations: z.array(DelegationSchema).default([]),
  /** agent-delegation-safe: the most agent-to-agent calls in one chain (A → B → C is 2). */
  maxDelegationDepth: z.number().int().min(1).max(10).default(DEFAULT_MAX_DELEGATION_DEPTH),
  /**
   * Roles allowed to invoke models without being declared as agents, each with a reason. Only the
   * model-invoking grant is excused: a role an AI-agent resource runs with, or that trusts an AI
   * service, is an agent whatever this list says.
   */
  knownModelCallers: z.array(KnownModelCallerSchema).default([]),
  tagKeys: z
    .object({
      name: z.string().default(AGENT_TAG_KEYS.name),
      owner: z.string().default(AGENT_TAG_KEYS.owner),
      purpose: z.string().default(AGENT_TAG_KEYS.purpose),
      expiresOn: z.string().default(AGENT_TAG_KEYS.expiresOn),
      managedBy: z.string().default(AGENT_TAG_KEYS.managedBy),
    })
    .default({ ...AGENT_TAG_KEYS }),
  exemptions: z.array(ExemptionSchema).default([]),
  /** Who may approve an exemption (e-mail addresses or team handles); none by default. */
  exemptionApprovers: z.array(z.string().min(1)).default([]),
  /** The furthest an exemption may expire from today. */
  maxExemptionDays: z.number().int().positive().max(366).default(DEFAULTS.maxExemptionDays),
  /**
   * What a value the pack needs but cannot see at preview is. `mandatory` (the default) blocks the
   * preview; `advisory` accepts the risk that it is judged only after `pulumi up` created it, and
   * every run reports that the gate was weakened so.
   */
  unknownAtPreview: z.enum(['mandatory', 'advisory']).default('mandatory'),
  /**
   * For the offline check only: remote components (awsx 3's `FargateService`, `lb`, `ecr`, ...)
   * whose children the mock engine never creates, acknowledged as not judged offline.
   */
  opaqueComponents: z.array(OpaqueComponentSchema).default([]),
});

export type PackConfig = z.output<typeof PackConfigSchema>;
export type PackConfigInput = z.input<typeof PackConfigSchema>;
