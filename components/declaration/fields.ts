/**
 * The declarations users write, as zod schemas. Argument types derive from them, and every check
 * runs in one `safeParse` pass so a declaration's problems are all reported at once, each naming
 * the field (zod's path), the value received and the fix.
 */
import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import { actionNameProblem, expandActionPattern, isWildcardPattern } from '../policy-pack/engine';
import {
  OWNER_FORMAT_HINT,
  agentNameProblem,
  daysUntil,
  formatDuration,
  isExpired,
  parseDuration,
  parseIsoDate,
  parseOwner,
} from '../policy-pack/lib/conventions';

/** Fleet defaults (issue 2): 15-minute credentials, renewable up to 1 hour, agents live ≤ 90 days. */
export const FLEET_DEFAULTS = {
  ttl: '15m',
  maxTtl: '1h',
  maxLifetimeDays: 90,
  secretIdTtl: '24h',
  secretIdNumUses: 1,
} as const;

/** AWS STS issues role sessions of 15 minutes to 12 hours; Vault TTLs outside that fail at AWS. */
export const STS_MIN_SECONDS = 900;
export const STS_MAX_SECONDS = 43_200;

export interface FleetLimits {
  ttlSeconds: number;
  maxTtlSeconds: number;
  maxLifetimeDays: number;
}

export const DEFAULT_LIMITS: FleetLimits = {
  ttlSeconds: 900,
  maxTtlSeconds: 3600,
  maxLifetimeDays: FLEET_DEFAULTS.maxLifetimeDays,
};

/** The error a wrong declaration throws. Its message is complete; the CLI prints it without a stack. */
export class AgentDeclarationError extends Error {
  override readonly name = 'AgentDeclarationError';
  constructor(
    /** `Agent "x"` or `AgentFleet "y"`. */
    readonly subject: string,
    /** One line per problem, without the header. */
    readonly problems: string[],
    details: string,
  ) {
    super(`${subject}: invalid declaration\n${details}`);
  }
}

/** How a received value is shown in a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (pulumi.Output.isInstance(value)) return 'an Output';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** A string field: a missing or non-string value gets `missing`'s fix; `problem` judges the string. */
function text(fix: string, problem?: (value: string) => string | undefined) {
  const base = z.string({
    error: (issue) =>
      issue.input === undefined
        ? `is missing: ${fix}`
        : `${show(issue.input)} is not text${pulumi.Output.isInstance(issue.input) ? ' (it must be a literal string so that the policy pack can judge it at preview)' : ''}: ${fix}`,
  });
  if (!problem) return base;
  return base.check((ctx) => {
    const message = problem(ctx.value);
    if (message !== undefined) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });
}

/** AWS tag values: letters, digits, spaces and `_ . : / = + - @`, at most 256 characters. */
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

export function tagValueProblem(value: string): string | undefined {
  if (value.length > 256)
    return `${show(value)} is ${value.length} characters; AWS tags hold at most 256`;
  const bad = [...value].find((c) => !TAG_VALUE.test(c));
  if (bad !== undefined) {
    return `${show(value)} contains ${JSON.stringify(bad)}, which AWS tags do not allow; use letters, digits, spaces and _ . : / = + - @`;
  }
  return undefined;
}

export function ownerProblem(value: string): string | undefined {
  if (parseOwner(value) === undefined)
    return `${show(value)} is not an owner; ${OWNER_FORMAT_HINT}`;
  return tagValueProblem(value);
}

export function purposeProblem(value: string): string | undefined {
  if (value.trim().length === 0) {
    return `${show(value)} is empty: say in one sentence what the agent does, e.g. "Triages incoming support tickets"`;
  }
  return tagValueProblem(value);
}

function isoDateString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function expiryProblem(
  value: string,
  maxLifetimeDays: number,
  now: Date,
): string | undefined {
  const date = parseIsoDate(value);
  if (date === undefined) {
    return `${show(value)} is not a date; write it as YYYY-MM-DD, e.g. "${isoDateString(new Date(now.getTime() + 30 * 86_400_000))}"`;
  }
  if (isExpired(date, now)) {
    return `${show(value)} is in the past, so the agent has expired; agree a new date with its owner or remove the agent`;
  }
  const days = daysUntil(date, now);
  if (days > maxLifetimeDays) {
    const latest = isoDateString(new Date(now.getTime() + maxLifetimeDays * 86_400_000));
    return `${show(value)} is ${days} days away; the fleet allows at most ${maxLifetimeDays} days, so use ${latest} or earlier and renew it then`;
  }
  return undefined;
}

