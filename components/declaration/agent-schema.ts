/**
 * The schema of one agent declaration, against its fleet's limits and today's date: one zod
 * pass reports every problem of the declaration at once.
 */
import { z } from 'zod';
import { OWNER_FORMAT_HINT } from '../../policy-pack/lib/identity/owner';
import { STS_BOUNDS } from '../../policy-pack/lib/identity/session';
import { formatDuration, parseDuration } from '../../policy-pack/lib/conventions';
import { NATIVE_RUNTIMES, RUNTIMES, type Runtime } from '../../policy-pack/lib/runtimes';
import { type AgentDeclarationError, agentSubject, declarationError, show } from './errors';
import {
  StatementSchema,
  agentNameFieldProblem,
  durationProblem,
  expiryFieldProblem,
  ownerFieldProblem,
  purposeFieldProblem,
  text,
  userTags,
} from './fields';
import { unknownKeys } from './errors';
import type { FleetLimits } from './limits';

export interface DeclarationContext {
  limits: FleetLimits;
  now: Date;
  /** Names already taken in the fleet, for the duplicate check of a standalone Agent. */
  isNameTaken?: (name: string) => boolean;
  fleetName?: string;
}

const AGENT_FIELDS =
  'name, owner, purpose, expiresOn, runtime, suspended, delegatesTo, permissions, credentials, tags';

const RUNTIME_LIST = RUNTIMES.map((r) => JSON.stringify(r)).join(', ');

/** The schema of one agent declaration, against a fleet's limits and today's date. */
export function agentDeclarationSchema(context: DeclarationContext) {
  const { limits, now } = context;
  const credentials = z
    .strictObject(
      {
        ttl: text('write it like "15m"', (v) =>
          durationProblem(v, {
            min: STS_BOUNDS.min,
            max: limits.maxTtlSeconds,
            maxReason: "the fleet's maximum",
          }),
        ).optional(),
        maxTtl: text('write it like "1h"', (v) =>
          durationProblem(v, {
            min: STS_BOUNDS.min,
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

  return z
    .strictObject(
      {
        name: text('name the agent in lower-case kebab, e.g. "ticket-triager"', (v) => {
          const problem = agentNameFieldProblem(v);
          if (problem !== undefined) return problem;
          if (context.isNameTaken?.(v)) {
            return `${show(v)} is already an agent of fleet "${context.fleetName}"; give each agent a unique name`;
          }
          return undefined;
        }),
        owner: text(
          `every agent has an accountable owner; ${OWNER_FORMAT_HINT}`,
          ownerFieldProblem,
        ),
        purpose: text(
          'say in one sentence what the agent does, e.g. "Triages incoming support tickets"',
          purposeFieldProblem,
        ),
        expiresOn: text(
          `give the date (YYYY-MM-DD) agreed with the owner, at most ${limits.maxLifetimeDays} days away`,
          (v) => expiryFieldProblem(v, limits.maxLifetimeDays, now),
        ),
        suspended: z
          .boolean({
            error: (issue) =>
              `${show(issue.input)} is not true or false; write suspended: true to stop the agent (its role denies everything, its Vault role and AppRole are removed)`,
          })
          .optional(),
        runtime: z
          .enum(RUNTIMES, {
            error: (issue) =>
              `${show(issue.input)} is not a runtime; use one of ${RUNTIME_LIST} ("vault", the default, for agents outside AWS that get credentials from Vault)`,
          })
          .optional(),
        delegatesTo: z
          .array(
            text('name an agent of the fleet, e.g. "ticket-notifier"', agentNameFieldProblem),
            {
              error: (issue) =>
                `${show(issue.input)} is not a list of agent names; write delegatesTo: ["ticket-notifier"]`,
            },
          )
          .optional(),
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
    )
    .check((ctx) => {
      const callees = ctx.value.delegatesTo ?? [];
      callees.forEach((callee, index) => {
        const problem =
          callee === ctx.value.name
            ? `${show(callee)} is the agent itself; an agent does not call itself, remove it`
            : callees.indexOf(callee) !== index
              ? `${show(callee)} is listed twice; list each agent once`
              : undefined;
        if (problem) {
          ctx.issues.push({
            code: 'custom',
            input: callee,
            path: ['delegatesTo', index],
            message: problem,
          });
        }
      });
      const runtime: Runtime = ctx.value.runtime ?? 'vault';
      if (runtime !== 'vault' && ctx.value.credentials !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value.credentials,
          path: ['credentials'],
          message: `${show(ctx.value.credentials)} sets Vault credential lifetimes, but runtime "${runtime}" (${NATIVE_RUNTIMES[runtime].title}) gets its sessions from AWS, not Vault; remove credentials or use runtime "vault"`,
        });
      }
    });
}

export type AgentDeclarationSchema = ReturnType<typeof agentDeclarationSchema>;
/** One agent as users declare it. */
export type AgentDeclaration = z.input<AgentDeclarationSchema>;
export type ValidAgentDeclaration = z.output<AgentDeclarationSchema>;

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
