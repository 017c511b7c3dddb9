/**
 * `aws.iam.getPolicyDocument` as the AWS provider renders it, so that the offline check judges the
 * document AWS would receive, not a part of it. The provider (terraform-provider-aws,
 * `internal/service/iam/policy_document.go` and `policy_model.go`, v5/v6):
 * - merges `sourcePolicyDocuments` first, then the `statements`, then `overridePolicyDocuments`; a
 *   statement whose non-empty `Sid` is already present replaces that statement in place, any other
 *   is appended;
 * - reads each source or override document with Go's `encoding/json`, which matches the element
 *   names (`Action`, `Resource`, ...) without regard to case and drops unknown ones;
 * - merges `principals` (and `notPrincipals`) blocks of one type into one list of identifiers, and
 *   `conditions` of one test and variable into one list of values;
 * - writes `Principal: "*"` for a single `*` block of type `*`.
 * A source or override document that is not a JSON policy makes the provider fail, and so the
 * program here.
 */
type Props = Record<string, unknown>;

interface DocStatement {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  notPrincipals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** The statement fields of the provider's `IAMPolicyStatement`, by their JSON names. */
const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
] as const;

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : values);

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function principalBlock(list: { type: string; identifiers: string[] }[]): unknown {
  if (list.length === 1 && list[0].type === '*' && list[0].identifiers.includes('*')) return '*';
  const merged = new Map<string, string[]>();
  for (const p of list) merged.set(p.type, [...(merged.get(p.type) ?? []), ...p.identifiers]);
  const out: Record<string, unknown> = {};
  for (const [type, ids] of merged) out[type] = one(unique(ids));
  return out;
}

function conditionBlock(list: { test: string; variable: string; values: string[] }[]): Props {
  const merged: Record<string, Record<string, string[]>> = {};
  for (const c of list) {
    const test = (merged[c.test] ??= {});
    test[c.variable] = [...(test[c.variable] ?? []), ...c.values];
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [test, variables] of Object.entries(merged)) {
    out[test] = {};
    for (const [variable, values] of Object.entries(variables)) {
      out[test][variable] = one(unique(values));
    }
  }
  return out;
}

function renderStatement(s: DocStatement): Props {
  const out: Props = {};
  if (s.sid) out.Sid = s.sid;
  out.Effect = s.effect ?? 'Allow';
  if (s.actions?.length) out.Action = one(s.actions);
  if (s.notActions?.length) out.NotAction = one(s.notActions);
  if (s.resources?.length) out.Resource = one(s.resources);
  if (s.notResources?.length) out.NotResource = one(s.notResources);
  if (s.principals?.length) out.Principal = principalBlock(s.principals);
  if (s.notPrincipals?.length) out.NotPrincipal = principalBlock(s.notPrincipals);
  if (s.conditions?.length) out.Condition = conditionBlock(s.conditions);
  return out;
}

/** A statement of a source or override document, its element names as Go's decoder reads them. */
function decodedStatement(raw: unknown, where: string): Props {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`aws.iam.getPolicyDocument: a statement of ${where} is not a JSON object`);
  }
  const out: Props = {};
  for (const element of STATEMENT_ELEMENTS) {
    const exact = Object.prototype.hasOwnProperty.call(raw, element) ? element : undefined;
    const key = exact ?? Object.keys(raw).find((k) => k.toLowerCase() === element.toLowerCase());
    if (key !== undefined) out[element] = (raw as Props)[key];
  }
  return out;
}

function decodedStatements(json: unknown, where: string): Props[] {
  if (typeof json !== 'string') {
    throw new Error(`aws.iam.getPolicyDocument: ${where} is not a JSON string`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw new Error(`aws.iam.getPolicyDocument: ${where} is not JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new Error(`aws.iam.getPolicyDocument: ${where} is not a JSON policy document`);
  }
  const key = Object.keys(doc).find((k) => k.toLowerCase() === 'statement');
  const statements = key === undefined ? [] : (doc as Props)[key];
  const list = Array.isArray(statements) ? statements : [statements];
  return list.map((s) => decodedStatement(s, where));
}

/** The provider's merge: a statement with a known non-empty `Sid` replaces it, any other is added. */
function merge(into: Props[], statements: Props[]): void {
  for (const statement of statements) {
    const sid = typeof statement.Sid === 'string' ? statement.Sid : '';
    const at = sid === '' ? -1 : into.findIndex((s) => s.Sid === sid);
    if (at >= 0) into[at] = statement;
    else into.push(statement);
  }
}

function documents(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`aws.iam.getPolicyDocument: ${name} is not a list`);
  return value as string[];
}

/** The document `aws.iam.getPolicyDocument(args)` returns as `json`, parsed. */
export function renderPolicyDocument(args: Props): Props {
  const statements = (Array.isArray(args.statements) ? args.statements : []) as DocStatement[];
  const merged: Props[] = [];
  documents(args.sourcePolicyDocuments, 'sourcePolicyDocuments').forEach((json, i) =>
    merge(merged, decodedStatements(json, `sourcePolicyDocuments[${i}]`)),
  );
  merge(merged, statements.map(renderStatement));
  documents(args.overridePolicyDocuments, 'overridePolicyDocuments').forEach((json, i) =>
    merge(merged, decodedStatements(json, `overridePolicyDocuments[${i}]`)),
  );
  return {
    Version: typeof args.version === 'string' ? args.version : '2012-10-17',
    ...(typeof args.policyId === 'string' ? { Id: args.policyId } : {}),
    Statement: merged,
  };
}
