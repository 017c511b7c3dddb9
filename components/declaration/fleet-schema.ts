/**
 * The schema of a fleet declaration, its agents included: the Vault mounts, the Vault principal,
 * the fleet's limits, AppRole settings, the permissions boundary and tags.
 */
import { z } from 'zod';
import { formatDuration, parseDuration } from '../../policy-pack/lib/conventions';
import { DEFAULTS } from '../../policy-pack/lib/defaults';
import { agentDeclarationSchema, type DeclarationContext } from './agent-schema';
import {
  AgentDeclarationError,
  type Issue,
  agentSubject,
  prettify,
  problemLines,
  show,
  unknownKeys,
} from './errors';
import {
  boundaryActions,
  durationProblem,
  fleetDuration,
  principalArn,
  secretInput,
  mountAccessor,
  text,
  userTags,
  vaultPath,
} from './fields';
import { lenientLimits } from './limits';

/** The defaults of `policy-pack/lib/defaults.ts`, written as users write durations. */
const DEFAULT_DURATIONS = {
  ttl: formatDuration(DEFAULTS.ttlSeconds),
  maxTtl: formatDuration(DEFAULTS.maxTtlSeconds),
  secretIdTtl: formatDuration(DEFAULTS.secretIdTtlSeconds),
};

/** The longest SecretID lifetime the components allow. */
const MAX_SECRET_ID_TTL_SECONDS = 30 * 86_400;

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
        accessor: mountAccessor,
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

/** The fleet's own fields, besides its agents. */
const fleetFields = {
  /** The IAM principal Vault uses to call sts:AssumeRole; agent roles trust only it. */
  vaultPrincipalArn: principalArn('arn:aws:iam::123456789012:role/vault-secrets-engine'),
  awsSecretsEngine: AwsSecretsEngineSchema,
  appRoleAuth: AppRoleAuthSchema.default({ mode: 'create', path: 'agents' }),
  credentials: z
    .strictObject(
      {
        ttl: fleetDuration(DEFAULT_DURATIONS.ttl).default(DEFAULT_DURATIONS.ttl),
        maxTtl: fleetDuration(DEFAULT_DURATIONS.maxTtl).default(DEFAULT_DURATIONS.maxTtl),
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
    .default({ ttl: DEFAULT_DURATIONS.ttl, maxTtl: DEFAULT_DURATIONS.maxTtl }),
  maxLifetimeDays: z
    .number({ error: (issue) => `${show(issue.input)} is not a number of days; use e.g. 90` })
    .int({ error: 'is not a whole number of days; use e.g. 90' })
    .min(1, { error: 'is less than a day; use e.g. 90' })
    .max(366, {
      error: 'is more than a year; agents are re-approved at least yearly, use at most 366',
    })
    .default(DEFAULTS.maxLifetimeDays),
  appRole: z
    .strictObject(
      {
        /** How long a SecretID may be used to log in. */
        secretIdTtl: text('write it like "24h"', (v) =>
          durationProblem(v, {
            min: 60,
            max: MAX_SECRET_ID_TTL_SECONDS,
            maxReason: 'the longest SecretID lifetime the components allow',
          }),
        ).default(DEFAULT_DURATIONS.secretIdTtl),
        /** Logins per SecretID; 1 = one wrapped SecretID per run. Never 0 (Vault's unlimited). */
        secretIdNumUses: z
          .number({ error: (issue) => `${show(issue.input)} is not a number; use e.g. 1` })
          .int({ error: 'is not a whole number; use e.g. 1' })
          .min(1, { error: 'is below 1; 0 means unlimited in Vault, use a small number such as 1' })
          .max(100, {
            error: 'is above 100; issue a new SecretID rather than reuse one, use e.g. 1',
          })
          .default(DEFAULTS.secretIdNumUses),
      },
      { error: unknownKeys('secretIdTtl, secretIdNumUses') },
    )
    .default({
      secretIdTtl: DEFAULT_DURATIONS.secretIdTtl,
      secretIdNumUses: DEFAULTS.secretIdNumUses,
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

const FLEET_FIELDS =
  'vaultPrincipalArn, awsSecretsEngine, appRoleAuth, credentials, maxLifetimeDays, appRole, boundary, tags, agents';

/** The fleet's name becomes part of its boundary policy's IAM name (`agent-boundary-<name>`). */
function fleetNameProblem(name: string): string | undefined {
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
            // A call within the fleet names an agent of the fleet.
            const names = new Set(seen.keys());
            (Array.isArray(agents) ? agents : []).forEach((agent: unknown, index: number) => {
              const callees =
                typeof agent === 'object' && agent !== null
                  ? (agent as { delegatesTo?: unknown }).delegatesTo
                  : undefined;
              if (!Array.isArray(callees)) return;
              callees.forEach((callee: unknown, j: number) => {
                if (typeof callee !== 'string' || names.has(callee)) return;
                ctx.addIssue({
                  code: 'custom',
                  input: callee,
                  path: [index, 'delegatesTo', j],
                  message: `${show(callee)} is not an agent of this fleet; declare it in agents, or remove it from delegatesTo (fleet agents: ${[...names].map((n) => `"${n}"`).join(', ')})`,
                });
              });
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
