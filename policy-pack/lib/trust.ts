/**
 * Reading a role's trust policy (`assumeRolePolicy`): who may assume the role, with which actions
 * and conditions. Pure: works on a plain document (read it with `readPlain` first).
 */
import { duplicateKeyProblem } from '../engine/duplicate-keys';
import { asArray } from '../engine/element-names';
import { matchesGlob } from '../engine/glob';

export type TrustedPrincipal =
  | { kind: 'anyone'; value: '*' }
  | { kind: 'aws'; value: string }
  | { kind: 'service'; value: string }
  | { kind: 'federated'; value: string }
  | { kind: 'canonical-user'; value: string };

export interface TrustStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Lower-cased actions; empty with `notAction`. */
  actions: string[];
  /** `NotAction` allows everything it does not list: never a restriction. */
  notAction: boolean;
  principals: TrustedPrincipal[];
  /** `NotPrincipal` with Allow trusts everyone it does not list. */
  notPrincipal: boolean;
  /** `Condition` as written: operator → key → value(s). */
  conditions: Record<string, Record<string, unknown>>;
}

export type ParsedTrust =
  { ok: true; statements: TrustStatement[] } | { ok: false; problem: string };

/** Parses a trust policy given as a JSON string or an object; never throws. */
export function parseTrustPolicy(value: unknown): ParsedTrust {
  let doc = value;
  if (typeof value === 'string') {
    try {
      doc = JSON.parse(value);
    } catch {
      return { ok: false, problem: 'is not valid JSON' };
    }
    const duplicate = duplicateKeyProblem(value);
    if (duplicate !== undefined) return { ok: false, problem: duplicate };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, problem: 'is not a policy document object' };
  }
  const raw = (doc as Record<string, unknown>).Statement;
  if (raw === undefined) return { ok: false, problem: 'has no "Statement"' };
  const statements: TrustStatement[] = [];
  for (const [index, s] of asArray(raw).entries()) {
    if (!s || typeof s !== 'object')
      return { ok: false, problem: `Statement[${index}] is not an object` };
    const st = s as Record<string, unknown>;
    const effect = st.Effect === 'Deny' ? 'Deny' : st.Effect === 'Allow' ? 'Allow' : undefined;
    if (!effect)
      return { ok: false, problem: `Statement[${index}].Effect is ${JSON.stringify(st.Effect)}` };
    const principalField = st.Principal ?? st.NotPrincipal;
    statements.push({
      index,
      ...(typeof st.Sid === 'string' ? { sid: st.Sid } : {}),
      effect,
      actions: asArray(st.Action).map((a) => String(a).toLowerCase()),
      notAction: st.NotAction !== undefined,
      principals: principalsOf(principalField),
      notPrincipal: st.NotPrincipal !== undefined,
      conditions: conditionsOf(st.Condition),
    });
  }
  return { ok: true, statements };
}

function principalsOf(value: unknown): TrustedPrincipal[] {
  if (value === '*') return [{ kind: 'anyone', value: '*' }];
  if (!value || typeof value !== 'object') return [];
  const out: TrustedPrincipal[] = [];
  // Read without regard to case, the principal kinds and the service names alike: a trust that
  // writes `"aws": "*"` or `"BEDROCK.amazonaws.com"` is judged as what it would be if AWS reads it
  // so, never as a principal the pack does not know (fail closed).
  for (const [rawKey, v] of Object.entries(value as Record<string, unknown>)) {
    const key = rawKey.toLowerCase();
    for (const item of asArray(v)) {
      const s = String(item);
      if (key === 'aws')
        out.push(s === '*' ? { kind: 'anyone', value: '*' } : { kind: 'aws', value: s });
      else if (key === 'service') out.push({ kind: 'service', value: s.toLowerCase() });
      else if (key === 'federated') out.push({ kind: 'federated', value: s });
      else out.push({ kind: 'canonical-user', value: s });
    }
  }
  return out;
}

function conditionsOf(value: unknown): Record<string, Record<string, unknown>> {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, Record<string, unknown>> = {};
  for (const [op, body] of Object.entries(value as Record<string, unknown>)) {
    if (body && typeof body === 'object') out[op] = { ...(body as Record<string, unknown>) };
  }
  return out;
}

/** Whether an IAM action pattern (`*` and `?` wildcards, both sides lower-cased) matches `action`. */
function actionPatternMatches(pattern: string, action: string): boolean {
  return matchesGlob(pattern, action, { caseSensitive: true });
}

/**
 * Whether a statement allows `action`: exactly or through any wildcard IAM accepts (`sts:*`,
 * `sts:Assume*`, `sts:AssumeRol?`, `*`), since each grants the same access.
 */
export function allowsAction(statement: TrustStatement, action: string): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.notAction) return true;
  const wanted = action.toLowerCase();
  return statement.actions.some((a) => actionPatternMatches(a, wanted));
}

/** AWS principals an Allow statement trusts to assume the role. */
export function assumingPrincipals(statements: TrustStatement[]): TrustedPrincipal[] {
  return statements
    .filter((s) => allowsAction(s, 'sts:AssumeRole'))
    .flatMap((s) => (s.notPrincipal ? [{ kind: 'anyone', value: '*' } as const] : s.principals));
}

/** True when the trust policy lets one of `principalArns` call sts:AssumeRole. */
export function trustsAnyOf(
  statements: TrustStatement[],
  principalArns: readonly string[],
): boolean {
  const wanted = new Set(principalArns);
  return assumingPrincipals(statements).some((p) => p.kind === 'aws' && wanted.has(p.value));
}
