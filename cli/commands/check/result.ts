/** The check's result, as `--json` prints it and the text output shows it, from an offline run. */
import * as path from 'path';
import type { Diagnostic, ProgramCheck, RecordedResource } from '../../../offline';
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

export function checkResult(run: ProgramCheck, stack: string, preview: boolean): CheckReport {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  const violations = run.diagnostics.map((d) => toViolation(d, byUrn));
  const inventory = inventoryOf(run.resources, run.policyConfig);
  const mandatory = violations.filter((v) => v.enforcementLevel === 'mandatory').length;
  const opaque = opaqueComponents(run.resources, run.policyConfig);
  const unacknowledged = opaque.components.filter((c) => c.acknowledged === undefined).length;
  return {
    program: displayPath(run.entry.programFile),
    project: run.project,
    stack,
    mode: preview ? 'preview' : 'update',
    mockedAws: { ...run.target },
    pack: { name: run.pack.name, version: run.pack.version },
    inventory,
    violations,
    opaqueComponents: opaque.components,
    warnings: [
      ...run.warnings,
      ...agentDetectionWarnings(run.pack, run.policyConfig),
      ...opaque.warnings,
    ],
    weakened: gateWeakenings(run.pack, run.policyConfig),
    summary: {
      resources: run.resources.filter((r) => r.custom).length,
      agents: inventory.length,
      mandatory,
      advisory: violations.length - mandatory,
      passed: mandatory === 0 && unacknowledged === 0,
    },
  };
}
