/**
 * The fields users write, as zod schemas and the pure problems behind them. The identity rules
 * (owner, expiry, session bounds) are the pack's own (`policy-pack/lib/identity`); these fields
 * word them for the declaration, naming the value received and the fix.
 */
import * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import {
  actionNameProblem,
  expandActionPattern,
  isWildcardPattern,
} from '../../policy-pack/engine';
import { agentNameProblem, formatDuration, parseDuration } from '../../policy-pack/lib/conventions';
import { dayAfter, expiryProblem } from '../../policy-pack/lib/identity/expiry';
import { ownerProblem } from '../../policy-pack/lib/identity/owner';
import { STS_BOUNDS } from '../../policy-pack/lib/identity/session';
import { show, unknownKeys } from './errors';

/** A string field: a missing or non-string value gets `missing`'s fix; `problem` judges the string. */
export function text(fix: string, problem?: (value: string) => string | undefined) {
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

/** @internal */
export function tagValueProblem(value: string): string | undefined {
  if (value.length > 256)
    return `${show(value)} is ${value.length} characters; AWS tags hold at most 256`;
  const bad = [...value].find((c) => !TAG_VALUE.test(c));
  if (bad !== undefined) {
    return `${show(value)} contains ${JSON.stringify(bad)}, which AWS tags do not allow; use letters, digits, spaces and _ . : / = + - @`;
  }
  return undefined;
}

export function ownerFieldProblem(value: string): string | undefined {
  const problem = ownerProblem(value);
  if (problem !== undefined) return `${show(value)} ${problem.message}`;
  return tagValueProblem(value);
}

export function purposeFieldProblem(value: string): string | undefined {
  if (value.trim().length === 0) {
    return `${show(value)} is empty: say in one sentence what the agent does, e.g. "Triages incoming support tickets"`;
  }
  return tagValueProblem(value);
}

export function expiryFieldProblem(
  value: string,
  maxLifetimeDays: number,
  now: Date,
): string | undefined {
  const problem = expiryProblem(value, now, maxLifetimeDays);
  switch (problem?.kind) {
    case undefined:
      return undefined;
    case 'malformed':
      return `${show(value)} is not a date; write it as YYYY-MM-DD, e.g. "${dayAfter(now, 30)}"`;
    case 'expired':
      // Not a declaration error: an agent past its date is suspended (the Agent component).
      return undefined;
    case 'too-far':
      return `${show(value)} is ${problem.daysLeft} days away; the fleet allows at most ${maxLifetimeDays} days, so use ${dayAfter(now, maxLifetimeDays)} or earlier and renew it then`;
  }
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
export const userTags = z
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

/** Vault mount path: segments of letters, digits, `_` and `-`, no leading or trailing slash. */
const VAULT_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;
export const vaultPath = text('use a mount path like "aws-agents"', (v) =>
  VAULT_PATH.test(v)
    ? undefined
    : `${show(v)} is not a Vault mount path; use segments of letters, digits, _ and -, without leading or trailing "/", e.g. "aws-agents"`,
);

const IAM_PRINCIPAL_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
export const IAM_ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
export const principalArn = (example: string) =>
  text(`use the IAM ARN, e.g. "${example}"`, (v) =>
    IAM_PRINCIPAL_ARN.test(v)
      ? undefined
      : `${show(v)} is not an IAM role or user ARN; use e.g. "${example}"`,
  );

/**
 * A Pulumi string input: a literal string that `valid` accepts (any non-empty one by default), an
 * Output or a Promise. `missing` is the fix when it is absent; `wrong` words a value of another kind.
 */
export const stringInput = (
  missing: string,
  wrong: (input: unknown) => string,
  valid: (v: string) => boolean = (v) => v.length > 0,
) =>
  z.custom<pulumi.Input<string>>(
    (v) =>
      (typeof v === 'string' && valid(v)) || pulumi.Output.isInstance(v) || v instanceof Promise,
    {
      error: (issue) => (issue.input === undefined ? `is missing: ${missing}` : wrong(issue.input)),
    },
  );

export const secretInput = stringInput(
  'pass it as a secret, e.g. config.requireSecret("vaultAccessKey")',
  // A secret's value is never shown.
  () => 'is not a string or Output; pass it as a secret, e.g. config.requireSecret(...)',
);

/** A Vault auth mount's accessor, which is not a secret but read from the mount. */
const ACCESSOR_FIX =
  'pass the auth mount\'s accessor, e.g. vault.getAuthBackendOutput({ path: "approle" }).accessor';
export const mountAccessor = stringInput(
  ACCESSOR_FIX,
  (input) => `${show(input)} is not a string or Output; ${ACCESSOR_FIX}`,
);

export const fleetDuration = (example: string) =>
  text(`write it like "${example}"`, (v) =>
    durationProblem(v, {
      min: STS_BOUNDS.min,
      max: STS_BOUNDS.max,
      maxReason: 'the longest session AWS STS issues',
    }),
  );

/** Actions or patterns in the boundary: they restrict, so patterns are allowed, but must match. */
function boundaryActionProblem(value: string): string | undefined {
  if (value === '*') return undefined;
  if (isWildcardPattern(value)) {
    return expandActionPattern(value).length > 0
      ? undefined
      : `${show(value)} matches no IAM action; check the service prefix, e.g. "s3:*"`;
  }
  return actionNameProblem(value);
}

export const boundaryActions = (fix: string) =>
  z.array(text(fix, boundaryActionProblem), {
    error: (issue) => `${show(issue.input)} is not a list of actions; ${fix}`,
  });
