/**
 * The offline check of one program: loads the pack and its config, runs the program on the SDK's
 * mock engine with the stack's config, and judges what it registered, with no cloud account.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AGENT_IAM_CONFIG_FILE } from './agent-iam-config';
import type { Diagnostic } from './analyzer';
import { startJudging } from './judge';
import { unseenResources, unseenViolations } from './unseen-at-preview';
import { ProgramRunError, runIsolated } from './isolated-run';
import { lentMismatches, lentMismatchNote, lentMismatchWarning } from './lent-versions';
import type { RecordedResource } from './mock-runtime';
import { type MockTarget, mockTarget } from './mock-target';
import type { NormalizedPolicyConfig } from './normalized-config';
import { type LoadedPack, loadPack } from './pack';
import { loadPolicyConfig } from './policy-config';
import { type ProgramEntry, resolveProgramEntry } from './program-entry';
import { loadProgramProject, otherStacks, type ProgramProject } from './stack-config';

export interface ProgramCheckOptions {
  /** `--program`: a project folder, or a program file. */
  program: string;
  stack: string;
  /** The stack was named (`--stack`): its `Pulumi.<stack>.yaml` must then exist. */
  stackGiven?: boolean;
  /** As `pulumi preview`: new resources' computed outputs unknown. Else as `pulumi up`. */
  preview: boolean;
  /**
   * `agent-iam.config.json` or a per-policy file as `pulumi preview --policy-pack-config` takes.
   * Default: the program folder's `agent-iam.config.json`, else the pack's defaults and a warning.
   */
  policyConfigFile?: string;
  /** Stop a program that has not finished after this many seconds. */
  timeoutSeconds: number;
  /** `--account`, `--region`: what the mock providers answer for, over the stack config's. */
  account?: string;
  region?: string;
}

export interface ProgramCheck {
  /** The project's name, from `Pulumi.yaml`. */
  project: string;
  /** The file the program starts at, and how it was found. */
  entry: ProgramEntry;
  /** The account and region the mock providers answered for, and where each came from. */
  target: MockTarget;
  /** Remarks on the check's input: a stack file that is missing, a `main` that is not there. */
  warnings: string[];
  pack: LoadedPack;
  policyConfig: NormalizedPolicyConfig;
  resources: RecordedResource[];
  diagnostics: Diagnostic[];
  /** What the program printed: the program's, never the check's standard output. */
  programOutput: string;
}

/** The program folder's `agent-iam.config.json`, if there is one. */
function defaultConfigFile(projectDir: string): string | undefined {
  const file = path.join(projectDir, AGENT_IAM_CONFIG_FILE);
  return fs.existsSync(file) ? file : undefined;
}

/** Said on every run without a config: the defaults know no Vault principal and no owner registry. */
export function noConfigWarning(projectDir: string): string {
  return `no policy config: there is no ${path.join(projectDir, AGENT_IAM_CONFIG_FILE)} and no --policy-config was given, so the pack ran with its defaults (no Vault principal, any well-formed owner, no exemption approvers); write ${AGENT_IAM_CONFIG_FILE} in the program's folder (see README.md "Configuration") or pass --policy-config FILE.`;
}

/** Said for each config key the program required and the stack does not set. */
export function unsetConfigWarning(key: string, project: ProgramProject): string {
  const [namespace, name] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const setKey = namespace === project.project ? name : key;
  return `config "${key}" is required by the program but set neither in ${project.stackFile} nor in Pulumi.yaml: the check read it as unknown, as a value known only at deploy time, so whatever the pack needs from it fails closed; set it with \`pulumi config set ${setKey} VALUE\` (add --secret for a secret).`;
}

/**
 * Runs the program and judges it. Throws `PolicyConfigFileError`, `ProgramEntryError`,
 * `StackConfigError` and `ProgramRunError`, in that order of checking.
 */