export function agentNameFieldProblem(value: string): string | undefined {
  const problem = agentNameProblem(value);
  return problem === undefined ? undefined : `${show(value)} ${problem}`;
}

/** Duration bounds: STS's floor and ceiling, and the fleet's maximum when given. */
export function durationProblem(
  value: string,
  bounds: { min: number; max: number; maxReason: string },
): string | undefined {
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    return `${show(value)} is not a duration; write it like "15m", "1h" or "1h30m"`;
  }
  if (seconds < bounds.min) {
    return `${show(value)} is shorter than ${formatDuration(bounds.min)}, the shortest session AWS STS issues; use at least "${formatDuration(bounds.min)}"`;
  }
  if (seconds > bounds.max) {
    return `${show(value)} is longer than ${formatDuration(bounds.max)}, ${bounds.maxReason}; use at most "${formatDuration(bounds.max)}"`;
  }
  return undefined;
}

/** A resource in a statement: a non-empty ARN string or an Input that resolves to one. */
const resourceInput = z.custom<pulumi.Input<string>>(
  (v) =>
    (typeof v === 'string' && v.length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise,
  {
    error: (issue) =>
      `${show(issue.input)} is not a resource; use an ARN string or an Output of one, e.g. bucket.arn`,
  },
);

const conditionValue = z.union([z.string(), z.array(z.string())], {
  error: (issue) =>
    `${show(issue.input)} is not a condition value; use a string or a list of strings`,
});

export const StatementSchema = z.strictObject(
  {
    sid: text('use letters and digits, e.g. "ReadTickets"', (v) =>
      /^[A-Za-z0-9]+$/.test(v) ? undefined : `${show(v)} is not a Sid; use letters and digits only`,
    ).optional(),
    actions: z
      .array(
        // Literal strings only: an action list computed from an Output would be unknown at preview.
        text('write the exact IAM action, e.g. "s3:GetObject"', (v) => actionNameProblem(v)),
        {
          error: (issue) =>
            `${show(issue.input)} is not a list of actions; list the exact IAM actions, e.g. ["s3:GetObject"]`,
        },
      )
      .min(1, {
        error: 'is empty; list the exact IAM actions the agent needs, e.g. ["s3:GetObject"]',
      }),
    resources: z
      .array(resourceInput, {
        error: (issue) =>
          `${show(issue.input)} is not a list of resources; list the ARNs, e.g. [bucket.arn]`,
      })
      .min(1, { error: 'is empty; list the ARNs the actions apply to' }),
    conditions: z
      .record(z.string(), z.record(z.string(), conditionValue), {
        error: (issue) =>
          `${show(issue.input)} is not an IAM condition block; use { StringEquals: { "aws:ResourceTag/team": "support" } }`,
      })
      .optional(),
  },
  { error: unknownKeys('sid, actions, resources, conditions') },
);

/** zod's message for unrecognised keys, with the list of the fields that exist. */
function unknownKeys(fields: string) {
  return (issue: { code?: string; keys?: string[]; input?: unknown }) => {
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return `${issue.keys.map((k) => JSON.stringify(k)).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'}; the fields are ${fields}`;
    }
    if (issue.input === undefined) return `is missing: set ${fields}`;
    return `${show(issue.input)} is not an object with ${fields}`;
  };
}

const RESERVED_TAG_PREFIXES = ['agent:', 'aws:'];

function tagKeyProblem(key: string): string | undefined {
  if (!TAG_KEY.test(key)) {
    return `${show(key)} is not a valid AWS tag key; use 1-128 letters, digits, spaces and _ . : / = + - @`;
  }
  if (RESERVED_TAG_PREFIXES.some((p) => key.toLowerCase().startsWith(p))) {
    return `${show(key)} is reserved: the component sets the agent:* tags from name, owner, purpose and expiresOn; remove it from tags`;
  }
  return undefined;
}

