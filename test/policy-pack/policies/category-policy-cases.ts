/**
 * The cases every policy of one finding category (no-admin, no-unscoped-write, ...) shares: the
 * same risky statement reaching the agent's role each way it can, removed by a Deny or the
 * boundary, behind a document unknown at preview, and AdministratorAccess attached each way.
 * Each policy's test file gives its own exact findings; this module only builds the rows.
 */
import type { StackValidationPolicy } from '@pulumi/policy';
import { verdictsOf, type Verdict } from '../../support/harness';
import {
  ADMIN_ARN,
  AGENT,
  BOUNDARY_NOTE,
  UNKNOWN_DOCUMENT_VIOLATION,
  adminAttachments,
  agentStack,
  grantCases,
  neutralisedCases,
  roleOf,
  unknownDocumentStack,
  type Statement,
} from './permission-fixtures';

const URN = roleOf(agentStack()).urn;

/** What one category policy must say; every finding is the text after `<source> Statement[0] `. */
export interface CategoryPolicyExpectations {
  /** A statement the policy refuses, and how test names call it. */
  risky: Statement;
  riskyName: string;
  /** The exact finding on `risky`. */
  finding: string;
  /** The exact findings on AdministratorAccess's one statement (one, or several in order). */
  adminFinding: string | readonly string[];
  /** The test name of the AdministratorAccess rows; `$case` is the way it is attached. */
  adminCaseName?: string;
}

/** `Agent "<agent>": <source> Statement[0] <finding><note>`: how every finding is reported. */
const violation = (agent: string, urn: string, source: string, finding: string, note: string) => ({
  enforcementLevel: 'mandatory',
  urn,
  message: `Agent "${agent}": ${source} Statement[0] ${finding}${note}`,
});

/** Registers the shared cases of one category policy, with its own expected findings. */
export function testCategoryPolicy(
  policy: StackValidationPolicy,
  expected: CategoryPolicyExpectations,
): void {
  const { risky, riskyName, finding, adminFinding } = expected;

  test('the compliant agent has no violation', async () => {
    expect(await verdictsOf(policy, agentStack())).toEqual([]);
  });

  test.each(grantCases(risky))(`${riskyName} $case is a violation`, async (c) => {
    expect(await verdictsOf(policy, c.stack())).toEqual([
      violation(c.agent, c.urn, c.source, finding, c.note),
    ]);
  });

  test.each(neutralisedCases(risky))('no violation when $case', async ({ stack }) => {
    expect(await verdictsOf(policy, stack())).toEqual([]);
  });

  test('a document unknown at preview is a violation; the known documents are still judged', async () => {
    expect(await verdictsOf(policy, unknownDocumentStack(risky))).toEqual<Verdict[]>([
      UNKNOWN_DOCUMENT_VIOLATION,
      violation(AGENT, URN, 'inline:extra', finding, BOUNDARY_NOTE),
    ]);
  });

  test.each(adminAttachments)(
    expected.adminCaseName ?? '$case is a violation',
    async ({ stack }) => {
      const findings = typeof adminFinding === 'string' ? [adminFinding] : adminFinding;
      expect(await verdictsOf(policy, stack())).toEqual(
        findings.map((f) => violation(AGENT, URN, ADMIN_ARN, f, BOUNDARY_NOTE)),
      );
    },
  );
}
