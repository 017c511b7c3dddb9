/**
 * The offline check of one program: loads the pack and its config, runs the program on the SDK's
 * mock engine with the stack's config, and judges what it registered, with no cloud account.
 */
import * as path from 'path';
import type { Diagnostic } from './analyzer';
import { startJudging } from './judge';
import { runIsolated } from './isolated-run';
import type { RecordedResource } from './mock-runtime';
import type { NormalizedPolicyConfig } from './normalized-config';
import { type LoadedPack, loadPack } from './pack';
import { loadPolicyConfig } from './policy-config';
import { loadProgramProject } from './stack-config';

/** The account the mock providers answer for. */
export const MOCK_ACCOUNT = '123456789012';
const DEFAULT_REGION = 'us-east-1';

export interface ProgramCheckOptions {
  /** Absolute path of the program's entry file. */
  programFile: string;
  stack: string;
  /** As `pulumi preview`: new resources' computed outputs unknown. Else as `pulumi up`. */
  preview: boolean;
  /** A policy-pack config file, as `pulumi preview --policy-pack-config` takes. */
  policyConfigFile?: string;
  /** Stop a program that has not finished after this many seconds. */
  timeoutSeconds: number;
}

export interface ProgramCheck {
  /** The project's name, from `Pulumi.yaml`. */
  project: string;
  pack: LoadedPack;
  policyConfig: NormalizedPolicyConfig;
  resources: RecordedResource[];
  diagnostics: Diagnostic[];
  /** What the program printed: the program's, never the check's standard output. */
  programOutput: string;
}

/**
 * Runs the program and judges it. Throws `PolicyConfigFileError`, `StackConfigError` and
 * `ProgramRunError`, in that order of checking.
 */
export async function checkProgram(options: ProgramCheckOptions): Promise<ProgramCheck> {
  const pack = loadPack();
  const policyConfig = loadPolicyConfig(pack, options.policyConfigFile);
  const project = loadProgramProject(options.programFile, options.stack);
  const region = project.config['aws:region'] ?? DEFAULT_REGION;
  // The program runs in its own process; this one, the judge, never loads user code, and judges
  // each resource as it arrives.
  const judging = startJudging(pack, policyConfig);
  const run = await runIsolated(
    {
      programFile: options.programFile,
      project: project.project,
      stack: options.stack,
      organization: 'organization',
      preview: options.preview,
      config: project.config,
      secretKeys: project.secretKeys,
      provider: { account: MOCK_ACCOUNT, region, partition: 'aws', preview: options.preview },
    },
    {
      cwd: path.dirname(options.programFile),
      timeoutSeconds: options.timeoutSeconds,
      onResource: (resource) => judging.add(resource),
    },
  ).catch((err: unknown) => {
    judging.abandon();
    throw err;
  });
  const diagnostics = await judging.finish(run.resources);
  return {
    project: project.project,
    pack,
    policyConfig,
    resources: run.resources,
    diagnostics,
    programOutput: run.output,
  };
}