// Keys are judged on the record (not by a key schema) so that each problem keeps its own message.
const userTags = z
  .record(z.string(), text('use a literal string tag value', tagValueProblem), {
    error: (issue) => `${show(issue.input)} is not a tag map; use { "cost-center": "support" }`,
  })
  .check((ctx) => {
    for (const key of Object.keys(ctx.value)) {
      const message = tagKeyProblem(key);
      if (message !== undefined)
        ctx.issues.push({ code: 'custom', input: key, path: [key], message });
    }
    if (Object.keys(ctx.value).length > 45) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'has more than 45 tags; AWS allows 50 per role and the component sets 5',
      });
    }
  })
  .optional();

export interface DeclarationContext {
  limits: FleetLimits;
  now: Date;
  /** Names already taken in the fleet, for the duplicate check of a standalone Agent. */
  isNameTaken?: (name: string) => boolean;
  fleetName?: string;
}

export const AGENT_FIELDS = 'name, owner, purpose, expiresOn, permissions, credentials, tags';

/** The schema of one agent declaration, against a fleet's limits and today's date. */
export function agentDeclarationSchema(context: DeclarationContext) {
  const { limits, now } = context;
  const credentials = z
    .strictObject(
      {
        ttl: text('write it like "15m"', (v) =>
          durationProblem(v, {
            min: STS_MIN_SECONDS,
            max: limits.maxTtlSeconds,
            maxReason: "the fleet's maximum",
          }),
        ).optional(),
        maxTtl: text('write it like "1h"', (v) =>
          durationProblem(v, {
            min: STS_MIN_SECONDS,
            max: limits.maxTtlSeconds,
            maxReason: "the fleet's maximum",
          }),
        ).optional(),
      },
      { error: unknownKeys('ttl, maxTtl') },
    )
    .check((ctx) => {
      const ttl = parseDuration(ctx.value.ttl ?? formatDuration(limits.ttlSeconds)) ?? 0;
      const maxTtl = parseDuration(ctx.value.maxTtl ?? formatDuration(limits.maxTtlSeconds)) ?? 0;
      if (maxTtl < ttl) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          path: [ctx.value.maxTtl === undefined ? 'ttl' : 'maxTtl'],
          message:
            ctx.value.maxTtl === undefined
              ? `${show(ctx.value.ttl)} is longer than the maxTtl "${formatDuration(maxTtl)}"; shorten ttl or set a longer maxTtl`
              : `${show(ctx.value.maxTtl)} is shorter than the ttl "${formatDuration(ttl)}"; make maxTtl at least the ttl`,
        });
      }
    })
    .optional();

  return z.strictObject(
    {
      name: text('name the agent in lower-case kebab, e.g. "ticket-triager"', (v) => {
        const problem = agentNameFieldProblem(v);
        if (problem !== undefined) return problem;
        if (context.isNameTaken?.(v)) {
          return `${show(v)} is already an agent of fleet "${context.fleetName}"; give each agent a unique name`;
        }
        return undefined;
      }),
      owner: text(`every agent has an accountable owner; ${OWNER_FORMAT_HINT}`, ownerProblem),
      purpose: text(
        'say in one sentence what the agent does, e.g. "Triages incoming support tickets"',
        purposeProblem,
      ),
      expiresOn: text(
        `give the date (YYYY-MM-DD) agreed with the owner, at most ${limits.maxLifetimeDays} days away`,
        (v) => expiryProblem(v, limits.maxLifetimeDays, now),
      ),
      permissions: z
        .array(StatementSchema, {
          error: (issue) =>
            issue.input === undefined
              ? 'is missing: grant the exact permissions the agent needs, e.g. grants.s3.readObjects("my-bucket")'
              : `${show(issue.input)} is not a list of statements; use [{ actions: ["s3:GetObject"], resources: [...] }]`,
        })
        .min(1, {
          error:
            'is empty; grant the exact permissions the agent needs, e.g. grants.s3.readObjects("my-bucket")',
        }),
      credentials,
      tags: userTags,
    },
    { error: unknownKeys(AGENT_FIELDS) },
  );
}

