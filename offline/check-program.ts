/**
 * The offline check of one program: loads the pack and its config, runs the program on the SDK's
 * mock engine with the stack's config, and judges what it registered, with no cloud account.
 */
import type { Diagnostic } from './analyzer';
import { judge } from './judge';
import { type RecordedResource, runProgram } from './mock-runtime';
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
}

export interface ProgramCheck {
  /** The project's name, from `Pulumi.yaml`. */
  project: string;
  pack: LoadedPack;
  policyConfig: NormalizedPolicyConfig;
  resources: RecordedResource[];
  diagnostics: Diagnostic[];
}

/**
 * Runs the program and judges it. Throws `PolicyConfigFileError`, `StackConfigError` and
 * `ProgramFailure`, in that order of checking.
 */
export async function checkProgram(options: ProgramCheckOptions): Promise<ProgramCheck> {
  const pack = loadPack();
  const policyConfig = loadPolicyConfig(pack, options.policyConfigFile);
  const project = loadProgramProject(options.programFile, options.stack);
  const region = project.config['aws:region'] ?? DEFAULT_REGION;
  const run = await runProgram({
    programFile: options.programFile,
    project: project.project,
    stack: options.stack,
    preview: options.preview,
    config: project.config,
    secretKeys: project.secretKeys,
    provider: { account: MOCK_ACCOUNT, region, partition: 'aws', preview: options.preview },
  });
  const diagnostics = await judge(pack, run.resources, policyConfig);
  return { project: project.project, pack, policyConfig, resources: run.resources, diagnostics };
}
