/**
 * Reads a policy-pack config file (the JSON that `pulumi preview --policy-pack-config` takes),
 * normalises it as the Pulumi CLI does, and validates every policy's section against the pack's
 * one config schema, so a typo or a bad limit stops the check instead of loosening the gate.
 */
import * as fs from 'fs';
import type { z } from 'zod';
import { PackConfigSchema } from '../policy-pack/lib/config';
import { AgentIamConfigError, isAgentIamConfig, renderPolicyPackConfig } from './agent-iam-config';
import {
  type NormalizedPolicyConfig,
  normalizePolicyConfig,
  PolicyConfigError,
} from './normalized-config';
import { fieldPath, valueAt } from './config-paths';
import type { PackUnderTest } from './pack';

export class PolicyConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyConfigFileError';
  }
}

/** Unknown keys are refused: the Pulumi CLI rejects them against each policy's JSON schema too. */
const StrictPackConfigSchema = PackConfigSchema.strict();

function describeIssue(
  file: string,
  policy: string,
  properties: Record<string, unknown>,
  issue: z.core.$ZodIssue,
): string {
  const where = `${file}: "${policy}"${fieldPath(issue.path, true)}`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return `${where}: unknown setting ${keys}; remove it or fix its spelling (see the pack config schema in README.md)`;
  }
  const received = valueAt(properties, issue.path);
  const shown = received === undefined ? 'nothing' : JSON.stringify(received);
  return `${where}: ${issue.message}; received ${shown}`;
}

/**
 * Reads a config file: an `agent-iam.config.json` (one document, rendered here into per-policy
 * sections) or a per-policy file as `pulumi preview --policy-pack-config` takes. Returns the
 * per-policy document, validated as `loadPolicyConfig` validates it.
 */
export function readPolicyPackDocument(pack: PackUnderTest, file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new PolicyConfigFileError(
      `${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); pass an existing file, e.g. --policy-config agent-iam.config.json`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new PolicyConfigFileError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PolicyConfigFileError(
      `${file}: expected a JSON object: shared settings with "policies" (agent-iam.config.json, e.g. {"vaultPrincipalArns": [...]}) or sections keyed by policy name (e.g. {"agent-owner-required": {...}}), received ${JSON.stringify(parsed)}`,
    );
  }
  let raw = parsed as Record<string, unknown>;
  try {
    if (isAgentIamConfig(pack, raw, file)) raw = renderPolicyPackConfig(pack, raw, file);
  } catch (err) {
    if (err instanceof AgentIamConfigError) throw new PolicyConfigFileError(err.message);
    throw err;
  }
  normalizeAndValidate(pack, raw, file);
  return raw;
}

/** The normalised config for the pack (see `readPolicyPackDocument`), or the defaults. */
export function loadPolicyConfig(pack: PackUnderTest, file?: string): NormalizedPolicyConfig {
  if (file === undefined) return normalizeAndValidate(pack, {}, 'policy config');
  return normalizeAndValidate(pack, readPolicyPackDocument(pack, file), file);
}

function normalizeAndValidate(
  pack: PackUnderTest,
  raw: Record<string, unknown>,
  source: string,
): NormalizedPolicyConfig {
  let normalized: NormalizedPolicyConfig;
  try {
    normalized = normalizePolicyConfig(pack, raw, source);
  } catch (err) {
    if (err instanceof PolicyConfigError) throw new PolicyConfigFileError(err.message);
    throw err;
  }
  const problems: string[] = [];
  for (const [policy, section] of Object.entries(normalized)) {
    const result = StrictPackConfigSchema.safeParse(section.properties);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(describeIssue(source, policy, section.properties, issue));
      }
    }
  }
  if (problems.length > 0) throw new PolicyConfigFileError(problems.join('\n'));
  return normalized;
}
