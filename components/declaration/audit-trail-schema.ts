/**
 * The schema of an `AgentAuditTrail`'s arguments: the Object Lock retention of its log bucket, the
 * agents it watches, the burst alarm and the Vault audit device. Every problem names the field,
 * the value received and the fix.
 */
import { z } from 'zod';
import type { AgentStatus } from '../inventory';
import {
  declarationError,
  show,
  unknownKeys,
  type AgentDeclarationError,
  type Issue,
} from './errors';
import { IAM_ROLE_ARN, stringInput, text, vaultPath } from './fields';

/**
 * S3 Object Lock's longest default retention: 100 years (36,500 days). Amazon S3 User Guide,
 * "Configuring S3 Object Lock" / PutObjectLockConfiguration `DefaultRetention`, and the
 * "Object Lock limits" of the API reference.
 */
export const MAX_RETENTION = { days: 36_500, years: 100 } as const;

/** The burst alarm's defaults: 5 denied calls by agents within 5 minutes. */
export const DEFAULT_BURST = { threshold: 5, periodMinutes: 5 } as const;

/** Where the Vault audit device is mounted and writes, unless set (Vault docs, "File audit device"). */
export const DEFAULT_VAULT_AUDIT = {
  path: 'agent-iam-audit',
  filePath: '/var/log/vault/agent-iam-audit.log',
} as const;

const count = (what: string, max: number, example: string) =>
  z
    .number({
      error: (issue) =>
        issue.input === undefined
          ? `is missing: set the number of ${what}, e.g. ${example}`
          : `${show(issue.input)} is not a number of ${what}; write a whole number, e.g. ${example}`,
    })
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= max, {
      error: (issue) =>
        `${show(issue.input)} is not a whole number of ${what} from 1 to ${max}; use e.g. ${example}`,
    });

const RetentionSchema = z.union(
  [
    z.strictObject({ days: count('days', MAX_RETENTION.days, '365') }),
    z.strictObject({ years: count('years', MAX_RETENTION.years, '7') }),
  ],
  {
    error: (issue) =>
      `${issue.input === undefined ? 'is missing' : `${show(issue.input)} is not a retention`}; set exactly one of days or years, e.g. { years: 7 } (logs cannot be deleted before it ends, even by the account's root user)`,
  },
);

const STATUSES: readonly AgentStatus[] = ['active', 'suspended', 'expired'];

/** A role ARN as a Pulumi input: a literal IAM role ARN, or an Output (an `Agent`'s `roleArn`). */
const ROLE_ARN_EXAMPLE = '"arn:aws:iam::123456789012:role/agents/agent-ticket-triager"';
const roleArnInput = stringInput(
  `pass the agent's role ARN, e.g. agent.roleArn or ${ROLE_ARN_EXAMPLE}`,
  (input) =>
    `${show(input)} is not an IAM role ARN; pass agent.roleArn or e.g. ${ROLE_ARN_EXAMPLE}`,
  (v) => IAM_ROLE_ARN.test(v),
);

/** An agent to watch: an `Agent` component, or its role ARN and status written out. */
const AuditedAgentSchema = z.object(
  {
    roleArn: roleArnInput,
    status: z.enum(STATUSES, {
      error: (issue) =>
        `${show(issue.input)} is not an agent status; use "active", "suspended" or "expired" (an Agent's status)`,
    }),
  },
  {
    error: (issue) =>
      `${show(issue.input)} is not an agent; pass an Agent component, or { roleArn, status }`,
  },
);

const BurstSchema = z.union(
  [
    z.literal(false),
    z.strictObject(
      {
        threshold: count('denied calls', 10_000, String(DEFAULT_BURST.threshold)).default(
          DEFAULT_BURST.threshold,
        ),
        periodMinutes: count('minutes', 1440, String(DEFAULT_BURST.periodMinutes)).default(
          DEFAULT_BURST.periodMinutes,
        ),
      },
      { error: unknownKeys('threshold, periodMinutes') },
    ),
  ],
  {
    error: (issue) =>
      `${show(issue.input)} is not a burst alarm; write { threshold: 5, periodMinutes: 5 }, or false for none`,
  },
);

const SOCKET_TYPES = ['tcp', 'udp', 'unix'] as const;

const VaultAuditSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject(
      {
        type: z.literal('file'),
        path: vaultPath.default(DEFAULT_VAULT_AUDIT.path),
        filePath: text(
          `use an absolute path on Vault's host, e.g. "${DEFAULT_VAULT_AUDIT.filePath}", or "stdout"`,
          (v) =>
            v === 'stdout' || v === 'discard' || v.startsWith('/')
              ? undefined
              : `${show(v)} is not an absolute path; use e.g. "${DEFAULT_VAULT_AUDIT.filePath}", or "stdout"`,
        ).default(DEFAULT_VAULT_AUDIT.filePath),
      },
      { error: unknownKeys('type, path, filePath') },
    ),
    z.strictObject(
      {
        type: z.literal('socket'),
        path: vaultPath.default(DEFAULT_VAULT_AUDIT.path),
        address: text('set the collector\'s address, e.g. "siem.internal:9090"'),
        socketType: z
          .enum(SOCKET_TYPES, {
            error: (issue) =>
              `${show(issue.input)} is not a socket type; use "tcp", "udp" or "unix"`,
          })
          .default('tcp'),
      },
      { error: unknownKeys('type, path, address, socketType') },
    ),
  ],
  {
    error: (issue) =>
      `${show((issue.input as { type?: unknown } | undefined)?.type)} is not a Vault audit device type; use { type: "file" } or { type: "socket", address: "host:port" }`,
  },
);

const TRAIL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/;

/**
 * CloudTrail's naming rules (CloudTrail API Reference, `CreateTrail` `Name`): 3 to 128 letters,
 * digits, periods, underscores and dashes, starting and ending with a letter or digit, without
 * adjacent periods, underscores or dashes.
 */
function trailNameProblem(v: string): string | undefined {
  return TRAIL_NAME.test(v) && !/[._-]{2}/.test(v)
    ? undefined
    : `${show(v)} is not a CloudTrail trail name; use 3 to 128 letters, digits, ".", "_" and "-", starting and ending with a letter or digit, e.g. "agent-audit"`;
}

export const auditTrailSchema = z.strictObject(
  {
    /** How long every log file is locked, in COMPLIANCE mode: nobody can delete it before. */
    retention: RetentionSchema,
    /** Agents whose calls are watched: those suspended or expired are alerted on every call. */
    agents: z
      .array(AuditedAgentSchema, {
        error: (issue) =>
          `${show(issue.input)} is not a list of agents; pass e.g. fleet.agents, or [{ roleArn, status }]`,
      })
      .default([]),
    /** The CloudWatch alarm on bursts of denied calls, or false for none. */
    burstAlarm: BurstSchema.default({ ...DEFAULT_BURST }),
    vaultAudit: VaultAuditSchema.default({
      type: 'file',
      path: DEFAULT_VAULT_AUDIT.path,
      filePath: DEFAULT_VAULT_AUDIT.filePath,
    }),
    /** The trail's name; the component's name by default. */
    trailName: text(
      'use letters, digits, ".", "_" and "-", e.g. "agent-audit"',
      trailNameProblem,
    ).optional(),
    tags: z.record(z.string(), z.string()).optional(),
  },
  {
    error: unknownKeys('retention, agents, burstAlarm, vaultAudit, trailName, tags'),
  },
);

export type AuditTrailDeclaration = z.input<typeof auditTrailSchema>;
export type ValidAuditTrailDeclaration = z.output<typeof auditTrailSchema>;

/** Parses the arguments, or one error naming every problem, headed `AgentAuditTrail "<name>"`. */
export function validateAuditTrail(
  name: string,
  args: unknown,
): { ok: true; value: ValidAuditTrailDeclaration } | { ok: false; error: AgentDeclarationError } {
  const subject = `AgentAuditTrail ${JSON.stringify(name)}`;
  const parsed = auditTrailSchema.safeParse(args);
  if (!parsed.success) return { ok: false, error: declarationError(subject, parsed.error.issues) };
  // Without trailName, the component's name names the trail, so it must be a trail name too.
  const unnamed = parsed.data.trailName === undefined ? trailNameProblem(name) : undefined;
  if (unnamed !== undefined) {
    const issue: Issue = {
      code: 'custom',
      path: ['trailName'],
      message: `is not set, and the component's name ${unnamed.replace(/^"[^"]*" is not/, 'is not')}; set trailName`,
      input: undefined,
    };
    return { ok: false, error: declarationError(subject, [issue]) };
  }
  return { ok: true, value: parsed.data };
}
