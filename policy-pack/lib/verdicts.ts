/**
 * The one reporting path of every policy: typed config, exemptions, unknowns, per-agent URNs.
 *
 * `@pulumi/policy` has no exemption mechanism, so the pack applies `config.exemptions` itself: a
 * matching, unexpired exemption turns a violation into an advisory that says who approved it, why
 * and until when; an expired one no longer counts and is named in the violation.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  StackValidationArgs,
} from '@pulumi/policy';
import { z } from 'zod';
import type { AgentRole } from './agents';
import { PackConfigSchema, type Exemption, type PackConfig } from './config';
import { isExpired, parseIsoDate } from './conventions';
import { computedFrom, originOf, type UnknownOrigin } from './unknown-sources';
import { isUnknownValueError, type Known } from './unknowns';
import { readTag } from './agents';

/** Every policy's `configSchema`: the pack's zod schema in Pulumi's `{ properties, required }` shape. */
export const packConfigSchema: PolicyConfigSchema = (() => {
  const json = z.toJSONSchema(PackConfigSchema, { io: 'input' }) as {
    properties?: PolicyConfigSchema['properties'];
    required?: string[];
  };
  return {
    properties: json.properties ?? {},
    ...(json.required && json.required.length > 0 ? { required: json.required } : {}),
  };
})();

/**
 * `report` as the server implements it (server.js `makeReportViolationFun`): besides a string it
 * accepts an object whose `message` stands alone and whose `enforcementLevel` overrides the
 * policy's. The type declarations only declare the string form.
 */
interface ViolationInfo {
  message: string;
  /** Absent for a finding about the stack as a whole. */
  urn?: string;
  enforcementLevel?: EnforcementLevel;
}
const reportObject = (report: ReportViolation, info: ViolationInfo): void =>
  (report as unknown as (info: ViolationInfo) => void)(info);

/** A user's mistake in the policy-pack config file; the message says which policy and what to fix. */
class PackConfigError extends Error {
  override readonly name = 'PackConfigError';
}