export type AgentDeclarationSchema = ReturnType<typeof agentDeclarationSchema>;
/** One agent as users declare it. */
export type AgentDeclaration = z.input<AgentDeclarationSchema>;
export type ValidAgentDeclaration = z.output<AgentDeclarationSchema>;

/** Vault mount path: segments of letters, digits, `_` and `-`, no leading or trailing slash. */
const VAULT_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
const vaultPath = text('use a mount path like "aws-agents"', (v) =>
  VAULT_PATH.test(v)
    ? undefined
    : `${show(v)} is not a Vault mount path; use segments of letters, digits, _ and -, without leading or trailing "/", e.g. "aws-agents"`,
);

const IAM_PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const principalArn = (example: string) =>
  text(`use the IAM ARN, e.g. "${example}"`, (v) =>
    IAM_PRINCIPAL_ARN.test(v)
      ? undefined
      : `${show(v)} is not an IAM role or user ARN; use e.g. "${example}"`,
  );

const secretInput = z.custom<pulumi.Input<string>>(
  (v) =>
    (typeof v === 'string' && v.length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise,
  {
    error: (issue) =>
      issue.input === undefined
        ? 'is missing: pass it as a secret, e.g. config.requireSecret("vaultAccessKey")'
        : 'is not a string or Output; pass it as a secret, e.g. config.requireSecret(...)',
  },
);

const fleetDuration = (example: string) =>
  text(`write it like "${example}"`, (v) =>
    durationProblem(v, {
      min: STS_MIN_SECONDS,
      max: STS_MAX_SECONDS,
      maxReason: 'the longest session AWS STS issues',
    }),
  );

const MODE_HINT = 'set mode to "existing", "workload-identity" or "root-key"';

export const AwsSecretsEngineSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject(
      { mode: z.literal('existing'), path: vaultPath },
      { error: unknownKeys('mode, path') },
    ),
    z.strictObject(
      {
        mode: z.literal('workload-identity'),
        path: vaultPath.default('aws-agents'),
        /** Audience of the plugin identity token that Vault presents to AWS. */
        identityTokenAudience: text('use the audience configured on the AWS OIDC provider'),
        /** The role Vault assumes with its identity token; it is also the principal agents trust. */
        roleArn: principalArn('arn:aws:iam::123456789012:role/vault-secrets-engine'),
        identityTokenTtl: fleetDuration('1h').optional(),
        region: text('use an AWS region, e.g. "eu-west-1"').optional(),
      },
      {
        error: unknownKeys('mode, path, identityTokenAudience, roleArn, identityTokenTtl, region'),
      },
    ),
    z
      .strictObject(
        {
          mode: z.literal('root-key'),
          path: vaultPath.default('aws-agents'),
          accessKey: secretInput,
          secretKey: secretInput,
          /** Cron schedule of root-key rotation, e.g. "0 3 * * SAT". */
          rotationSchedule: text('use a cron expression, e.g. "0 3 * * SAT"').optional(),
          rotationPeriod: text('write it like "24h"', (v) =>
            parseDuration(v) === undefined || parseDuration(v) === 0
              ? `${show(v)} is not a duration; write it like "24h"`
              : undefined,
          ).optional(),
          region: text('use an AWS region, e.g. "eu-west-1"').optional(),
        },
        {
          error: unknownKeys(
            'mode, path, accessKey, secretKey, rotationSchedule, rotationPeriod, region',
          ),
        },
      )
      .refine((v) => v.rotationSchedule !== undefined || v.rotationPeriod !== undefined, {
        error:
          'has a static root key that never rotates; set rotationSchedule (e.g. "0 3 * * SAT") or rotationPeriod (e.g. "24h"), or use mode "workload-identity"',
      }),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? `is missing: ${MODE_HINT}`
        : `${show(issue.input)} is not a secrets-engine mode; ${MODE_HINT}`,
  },
);

