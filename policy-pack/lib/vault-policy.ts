/**
 * Reading Vault ACL policies (`vault.Policy.policy`): which paths a policy grants which
 * capabilities on. Vault accepts HCL or its JSON form; both are read here as Vault reads them,
 * through hcl v1 (see hcl/). Pure and never throws: a document it cannot read is reported as a
 * problem, so a policy the pack cannot judge is never passed.
 *
 * What follows Vault (vault/policy.go, `parseACLPolicyWithTemplating` and `parsePaths`):
 * - every top-level item whose first key is `path` is a rule (`list.Filter("path")`), the path
 *   being its next key; a path given twice, in HCL or JSON, is two rules, and Vault's ACL merges
 *   them (vault/acl.go): the rules of one path are combined here into one with the union of
 *   their capabilities;
 * - a leading `/` is not part of the path (Vault strips one);
 * - `policy = "read" | "write" | "sudo" | "deny"`, the older form, stands for the capabilities
 *   Vault maps it to.
 * Where Vault is stricter or its reading is uncertain, the reading here fails closed: an
 * attribute given twice in one block (which older Vault decodes in turn and 1.21 refuses) adds
 * its capabilities, and `deny` next to other capabilities leaves them granted.
 */
import type { HclItem, HclParse, HclValue } from './hcl/ast';
import { parseHcl } from './hcl/parse-hcl';
import { hclItemsOfValue, parseHclJson } from './hcl/parse-json';

export interface VaultPathRule {
  path: string;
  capabilities: string[];
}

export type ParsedVaultPolicy =
  { ok: true; rules: VaultPathRule[] } | { ok: false; problem: string };

/** The capabilities of Vault's older `policy` attribute (vault/policy.go, `OldReadPathPolicy`…). */
const OLD_POLICY: Record<string, string[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

class PolicyProblem extends Error {}

function stringsOf(value: HclValue): string[] | undefined {
  if (value.kind !== 'list') return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'string') return undefined;
    out.push(item.value);
  }
  return out;
}

/** The capabilities one path block grants, from `capabilities` and `policy`, in order. */
function capabilitiesOf(path: string, body: HclValue): string[] {
  // A body that is not a block grants nothing (a JSON `"path": {"p": "x"}` entry).
  if (body.kind !== 'object') return [];
  const capabilities: string[] = [];
  for (const attribute of body.items) {
    const [key] = attribute.keys;
    if (key === 'capabilities') {
      const list = stringsOf(attribute.value);
      if (!list) throw new PolicyProblem(`the capabilities of "${path}" are not a list`);
      capabilities.push(...list);
    } else if (key === 'policy') {
      const value = attribute.value.kind === 'string' ? attribute.value.value : undefined;
      const mapped = value !== undefined ? OLD_POLICY[value.toLowerCase()] : undefined;
      if (!mapped) {
        throw new PolicyProblem(
          `the policy of "${path}" is not one of "deny", "read", "write" or "sudo"`,
        );
      }
      capabilities.push(...mapped);
    } else if (key === 'path') {
      // Vault refuses the key inside a path block; what it would grant cannot be told.
      throw new PolicyProblem(`has a path block inside the block of path "${path}"`);
    }
  }
  return capabilities.map((c) => c.toLowerCase());
}

/**
 * The (path, body) pairs of one top-level `path` item: `path "p" { … }`, or, when the item has
 * no further key (`path = { "p" = { … } }`, or JSON hcl could not flatten), each entry of its
 * object, one body per element when an entry is a list.
 */
function blocksOf(item: HclItem): Array<[string, HclValue]> {
  if (item.keys.length >= 2) return [[item.keys[1], item.value]];
  if (item.value.kind !== 'object') throw new PolicyProblem('"path" is not an object');
  const blocks: Array<[string, HclValue]> = [];
  for (const entry of item.value.items) {
    const bodies = entry.value.kind === 'list' ? entry.value.items : [entry.value];
    for (const body of bodies) blocks.push([entry.keys[0], body]);
  }
  return blocks;
}

function rulesOf(items: readonly HclItem[], outside: (item: HclItem) => string | undefined) {
  const byPath = new Map<string, { path: string; capabilities: Set<string> }>();
  for (const item of items) {
    if (item.keys[0] !== 'path') {
      const problem = outside(item);
      if (problem) throw new PolicyProblem(problem);
      continue;
    }
    for (const [path, body] of blocksOf(item)) {
      const key = path.startsWith('/') ? path.slice(1) : path;
      const rule = byPath.get(key) ?? { path, capabilities: new Set<string>() };
      for (const capability of capabilitiesOf(path, body)) rule.capabilities.add(capability);
      byPath.set(key, rule);
    }
  }
  return [...byPath.values()].map((r) => ({ path: r.path, capabilities: [...r.capabilities] }));
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function fromHcl(text: string): ParsedVaultPolicy {
  const parsed = parseHcl(text);
  const outsideBlocks = (offset: number) =>
    `has text outside path blocks: ${JSON.stringify(text.slice(offset).trim().slice(0, 40))}`;
  if (!parsed.ok) {
    const { error } = parsed;
    if (error.atTopLevel) return { ok: false, problem: outsideBlocks(error.offset) };
    if (error.unclosed?.[0] === 'path' && error.unclosed.length >= 2) {
      return { ok: false, problem: `the block of path "${error.unclosed[1]}" is not closed` };
    }
    return {
      ok: false,
      problem: `is not valid HCL: ${error.message} (line ${lineOf(text, error.offset)})`,
    };
  }
  // Vault accepts `name` beside the path blocks, and nothing else.
  return judged(parsed, (item) =>
    item.keys[0] === 'name' ? undefined : outsideBlocks(item.offset),
  );
}

/** JSON keys beside `path` are ignored, as they always were here. */
function fromJson(parsed: HclParse): ParsedVaultPolicy {
  if (!parsed.ok) return { ok: false, problem: 'is not valid JSON' };
  return judged(parsed, () => undefined);
}

function judged(
  parsed: HclParse & { ok: true },
  outside: (item: HclItem) => string | undefined,
): ParsedVaultPolicy {
  try {
    return { ok: true, rules: rulesOf(parsed.items, outside) };
  } catch (err) {
    if (err instanceof PolicyProblem) return { ok: false, problem: err.message };
    throw err;
  }
}

/** Parses a Vault policy given as HCL or JSON text (or as an object); never throws. */
export function parseVaultPolicy(value: unknown): ParsedVaultPolicy {
  if (typeof value !== 'string') {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, problem: 'is not a policy object' };
    }
    return fromJson(hclItemsOfValue(value as Record<string, unknown>));
  }
  // As hcl v1 decides: JSON when the first non-blank character is `{`.
  const text = value.trim();
  return text.startsWith('{') ? fromJson(parseHclJson(text)) : fromHcl(text);
}

/** Capabilities that grant nothing: a `deny` rule only takes access away. */
export function grantsAccess(rule: VaultPathRule): boolean {
  return rule.capabilities.some((c) => c !== 'deny');
}
