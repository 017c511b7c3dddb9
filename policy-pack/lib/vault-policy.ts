/**
 * Reading Vault ACL policies (`vault.Policy.policy`): which paths a policy grants which
 * capabilities on. Vault accepts HCL or its JSON form; both are read here. Pure and never throws:
 * a document it cannot read is reported as a problem, so a policy the pack cannot judge is never
 * passed.
 */

export interface VaultPathRule {
  path: string;
  capabilities: string[];
}

export type ParsedVaultPolicy =
  { ok: true; rules: VaultPathRule[] } | { ok: false; problem: string };

const asStrings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;

/** `{"path": {"<p>": {"capabilities": [...]}}}`, or `"path"` as a list of such objects. */
function parseJsonPolicy(doc: unknown): ParsedVaultPolicy {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, problem: 'is not a policy object' };
  }
  const raw = (doc as Record<string, unknown>).path;
  if (raw === undefined) return { ok: true, rules: [] };
  const blocks = Array.isArray(raw) ? raw : [raw];
  const rules: VaultPathRule[] = [];
  for (const block of blocks) {
    if (!block || typeof block !== 'object')
      return { ok: false, problem: '"path" is not an object' };
    for (const [path, body] of Object.entries(block as Record<string, unknown>)) {
      const bodies = Array.isArray(body) ? body : [body];
      for (const b of bodies) {
        const caps = asStrings((b as Record<string, unknown> | undefined)?.capabilities ?? []);
        if (!caps) return { ok: false, problem: `the capabilities of "${path}" are not a list` };
        rules.push({ path, capabilities: caps.map((c) => c.toLowerCase()) });
      }
    }
  }
  return { ok: true, rules };
}

/** Removes `#`, `//` and `/* *\/` comments outside strings. */
function stripComments(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m) =>
    m.startsWith('"') ? m : ' ',
  );
}

/**
 * The HCL subset Vault policies use: `path "<p>" { capabilities = [...] ... }` blocks, with any
 * other attributes or nested blocks inside. Anything outside path blocks is a problem.
 */
function parseHclPolicy(text: string): ParsedVaultPolicy {
  const source = stripComments(text);
  const rules: VaultPathRule[] = [];
  const header = /path\s+"((?:[^"\\]|\\.)*)"\s*\{/g;
  let rest = '';
  let last = 0;
  for (let m = header.exec(source); m; m = header.exec(source)) {
    if (m.index < last) continue;
    rest += source.slice(last, m.index);
    let depth = 1;
    let i = header.lastIndex;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === '"') {
        const end = /"(?:[^"\\]|\\.)*"/y;
        end.lastIndex = i;
        const s = end.exec(source);
        if (s) i += s[0].length - 1;
      } else if (source[i] === '{') depth++;
      else if (source[i] === '}') depth--;
    }
    if (depth > 0) return { ok: false, problem: `the block of path "${m[1]}" is not closed` };
    const body = source.slice(header.lastIndex, i - 1);
    const caps = /(?:^|[\s;,])capabilities\s*=\s*\[([^\]]*)\]/.exec(body);
    const list = caps ? [...caps[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((c) => c[1]) : [];
    rules.push({ path: m[1], capabilities: list.map((c) => c.toLowerCase()) });
    last = i;
    header.lastIndex = i;
  }
  rest += source.slice(last);
  if (rest.trim() !== '') {
    return {
      ok: false,
      problem: `has text outside path blocks: ${JSON.stringify(rest.trim().slice(0, 40))}`,
    };
  }
  return { ok: true, rules };
}

/** Parses a Vault policy given as HCL or JSON text (or as an object); never throws. */
export function parseVaultPolicy(value: unknown): ParsedVaultPolicy {
  if (typeof value !== 'string') return parseJsonPolicy(value);
  const text = value.trim();
  if (text.startsWith('{')) {
    try {
      return parseJsonPolicy(JSON.parse(text));
    } catch {
      return { ok: false, problem: 'is not valid JSON' };
    }
  }
  return parseHclPolicy(text);
}

/** Capabilities that grant nothing: a `deny` rule only takes access away. */
export function grantsAccess(rule: VaultPathRule): boolean {
  return rule.capabilities.some((c) => c !== 'deny');
}