export async function checkProgram(options: ProgramCheckOptions): Promise<ProgramCheck> {
  const pack = loadPack();
  const given = options.policyConfigFile;
  const explicit = given === undefined ? undefined : loadPolicyConfig(pack, given);
  const entry = resolveProgramEntry(options.program);
  const found = given === undefined ? defaultConfigFile(entry.projectDir) : given;
  const policyConfig = explicit ?? loadPolicyConfig(pack, found);
  const project = loadProgramProject(entry.programFile, options.stack, {
    projectDir: entry.projectDir,
    stackFileRequired: options.stackGiven === true,
  });
  const warnings = [...entry.warnings];
  const borrowed = lentMismatches(entry.projectDir);
  warnings.push(...borrowed.map(lentMismatchWarning));
  if (found === undefined) warnings.push(noConfigWarning(entry.projectDir));
  if (!project.stackFileFound) {
    // As Pulumi, a stack without its file has an empty config; say so when other stacks have one.
    const others = otherStacks(project.stackFile);
    if (others.length > 0) {
      warnings.push(
        `there is no ${project.stackFile}: stack "${options.stack}" ran with the project's config only; the stacks with a config file are ${others.join(', ')} (pass --stack)`,
      );
    }
  }
  const target = mockTarget(project.config, project.keySources, {
    ...(options.account === undefined ? {} : { account: options.account }),
    ...(options.region === undefined ? {} : { region: options.region }),
  });
  // The program reads the region the providers answer for: `--region` overrides `aws:region`, and
  // a stack without one reads the default the mocks answer for (the check says so), as
  // `aws.config.requireRegion()` and an explicit `aws.Provider` need one.
  const config = { ...project.config, 'aws:region': target.region };
  // The program runs in its own process; this one, the judge, never loads user code, and judges
  // each resource as it arrives.
  const runAndJudge = async (preview: boolean, companion = false) => {
    const judging = startJudging(pack, policyConfig);
    const done = await runIsolated(
      {
        programFile: entry.programFile,
        project: project.project,
        stack: options.stack,
        organization: 'organization',
        preview,
        companion,
        config,
        secretKeys: project.secretKeys,
        ...(entry.tsconfig ? { tsconfig: entry.tsconfig } : {}),
        provider: {
          account: target.account,
          region: target.region,
          partition: target.partition,
          preview,
        },
      },
      {
        cwd: entry.projectDir,
        timeoutSeconds: options.timeoutSeconds,
        onResource: (resource) => judging.add(resource),
      },
    ).catch((err: unknown) => {
      judging.abandon();
      if (!(err instanceof ProgramRunError) || borrowed.length === 0) throw err;
      throw new ProgramRunError(
        err.kind,
        `${err.message}${lentMismatchNote(borrowed)}`,
        err.output,
      );
    });
    return { run: done, diagnostics: await judging.finish(done.resources) };
  };
  // What a program registers only when values are known (inside an apply, behind isDryRun()) is
  // unseen at preview: at preview the program also runs with every output known, at the same time,
  // and what that run finds and the preview did not is the preview's too (`unseen-at-preview.ts`).
  const updateRun = options.preview ? runAndJudge(false, true) : undefined;
  // Its failure is awaited below; until then it must not count as an unhandled rejection.
  updateRun?.catch(() => undefined);
  const { run, diagnostics: judged } = await runAndJudge(options.preview).catch(
    async (err: unknown) => {
      await updateRun?.catch(() => undefined);
      throw err;
    },
  );
  let diagnostics = judged;
  if (updateRun) {
    const update = await updateRun.catch((err: unknown) => {
      if (!(err instanceof ProgramRunError)) throw err;
      throw new ProgramRunError(
        err.kind,
        `${err.message} (in the run with every output known that a preview check also makes, to judge what the program creates only once values are known; another stack's outputs are absent from it. A program that cannot run so is not judged completely offline: judge it with \`pulumi preview --policy-pack\`)`,
        err.output,
      );
    });
    const unseen = unseenResources(run.resources, update.run.resources);
    diagnostics = [...judged, ...unseenViolations(unseen, judged, update.diagnostics)];
  }
  warnings.push(...run.unsetConfig.map((key) => unsetConfigWarning(key, project)));
  return {
    project: project.project,
    entry,
    target,
    warnings,
    pack,
    policyConfig,
    resources: run.resources,
    diagnostics,
    programOutput: run.output,
  };
}
