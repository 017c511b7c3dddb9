import { agentNoAdmin } from '../../../policy-pack/policies/no-admin';
import { runStackPolicy, verdicts } from '../harness';
import {
  ADMIN_ARN,
  BOUNDARY_NOTE,
  UNKNOWN_DOCUMENT_ADVISORY,
  adminAttachments,
  agentStack,
  allow,
  grantCases,
  neutralisedCases,
  roleOf,
  unknownDocumentStack,
  withRolePolicy,
} from './permission-fixtures';

const URN = roleOf(agentStack()).urn;

const RISKY = allow('*');

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'gives administrator access: 22091 of 22091 actions on any resource, all of IAM included; grant only the exact actions the agent needs, on named resources.';

describe('agent-no-admin', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoAdmin, agentStack())).toEqual([]);
  });

  test.each(grantCases(RISKY))('"Action": "*" on "*" $case is a violation', async (c) => {
    expect(verdicts(await runStackPolicy(agentNoAdmin, c.stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: c.urn,
        message: `Agent "${c.agent}": ${c.source} Statement[0] ${FINDING}${c.note}`,
      },
    ]);
  });

  test.each(neutralisedCases(RISKY))('no violation when $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoAdmin, stack())).toEqual([]);
  });

  test('a document unknown at preview is an advisory; the known documents are still judged', async () => {
    expect(verdicts(await runStackPolicy(agentNoAdmin, unknownDocumentStack(RISKY)))).toEqual([
      UNKNOWN_DOCUMENT_ADVISORY,
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": inline:extra Statement[0] ${FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test.each(adminAttachments)('$case is a violation', async ({ stack }) => {
    expect(verdicts(await runStackPolicy(agentNoAdmin, stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] ${FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test('"iam:*" alone is privilege escalation, not administrator access', async () => {
    expect(await runStackPolicy(agentNoAdmin, withRolePolicy(allow('iam:*')))).toEqual([]);
  });
});