/** The policy's section of the pack config, parsed and defaulted by `PackConfigSchema`. */
function readPackConfig(
  policyName: string,
  args: Pick<StackValidationArgs, 'getConfig'>,
): PackConfig {
  const parsed = PackConfigSchema.safeParse(args.getConfig<Record<string, unknown>>() ?? {});
  if (!parsed.success) {
    throw new PackConfigError(
      `policy "${policyName}": invalid policy-pack config; fix these keys in the file given to --policy-pack-config:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** Whom a violation is about: the agent (for exemptions and messages) and the resource to flag. */
export interface AgentSubject {
  agentName: string;
  urn: string;
  /** The agent role's IAM name, which an exemption may name instead of the URN. */
  roleName?: string;
  /** The agent's role, whose `propertyDependencies` name where an unknown of it comes from. */
  resource?: PolicyResource;
}

export function subjectOf(agent: AgentRole): AgentSubject {
  return {
    agentName: agent.agentName,
    urn: agent.role.urn,
    resource: agent.role,
    ...(agent.roleName ? { roleName: agent.roleName } : {}),
  };
}

function exemptionExpired(exemption: Exemption, now: Date): boolean {
  const date = parseIsoDate(exemption.expiresOn);
  return date === undefined || isExpired(date, now);
}

const sentence = (s: string) => s.replace(/[.\s]+$/, '');
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const DAY_MS = 86_400_000;

/** Whether the exemption names this resource: its URN, or the agent role's IAM name. */
function boundTo(e: Exemption, subject: AgentSubject): boolean {
  if (e.urn !== undefined && e.urn === subject.urn) return true;
  return (
    e.roleName !== undefined && subject.roleName !== undefined && same(e.roleName, subject.roleName)
  );
}

/**
 * Why an unexpired exemption bound to this resource does not apply, or undefined when it does. The
 * pack config sits in the repository the pull request changes, so an exemption counts only when a
 * configured approver who is not the agent's own owner signed it, for a bounded time.
 */
function exemptionProblem(
  e: Exemption,
  config: PackConfig,
  owner: Known<unknown>,
  now: Date,
): string | undefined {
  const approvers = config.exemptionApprovers;
  if (!approvers.some((a) => same(a, e.approvedBy))) {
    return approvers.length === 0
      ? `no exemptionApprovers are configured, so no exemption can apply; list who may approve exemptions in exemptionApprovers`
      : `${e.approvedBy} is not one of the exemptionApprovers (${approvers.join(', ')})`;
  }
  if (!owner.known)
    return "the agent's owner is unknown at preview, so the approver cannot be checked against it";
  if (typeof owner.value === 'string' && same(owner.value, e.approvedBy)) {
    return `it is approved by the agent's own owner (${e.approvedBy}); another approver must sign it`;
  }
  const latest = new Date(now.getTime() + config.maxExemptionDays * DAY_MS)
    .toISOString()
    .slice(0, 10);
  if (e.expiresOn > latest) {
    return `it runs until ${e.expiresOn}, beyond maxExemptionDays (${config.maxExemptionDays}) from today; renew it for at most until ${latest}`;
  }
  return undefined;
}

interface ExemptionLookup {
  valid?: Exemption;
  /** Exemptions bound to this resource that have expired. */
  expired: Exemption[];
  /** Unexpired exemptions bound to this resource that do not apply, and why. */
  refused: { exemption: Exemption; problem: string }[];
  /** Exemptions of this policy and agent name that name another resource. */
  elsewhere: Exemption[];
}

function findExemption(
  config: PackConfig,
  policyNames: readonly string[],
  subject: AgentSubject,
  owner: Known<unknown>,
  now: Date,
): ExemptionLookup {
  const named = config.exemptions.filter(
    (e) => policyNames.includes(e.policy) && e.agent === subject.agentName,
  );
  const bound = named.filter((e) => boundTo(e, subject));
  const lookup: ExemptionLookup = {
    expired: [],
    refused: [],
    elsewhere: named.filter((e) => !boundTo(e, subject)),
  };
  for (const e of bound) {
    if (exemptionExpired(e, now)) {
      lookup.expired.push(e);
      continue;
    }
    const problem = exemptionProblem(e, config, owner, now);
    if (problem) lookup.refused.push({ exemption: e, problem });
    else lookup.valid ??= e;
  }
  return lookup;
}

/**
 * Reports one violation for an agent, applying the config's exemptions. Uses the object form of
 * `report` so that the message stands alone and an exemption can lower it to advisory. An
 * exemption that does not apply is named in the violation, with why.
 */
function reportAgentViolation(
  report: ReportViolation,
  subject: AgentSubject,
  message: string,
  lookup: ExemptionLookup,
): void {
  const { valid, expired, refused, elsewhere } = lookup;
  if (valid) {
    reportObject(report, {
      message: `${message} Exempted by ${valid.approvedBy} until ${valid.expiresOn}: ${sentence(valid.reason)}.`,
      enforcementLevel: 'advisory',
      urn: subject.urn,
    });
    return;
  }
  const notes: string[] = [];
  const last = expired[expired.length - 1];
  if (last) {
    notes.push(
      `The exemption approved by ${last.approvedBy} expired on ${last.expiresOn}; fix the agent or renew the exemption.`,
    );
  }
  for (const r of refused) {
    notes.push(`The exemption approved by ${r.exemption.approvedBy} does not apply: ${r.problem}.`);
  }
  for (const e of elsewhere) {
    notes.push(
      `An exemption for agent "${e.agent}" names ${e.urn ?? `role "${e.roleName}"`}, not this resource, so it does not apply here.`,
    );
  }
  reportObject(report, {
    message: [message, ...notes].join(' '),
    urn: subject.urn,
  });
}

const ACCEPTED_UNKNOWN =
  'Accepted as advisory by the policy-pack config (unknownAtPreview: advisory).';

/** What to do instead of depending on a value computed by a new resource. */
export const KNOWN_AT_PREVIEW_HINT =
  'write it from values known at preview: literal names and tags, ARNs built from names (the grants helpers, or `arn:aws:s3:::${name}` from a literal bucket name), documents as objects';

/**
 * A value the pack needs is unknown at preview. Pulumi runs stack policies on `pulumi up` only
 * after every resource has been created, with no rollback, so "verified at update" would mean
 * "reported after it is live": the unknown is a mandatory violation, unless the config accepts the
 * risk (`unknownAtPreview: "advisory"`), which every run then says.
 */
function reportUnknown(
  report: ReportViolation,
  config: PackConfig,
  subject: AgentSubject,
  what: string,
  path: string,
  origin: UnknownOrigin,
  moment: PolicyMoment,
): void {
  const accepted = config.unknownAtPreview === 'advisory';
  const where = origin.resource ? `${origin.resource}.${path}` : `.${path}`;
  const sources = origin.sources;
  const when =
    moment === 'step'
      ? "so the preview cannot judge it, and `pulumi up` would judge it only at the resource's own step, after earlier steps have run; "
      : 'so it cannot be judged before the resource exists, and Pulumi runs this policy on `pulumi up` only after every resource is created; ';
  reportObject(report, {
    message:
      `Agent "${subject.agentName}": ${what} is unknown at preview (${where}${computedFrom(sources)}), ` +
      when +
      `${KNOWN_AT_PREVIEW_HINT}.` +
      (accepted ? ` ${ACCEPTED_UNKNOWN}` : ''),
    ...(accepted ? { enforcementLevel: 'advisory' as const } : {}),
    urn: subject.urn,
  });
}

/**
 * When a policy runs: `stack` after every step of `pulumi up` (on outputs), `step` on one
 * resource's inputs before its own step (a resource policy), which is when it can still block.
 */
export type PolicyMoment = 'stack' | 'step';

/** Ends every violation of a step policy, so that it reads apart from its stack policy's. */
export const STEP_NOTE = "Judged on this resource's own inputs, at its step, before it is created.";

export interface VerdictOptions {
  /** `step` for a resource policy (see `PolicyMoment`); `stack` by default. */
  moment?: PolicyMoment;
  /**
   * The stack policy whose rule a step policy applies: exemptions from it count for the step
   * policy too, so one exemption covers one rule at both moments.
   */
  rule?: string;
}

/**
 * One policy run over a stack (or one resource, for a step policy): typed config, the clock, and
 * reporting per agent. Create it at the start of `validateStack` (or `validateResource`), judge
 * each agent inside `judge`, and call `finish` at the end.
 */
export class AgentVerdicts {
  readonly config: PackConfig;
  readonly moment: PolicyMoment;
  private readonly exemptionPolicies: string[];
  private readonly used = new Set<Exemption>();
  private readonly judged = new Set<string>();

  constructor(
    readonly policyName: string,
    args: Pick<StackValidationArgs, 'getConfig'>,
    private readonly report: ReportViolation,
    readonly now: Date = new Date(),
    options: VerdictOptions = {},
  ) {
    this.config = readPackConfig(policyName, args);
    this.moment = options.moment ?? 'stack';
    this.exemptionPolicies = options.rule ? [policyName, options.rule] : [policyName];
  }

  violation(subject: AgentSubject, message: string): void {
    const owner = subject.resource
      ? readTag(subject.resource, this.config.tagKeys.owner)
      : ({ known: true, value: undefined } as const);
    const lookup = findExemption(this.config, this.exemptionPolicies, subject, owner, this.now);
    if (this.moment === 'step') message = `${message} ${STEP_NOTE}`;
    for (const e of [
      ...(lookup.valid ? [lookup.valid] : []),
      ...lookup.expired,
      ...lookup.refused.map((r) => r.exemption),
      ...lookup.elsewhere,
    ]) {
      this.used.add(e);
    }
    reportAgentViolation(this.report, subject, message, lookup);
  }

  /** A violation no exemption can excuse (the policy's own level still applies). */
  unexemptable(subject: AgentSubject, message: string): void {
    const note = this.moment === 'step' ? ` ${STEP_NOTE}` : '';
    reportObject(this.report, { message: `${message}${note}`, urn: subject.urn });
  }

  /**
   * A violation that exists because a value is unknown at preview, already worded: mandatory, or
   * an advisory that says so when the config accepts unknowns (`unknownAtPreview: "advisory"`).
   */
  unknownAtPreview(subject: AgentSubject, message: string): void {
    if (this.config.unknownAtPreview !== 'advisory') return this.violation(subject, message);
    const note = this.moment === 'step' ? ` ${STEP_NOTE}` : '';
    reportObject(this.report, {
      message: `${message}${note} ${ACCEPTED_UNKNOWN}`,
      enforcementLevel: 'advisory',
      urn: subject.urn,
    });
  }

  /**
   * A finding about the stack as a whole, on no one resource: the policy's level (or the
   * config's) applies, and exemptions, which name an agent, do not.
   */
  stackFinding(message: string): void {
    reportObject(this.report, { message });
  }

  /** A finding that warrants a look but not a block; exemptions do not apply. */
  advisory(subject: AgentSubject, message: string): void {
    reportObject(this.report, { message, enforcementLevel: 'advisory', urn: subject.urn });
  }

  /**
   * A value unknown at preview. `from` is the resource it was read from (the agent's role, a Vault
   * role, a policy); its `propertyDependencies` name the resources the value is computed from.
   */
  unknown(
    subject: AgentSubject,
    what: string,
    path: string,
    from?: PolicyResource | UnknownOrigin,
  ): void {
    const origin =
      from && 'sources' in from && !('urn' in from)
        ? from
        : originOf(from as PolicyResource | undefined, path);
    reportUnknown(this.report, this.config, subject, what, path, origin, this.moment);
  }

  /**
   * Runs one agent's checks. An `UnknownValueError` that escapes them is reported for this agent
   * only (as an advisory, or as a violation when `failClosed` gives the message) instead of making
   * the server skip the policy for every agent.
   */
  judge(subject: AgentSubject, check: () => void, failClosed?: (path: string) => string): void {
    this.judged.add(subject.agentName);
    try {
      check();
    } catch (e) {
      if (!isUnknownValueError(e)) throw e;
      const path = e.props.map(String).join('.');
      if (failClosed) this.violation(subject, failClosed(path));
      else this.unknown(subject, 'a value this policy reads', path);
    }
  }

  /** Reports expired exemptions of this policy, for agents judged here, that no violation named. */
  finish(subjects: AgentSubject[]): void {
    const byAgent = new Map(subjects.map((s) => [s.agentName, s]));
    for (const e of this.config.exemptions) {
      const subject = byAgent.get(e.agent);
      if (!this.exemptionPolicies.includes(e.policy) || !subject || this.used.has(e)) continue;
      if (!exemptionExpired(e, this.now)) continue;
      reportObject(this.report, {
        message: `Agent "${e.agent}": the exemption from ${e.policy} approved by ${e.approvedBy} expired on ${e.expiresOn}; remove it from the policy-pack config.`,
        enforcementLevel: 'advisory',
        urn: subject.urn,
      });
    }
  }
}
