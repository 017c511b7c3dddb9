/**
 * The contract between the program host (the child process that runs a user's Pulumi program under
 * the mock runtime) and the judge (the parent, which never loads user code). The host streams one
 * JSON message per line on file descriptor 3; every message carries the nonce the judge gave the
 * host on its standard input, which the program cannot read. The judge parses each line with this
 * schema and treats anything else (a malformed line, a wrong nonce, a message out of order, a
 * missing `done`) as a failed run: exit 2, never a verdict.
 */
import { z } from 'zod';

export const HOST_CHANNEL_FD = 3;

export const RecordedResourceSchema = z.object({
  type: z.string(),
  name: z.string(),
  urn: z.string(),
  parent: z.string().optional(),
  custom: z.boolean(),
  /**
   * A multi-language component (`remote: true` in `RegisterResourceRequest`, as awsx 3 registers
   * `FargateService`, `lb`, `ecr`): its provider plugin creates its children, so under the mock
   * engine it has none, and nothing inside it is judged.
   */
  remote: z.literal(true).optional(),
  dependencies: z.array(z.string()),
  propertyDependencies: z.record(z.string(), z.array(z.string())),
  inputs: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
});

/** Where a user's program failed, as the program's own file and line. */
export const ProgramLocationSchema = z.object({ file: z.string(), line: z.number().int() });

const Base = { nonce: z.string() };

export const HostMessageSchema = z.discriminatedUnion('t', [
  z.object({ ...Base, t: z.literal('resource'), resource: RecordedResourceSchema }),
  z.object({
    ...Base,
    t: z.literal('outputs'),
    urn: z.string(),
    outputs: z.record(z.string(), z.unknown()),
  }),
  /** The program finished and every registration settled; `count` resources were sent. */
  z.object({
    ...Base,
    t: z.literal('done'),
    count: z.number().int().nonnegative(),
    /** Config keys the program required and the stack does not set, read as unknown. */
    unsetConfig: z.array(z.string()).default([]),
  }),
  /** The program threw, or a registration or invoke failed. */
  z.object({
    ...Base,
    t: z.literal('failed'),
    message: z.string(),
    location: ProgramLocationSchema.optional(),
    /** An invoke with no offline answer, by token. */
    invoke: z.string().optional(),
    /** Config keys the program required and the stack does not set, read as unknown. */
    unsetConfig: z.array(z.string()).default([]),
  }),
  /** The event loop drained before the program finished: what it was still waiting for. */
  z.object({
    ...Base,
    t: z.literal('unsettled'),
    resources: z.array(z.string()),
    invokes: z.array(z.string()),
  }),
]);

export type HostMessage = z.infer<typeof HostMessageSchema>;

/** What the judge sends the host on its standard input. */
export const HostRequestSchema = z.object({
  nonce: z.string().min(16),
  programFile: z.string(),
  project: z.string(),
  stack: z.string(),
  organization: z.string(),
  preview: z.boolean(),
  /**
   * The run with every output known that accompanies a preview (`unseen-at-preview.ts`), not a
   * check with --update: another stack's outputs stay unavailable to it instead of stopping it.
   */
  companion: z.boolean().default(false),
  config: z.record(z.string(), z.string()),
  secretKeys: z.array(z.string()),
  /** The program's tsconfig, whose compiler options its TypeScript is transpiled with. */
  tsconfig: z.string().optional(),
  provider: z.object({
    account: z.string(),
    region: z.string(),
    partition: z.string(),
    preview: z.boolean(),
  }),
});

export type HostRequest = z.infer<typeof HostRequestSchema>;