export const AppRoleAuthSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject(
      {
        mode: z.literal('existing'),
        path: vaultPath,
        /** Mount accessor, e.g. `vault.getAuthBackendOutput({ path }).accessor`. */
        accessor: secretInput,
      },
      { error: unknownKeys('mode, path, accessor') },
    ),
    z.strictObject(
      { mode: z.literal('create'), path: vaultPath.default('agents') },
      { error: unknownKeys('mode, path') },
    ),
  ],
  {
    error: (issue) =>
      `${show(issue.input)} is not an AppRole mode; set mode to "existing" or "create"`,
  },
);

/** Actions or patterns in the boundary: they restrict, so patterns are allowed, but must match. */
export function boundaryActionProblem(value: string): string | undefined {
  if (value === '*') return undefined;
  if (isWildcardPattern(value)) {
    return expandActionPattern(value).length > 0
      ? undefined
      : `${show(value)} matches no IAM action; check the service prefix, e.g. "s3:*"`;
  }
  return actionNameProblem(value);
}

const boundaryActions = (fix: string) =>
  z.array(text(fix, boundaryActionProblem), {
    error: (issue) => `${show(issue.input)} is not a list of actions; ${fix}`,
  });

/** The fleet's own fields, besides its agents. */
const fleetFields = {
  /** The IAM principal Vault uses to call sts:AssumeRole; agent roles trust only it. */
  vaultPrincipalArn: principalArn('arn:aws:iam::123456789012:role/vault-secrets-engine'),
  awsSecretsEngine: AwsSecretsEngineSchema,
  appRoleAuth: AppRoleAuthSchema.default({ mode: 'create', path: 'agents' }),
  credentials: z
    .strictObject(
      {
        ttl: fleetDuration(FLEET_DEFAULTS.ttl).default(FLEET_DEFAULTS.ttl),
        maxTtl: fleetDuration(FLEET_DEFAULTS.maxTtl).default(FLEET_DEFAULTS.maxTtl),
      },
      { error: unknownKeys('ttl, maxTtl') },
    )
    .check((ctx) => {
      const ttl = parseDuration(ctx.value.ttl) ?? 0;
      const maxTtl = parseDuration(ctx.value.maxTtl) ?? 0;
      if (maxTtl < ttl) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value.maxTtl,
          path: ['maxTtl'],
          message: `${show(ctx.value.maxTtl)} is shorter than the ttl "${ctx.value.ttl}"; make maxTtl at least the ttl`,
        });
      }
    })
    .default({ ttl: FLEET_DEFAULTS.ttl, maxTtl: FLEET_DEFAULTS.maxTtl }),
  maxLifetimeDays: z
    .number({ error: (issue) => `${show(issue.input)} is not a number of days; use e.g. 90` })
    .int({ error: 'is not a whole number of days; use e.g. 90' })
    .min(1, { error: 'is less than a day; use e.g. 90' })
    .max(366, {
      error: 'is more than a year; agents are re-approved at least yearly, use at most 366',
    })
    .default(FLEET_DEFAULTS.maxLifetimeDays),
  appRole: z
    .strictObject(
      {
        /** How long a SecretID may be used to log in. */
        secretIdTtl: text('write it like "24h"', (v) =>
          durationProblem(v, {
            min: 60,
            max: 30 * 86400,
            maxReason: 'the longest SecretID lifetime the components allow',
          }),
        ).default(FLEET_DEFAULTS.secretIdTtl),
        /** Logins per SecretID; 1 = one wrapped SecretID per run. Never 0 (Vault's unlimited). */
        secretIdNumUses: z
          .number({ error: (issue) => `${show(issue.input)} is not a number; use e.g. 1` })
          .int({ error: 'is not a whole number; use e.g. 1' })
          .min(1, { error: 'is below 1; 0 means unlimited in Vault, use a small number such as 1' })
          .max(100, {
            error: 'is above 100; issue a new SecretID rather than reuse one, use e.g. 1',
          })
          .default(FLEET_DEFAULTS.secretIdNumUses),
      },
      { error: unknownKeys('secretIdTtl, secretIdNumUses') },
    )
    .default({
      secretIdTtl: FLEET_DEFAULTS.secretIdTtl,
      secretIdNumUses: FLEET_DEFAULTS.secretIdNumUses,
    }),
  boundary: z
    .strictObject(
      {
        allow: boundaryActions(
          'list actions or service patterns, e.g. ["s3:*", "dynamodb:*"], or ["*"]',
        )
          .min(1, {
            error:
              'is empty, which would deny every action; use ["*"] or the services agents may use',
          })
          .default(['*']),
        deny: boundaryActions('list actions or patterns to deny, e.g. ["ec2:*"]').default([]),
      },
      { error: unknownKeys('allow, deny') },
    )
    .default({ allow: ['*'], deny: [] }),
  tags: userTags,
};

