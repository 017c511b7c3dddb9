/** The check's result, as `--json` prints it and the text output shows it, from an offline run. */
import * as path from 'path';
import type {
  Diagnostic,
  LoadedPack,
  NormalizedPolicyConfig,
  ProgramCheck,
  RecordedResource,
} from '../../../offline';
import type { CheckReport, Violation } from '../../check-report';
import { inventoryOf } from './inventory';
import { opaqueComponents } from './opaque';
import { agentDetectionWarnings } from './warnings';
import { gateWeakenings } from './weakened';

function toViolation(d: Diagnostic, byUrn: Map<string, RecordedResource>): Violation {
  const r = d.urn ? byUrn.get(d.urn) : undefined;
  return {
    policy: d.policyName,
    enforcementLevel: d.enforcementLevel,
    ...(d.severity ? { severity: d.severity } : {}),
    ...(d.urn ? { resource: { urn: d.urn, type: r?.type ?? '', name: r?.name ?? d.urn } } : {}),
    message: d.message,
  };
}

/** Relative to the working directory when inside it, else absolute. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** What a judged set of resources is reported with: a program's run, or a deployed state. */
export interface JudgedResources {
  /** The program file, or the exported state the resources were read from. */
  program: string;
  project: string;
  stack: string;
  mode: CheckReport['mode'];
  mockedAws?: CheckReport['mockedAws'];
  pack: LoadedPack;
  policyConfig: NormalizedPolicyConfig;
  resources: RecordedResource[];
  diagnostics: Diagnostic[];
  /** Remarks on the input, before the config's own. */
  warnings: string[];
}

/** The report of any judged set of resources, in the one shape `check --json` writes. */
export function judgedReport(judged: JudgedResources): CheckReport {
  const byUrn = new Map(judged.resources.map((r) => [r.urn, r]));
  const violations = judged.diagnostics.map((d) => toViolation(d, byUrn));
  const inventory = inventoryOf(judged.resources, judged.policyConfig);
  const mandatory = violations.filter((v) => v.enforcementLevel === 'mandatory').length;
  const opaque = opaqueComponents(judged.resources, judged.policyConfig);
  const unacknowledged = opaque.components.filter((c) => c.acknowledged === undefined).length;
  return {
    program: judged.program,
    project: judged.project,
    stack: judged.stack,
    mode: judged.mode,
    ...(judged.mockedAws ? { mockedAws: judged.mockedAws } : {}),
    pack: { name: judged.pack.name, version: judged.pack.version },
    inventory,
    violations,
    opaqueComponents: opaque.components,
    warnings: [
      ...judged.warnings,
      ...agentDetectionWarnings(judged.pack, judged.policyConfig),
      ...opaque.warnings,
    ],
    weakened: gateWeakenings(judged.pack, judged.policyConfig),
    summary: {
      resources: judged.resources.filter((r) => r.custom).length,
      agents: inventory.length,
      mandatory,
      advisory: violations.length - mandatory,
      passed: mandatory === 0 && unacknowledged === 0,
    },
  };
}

export function checkResult(run: ProgramCheck, stack: string, preview: boolean): CheckReport {
  return judgedReport({
    program: displayPath(run.entry.programFile),
    project: run.project,
    stack,
    mode: preview ? 'preview' : 'update',
    mockedAws: { ...run.target },
    pack: run.pack,
    policyConfig: run.policyConfig,
    resources: run.resources,
    diagnostics: run.diagnostics,
    warnings: run.warnings,
  });
}
