/**
 * The saved output of `agent-iam check --json`: one schema, from which the check's own result type
 * is inferred, and which `report` and `diff` validate a file against, so a wrong or stale file is
 * refused with the file and the field named, never half-read, and no field the check writes is
 * dropped on reading.
 */
import { z } from 'zod';
import { issueLines, readJsonInput, shown, type Loaded, type StdinReader } from './input';

/** One statement of an agent's declared permissions, as the Agent component's inventory lists it. */
const StatementSchema = z.object({
  sid: z.string().optional(),
  /** For a hand-written agent: the policy the statement is in (`inline:x`, a policy ARN). */
  source: z.string().optional(),
  actions: z.array(z.string()),
  /** `NotAction`: `actions` is `["*"]`, except these. */
  notActions: z.array(z.string()).optional(),
  resources: z.array(z.string()),
  /** `NotResource`: `resources` is `["*"]`, except these. */
  notResources: z.array(z.string()).optional(),
  conditions: z.record(z.string(), z.unknown()).optional(),
});

/** One way an agent reaches permissions beyond its own policies. */
const ReachSchema = z.object({
  kind: z.enum(['assumed-role', 'resource-policy']),
  /** The role's name, or the resource policy's source (`bucket policy "x"`). */
  name: z.string(),
  /** For an assumed role: the roles from the agent's to this one. */
  path: z.array(z.string()).optional(),
});

/** One row of the inventory: an Agent component, or a role the pack counts as an agent. */
const InventoryEntrySchema = z.object({
  name: z.string().min(1),
  owner: z.string(),
  purpose: z.string(),
  expiresOn: z.string(),
  ttl: z.string(),
  maxTtl: z.string(),
  /**
   * A component agent's declared statements; for a hand-written agent, the Allow statements of
   * the IAM policies the pack found for its role.
   */
  statements: z.array(StatementSchema),
  /** Set for a role the pack counts as an agent that no Agent component declared. */
  declaredBy: z.literal('hand').optional(),
  /** `vault`, or the AWS service that runs it; absent in outputs saved before it was reported. */
  runtime: z.string().optional(),
  /** `active`, `suspended` (the kill switch) or `expired` (past its date, and so suspended). */
  status: z.enum(['active', 'suspended', 'expired']).optional(),
  /**
   * What the agent reaches beyond its own policies: roles it can assume (with the path) and
   * resource policies of the stack that grant its role. Absent when nothing.
   */
  reach: z.array(ReachSchema).optional(),
  /**
   * The agent's IAM role ARN; `null` when it is only known after apply (a new role at preview).
   * Absent in outputs saved before it was reported, or when the pack did not find the role.
   */
  roleArn: z.string().nullable().optional(),
  /** Where a Vault agent reads its AWS credentials (`<mount>/sts/<role>`); absent otherwise. */
  vaultPath: z.string().optional(),
  /**
   * Fields whose values are known only after apply: `statements` when the component's inventory
   * was computed from outputs of resources not yet created (its identity then comes from the
   * role's tags).
   */
  knownAfterApply: z.array(z.enum(['statements'])).optional(),
  /**
   * Delegation reach: the agents it can call, directly or through other agents, as the pack's
   * delegation graph finds them (declared or not). Absent when none.
   */
  delegatesTo: z.array(z.string()).optional(),
});

const ViolationSchema = z.object({
  policy: z.string(),
  enforcementLevel: z.enum(['mandatory', 'advisory', 'disabled', 'remediate']),
  severity: z.string().optional(),
  resource: z.object({ urn: z.string(), type: z.string(), name: z.string() }).optional(),
  message: z.string(),
});

/**
 * A multi-language (remote) component, whose children only its provider plugin creates: nothing
 * inside it was judged. Unacknowledged, it fails the gate.
 */
const OpaqueComponentSchema = z.object({
  type: z.string(),
  name: z.string(),
  urn: z.string(),
  /** The reason the policy config's `opaqueComponents` gives; absent when not acknowledged. */
  acknowledged: z.string().optional(),
});

/** The AWS account and region the mock providers answered for, and where each came from. */
const MockedAwsSchema = z.object({
  account: z.string(),
  accountFrom: z.string(),
  region: z.string(),
  regionFrom: z.string(),
  partition: z.string(),
});

export const CheckReportSchema = z.object({
  program: z.string(),
  project: z.string(),
  stack: z.string(),
  mode: z.enum(['preview', 'update']),
  /** Absent in outputs saved before the check reported it. */
  mockedAws: MockedAwsSchema.optional(),
  pack: z.object({ name: z.string(), version: z.string() }),
  inventory: z.array(InventoryEntrySchema),
  violations: z.array(ViolationSchema),
  /** Remote components registered by the program, which the offline check cannot look inside. */
  opaqueComponents: z.array(OpaqueComponentSchema).default([]),
  /** Advisory remarks on the check's input (not violations, never a failure). */
  warnings: z.array(z.string()).default([]),
  /** How the policy-pack config lowers the pack's verdicts, one line each (see `weakened.ts`). */
  weakened: z.array(z.string()).default([]),
  summary: z.object({
    resources: z.number(),
    agents: z.number(),
    mandatory: z.number(),
    advisory: z.number(),
    passed: z.boolean(),
  }),
});

export type CheckReport = z.infer<typeof CheckReportSchema>;
export type InventoryEntry = CheckReport['inventory'][number];
export type GrantStatement = InventoryEntry['statements'][number];
export type Violation = CheckReport['violations'][number];
export type OpaqueComponent = CheckReport['opaqueComponents'][number];

/** A cell whose value is an output known only after apply (a preview's unknown). */
export const UNKNOWN_CELL = '(unknown)';

const HOW_TO_MAKE = 'save it with `agent-iam check --json > check.json`';

/** Loads and validates a saved `check --json`; the message names the file and each bad field. */
export async function loadCheckReport(
  file: string,
  readStdin: StdinReader,
): Promise<Loaded<CheckReport>> {
  const label = file === '-' ? 'standard input' : file;
  const json = await readJsonInput(file, readStdin);
  if (!json.ok)
    return {
      ok: false,
      message: `${json.message} Expected the output of \`agent-iam check --json\`; ${HOW_TO_MAKE}.`,
    };
  const raw = json.value;
  if (raw && typeof raw === 'object' && 'error' in raw && !('inventory' in raw)) {
    const error = (raw as { error?: { message?: unknown } }).error;
    return {
      ok: false,
      message: `${label}: is the output of a failed \`agent-iam check\` (${shown(error?.message)}); fix the check and save its output again.`,
    };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('inventory' in raw)) {
    return {
      ok: false,
      message: `${label}: not the output of \`agent-iam check --json\` (no "inventory"); ${HOW_TO_MAKE}.`,
    };
  }
  const parsed = CheckReportSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: [
      `${label}: not a valid \`agent-iam check --json\` output; ${HOW_TO_MAKE}:`,
      ...issueLines(raw, parsed.error.issues),
    ].join('\n'),
  };
}

export type InventoryReach = z.infer<typeof ReachSchema>;