export const FLEET_FIELDS =
  'vaultPrincipalArn, awsSecretsEngine, appRoleAuth, credentials, maxLifetimeDays, appRole, boundary, tags, agents';

/** Reads the fleet's limits from raw input, falling back to defaults where it is malformed. */
export function lenientLimits(raw: unknown): FleetLimits {
  const input = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const credentials = (
    typeof input.credentials === 'object' && input.credentials !== null ? input.credentials : {}
  ) as Record<string, unknown>;
  const seconds = (value: unknown, fallback: number) => {
    const parsed = typeof value === 'string' ? parseDuration(value) : undefined;
    return parsed !== undefined && parsed >= STS_MIN_SECONDS && parsed <= STS_MAX_SECONDS
      ? parsed
      : fallback;
  };
  const days = input.maxLifetimeDays;
  return {
    ttlSeconds: seconds(credentials.ttl, DEFAULT_LIMITS.ttlSeconds),
    maxTtlSeconds: seconds(credentials.maxTtl, DEFAULT_LIMITS.maxTtlSeconds),
    maxLifetimeDays:
      typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 366
        ? days
        : DEFAULT_LIMITS.maxLifetimeDays,
  };
}

/** The fleet's name becomes part of its boundary policy's IAM name (`agent-boundary-<name>`). */
export function fleetNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9+=,.@_-]{1,64}$/.test(name)
    ? undefined
    : `${show(name)} cannot name an IAM policy; use 1-64 letters, digits and + = , . @ _ -, e.g. "agents"`;
}

/** The fleet schema, agents included, against limits and today's date. */
export function agentFleetSchema(context: DeclarationContext) {
  return z.strictObject(
    {
      ...fleetFields,
      agents: z
        .array(agentDeclarationSchema(context), {
          error: (issue) => `${show(issue.input)} is not a list of agent declarations`,
        })
        .superRefine(
          (agents, ctx) => {
            // Runs even when some agents have other problems (`when`), so that duplicates are
            // reported in the same pass. The value is the raw input there: read it defensively.
            const seen = new Map<string, number>();
            (Array.isArray(agents) ? agents : []).forEach((agent: unknown, index: number) => {
              const name =
                typeof agent === 'object' && agent !== null
                  ? (agent as { name?: unknown }).name
                  : undefined;
              if (typeof name !== 'string') return;
              const first = seen.get(name);
              if (first === undefined) {
                seen.set(name, index);
              } else {
                ctx.addIssue({
                  code: 'custom',
                  input: name,
                  path: [index, 'name'],
                  message: `${show(name)} is already declared by agents[${first}]; give each agent a unique name`,
                });
              }
            });
          },
          { when: () => true },
        )
        .default([]),
    },
    { error: unknownKeys(FLEET_FIELDS) },
  );
}

export type AgentFleetSchema = ReturnType<typeof agentFleetSchema>;
export type AgentFleetDeclaration = z.input<AgentFleetSchema>;
export type ValidAgentFleetDeclaration = z.output<AgentFleetSchema>;

export type Issue = z.core.$ZodIssue;

function prettify(issues: Issue[]): string {
  return z.prettifyError(new z.ZodError(issues));
}

/** One line per issue: `field.path: message`. */
export function problemLines(issues: Issue[]): string[] {
  return issues.map((i) => `${i.path.length > 0 ? `${formatPath(i.path)}: ` : ''}${i.message}`);
}

/** One `AgentDeclarationError` listing every issue. */
export function declarationError(subject: string, issues: Issue[]): AgentDeclarationError {
  return new AgentDeclarationError(subject, problemLines(issues), prettify(issues));
}

