/**
 * The trust rules of an agent that AWS runs: only its service may assume the role, on behalf of
 * this account's resources. The service's documented confused-deputy conditions are required:
 * `aws:SourceAccount` equal to one literal account, and `aws:SourceArn` within the service's ARNs
 * of that account where the service sets it (`../runtimes.ts` cites each service). IAM User Guide,
 * "The confused deputy problem": both keys, with the same account in each.
 */
import { NATIVE_RUNTIMES, type NativeRuntime } from '../runtimes';
import { allowsAction, type TrustStatement } from '../trust';

const NATIVE_BY_PRINCIPAL = new Map<string, NativeRuntime[]>();
for (const [runtime, spec] of Object.entries(NATIVE_RUNTIMES) as [
  NativeRuntime,
  (typeof NATIVE_RUNTIMES)[NativeRuntime],
][]) {
  NATIVE_BY_PRINCIPAL.set(spec.servicePrincipal, [
    ...(NATIVE_BY_PRINCIPAL.get(spec.servicePrincipal) ?? []),
    runtime,
  ]);
}

/** Whether a service principal is one that runs agents (`lib/runtimes.ts`). */
export function isAgentServicePrincipal(principal: string): boolean {
  return NATIVE_BY_PRINCIPAL.has(principal);
}

/** The runtimes whose service the statements let assume the role, in table order. */
export function nativeRuntimesTrusted(statements: readonly TrustStatement[]): NativeRuntime[] {
  const found = new Set<NativeRuntime>();
  for (const s of statements) {
    if (s.notPrincipal || !allowsAction(s, 'sts:AssumeRole')) continue;
    for (const p of s.principals) {
      if (p.kind !== 'service') continue;
      for (const runtime of NATIVE_BY_PRINCIPAL.get(p.value) ?? []) found.add(runtime);
    }
  }
  return (Object.keys(NATIVE_RUNTIMES) as NativeRuntime[]).filter((r) => found.has(r));
}

/** The values a statement gives `key` under the operators listed, or undefined when none. */
function conditionValues(
  s: TrustStatement,
  key: string,
  operators: readonly string[],
): string[] | undefined {
  for (const operator of operators) {
    const body = s.conditions[operator];
    if (!body) continue;
    for (const [k, v] of Object.entries(body)) {
      if (k.toLowerCase() === key.toLowerCase()) return (Array.isArray(v) ? v : [v]).map(String);
    }
  }
  return undefined;
}

const ACCOUNT = /^\d{12}$/;

/**
 * What is missing from a statement that lets `principal` (a service that runs agents) assume the
 * role, as sentences; empty when it carries the confused-deputy conditions its service documents.
 */
export function serviceTrustProblems(s: TrustStatement, principal: string): string[] {
  const runtimes = NATIVE_BY_PRINCIPAL.get(principal) ?? [];
  const spec = NATIVE_RUNTIMES[runtimes[0]];
  const where = s.sid ? `statement "${s.sid}"` : `Statement[${s.index}]`;
  const problems: string[] = [];
  const accounts = conditionValues(s, 'aws:SourceAccount', ['StringEquals']);
  const account = accounts?.length === 1 && ACCOUNT.test(accounts[0]) ? accounts[0] : undefined;
  if (!account) {
    problems.push(
      accounts === undefined
        ? `${where} lets ${principal} assume the role for any account's resources (confused deputy); add the condition StringEquals "aws:SourceAccount": "<this account's id>"`
        : `${where} sets aws:SourceAccount to ${JSON.stringify(accounts)}, not one literal account id; require StringEquals "aws:SourceAccount": "<this account's id>"`,
    );
  }
  if (spec?.sourceArn) {
    const arns = conditionValues(s, 'aws:SourceArn', [
      'ArnLike',
      'ArnEquals',
      'StringLike',
      'StringEquals',
    ]);
    const expected = spec.sourceArn('<partition>', '<region>', account ?? '<account>');
    const service = expected.split(':')[2];
    const bad = (arns ?? []).filter((arn) => {
      const parts = arn.split(':');
      return (
        parts.length < 6 ||
        parts[0] !== 'arn' ||
        parts[2] !== service ||
        !ACCOUNT.test(parts[4]) ||
        (account !== undefined && parts[4] !== account)
      );
    });
    if (arns === undefined || arns.length === 0) {
      problems.push(
        `${where} does not pin aws:SourceArn, which ${principal} sets; add the condition ArnLike "aws:SourceArn": "${expected}"`,
      );
    } else if (bad.length > 0) {
      problems.push(
        `${where} allows aws:SourceArn ${JSON.stringify(bad.length === 1 ? bad[0] : bad)}, which is not one of this account's ${service} resources; use ArnLike "aws:SourceArn": "${expected}"`,
      );
    }
  }
  return problems;
}