/** A field path as zod's `prettifyError` writes it: `permissions[0].actions[1]`, `tags["a:b"]`. */
export function formatPath(path: PropertyKey[]): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const key = String(p);
      if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join('');
}

function agentSubject(name: unknown): string {
  return typeof name === 'string' ? `Agent ${JSON.stringify(name)}` : 'Agent (unnamed)';
}

/** Validates a standalone agent declaration (the component name is the agent name). */
export function validateAgentDeclaration(
  declaration: unknown,
  context: DeclarationContext,
): { ok: true; value: ValidAgentDeclaration } | { ok: false; error: AgentDeclarationError } {
  const result = agentDeclarationSchema(context).safeParse(declaration);
  if (result.success) return { ok: true, value: result.data };
  const name = (declaration as { name?: unknown } | undefined)?.name;
  return { ok: false, error: declarationError(agentSubject(name), result.error.issues) };
}

/**
 * Validates a fleet declaration in one pass. Problems of agents declared in `agents` are grouped
 * under `Agent "<name>" (agents[i])` headings, so each names its agent.
 */
export function validateFleetDeclaration(
  fleetName: string,
  declaration: unknown,
  now: Date,
): { ok: true; value: ValidAgentFleetDeclaration } | { ok: false; error: AgentDeclarationError } {
  const context: DeclarationContext = { limits: lenientLimits(declaration), now, fleetName };
  const result = agentFleetSchema(context).safeParse(declaration);
  const nameProblem = fleetNameProblem(fleetName);
  if (result.success && nameProblem === undefined) return { ok: true, value: result.data };

  const issues: Issue[] = [
    ...(nameProblem === undefined
      ? []
      : [{ code: 'custom' as const, path: ['name'], input: fleetName, message: nameProblem }]),
    ...(result.success ? [] : result.error.issues),
  ];
  const fleetIssues = issues.filter(
    (i) => !(i.path[0] === 'agents' && typeof i.path[1] === 'number'),
  );
  const byAgent = new Map<number, Issue[]>();
  for (const issue of issues) {
    if (issue.path[0] === 'agents' && typeof issue.path[1] === 'number') {
      const index = issue.path[1];
      byAgent.set(index, [...(byAgent.get(index) ?? []), { ...issue, path: issue.path.slice(2) }]);
    }
  }
  const rawAgents = (declaration as { agents?: unknown } | undefined)?.agents;
  const sections: string[] = [];
  const problems: string[] = [];
  if (fleetIssues.length > 0) {
    sections.push(prettify(fleetIssues));
    problems.push(...problemLines(fleetIssues));
  }
  for (const [index, agentIssues] of [...byAgent.entries()].sort((a, b) => a[0] - b[0])) {
    const rawName = Array.isArray(rawAgents)
      ? (rawAgents[index] as { name?: unknown } | undefined)?.name
      : undefined;
    const label = `${agentSubject(rawName)} (agents[${index}])`;
    sections.push(`${label}: invalid declaration\n${prettify(agentIssues)}`);
    problems.push(...problemLines(agentIssues).map((p) => `${label} ${p}`));
  }
  return {
    ok: false,
    error: new AgentDeclarationError(
      `AgentFleet ${show(fleetName)}`,
      problems,
      sections.join('\n'),
    ),
  };
}

/** Per-agent credential settings resolved against the fleet defaults, in seconds. */
export function resolvedCredentials(
  credentials: { ttl?: string; maxTtl?: string } | undefined,
  limits: FleetLimits,
): { ttlSeconds: number; maxTtlSeconds: number } {
  const ttlSeconds = credentials?.ttl !== undefined ? parseDuration(credentials.ttl) : undefined;
  const maxTtlSeconds =
    credentials?.maxTtl !== undefined ? parseDuration(credentials.maxTtl) : undefined;
  // Validation has already ensured ttl ≤ maxTtl ≤ the fleet's maximum.
  return {
    ttlSeconds: ttlSeconds ?? limits.ttlSeconds,
    maxTtlSeconds: maxTtlSeconds ?? limits.maxTtlSeconds,
  };
}
