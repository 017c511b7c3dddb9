import { agentNoDataExfiltration } from '../../../policy-pack/policies/no-data-exfiltration';
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

const RISKY = allow(['s3:GetObject']);
/** AdministratorAccess's one statement, judged for this category. */
const ADMIN_FINDING =
  'lets the agent read data from any resource with "kms:Decrypt", "s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters" and 1 more; name the buckets, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").';

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'lets the agent read data from any resource with "s3:GetObject"; name the buckets, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").';

describe('agent-no-data-exfiltration', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoDataExfiltration, agentStack())).toEqual([]);
  });

  test.each(grantCases(RISKY))('"s3:GetObject" on "*" $case is a violation', async (c) => {
    expect(verdicts(await runStackPolicy(agentNoDataExfiltration, c.stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: c.urn,
        message: `Agent "${c.agent}": ${c.source} Statement[0] ${FINDING}${c.note}`,
      },
    ]);
  });

  test.each(neutralisedCases(RISKY))('no violation when $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoDataExfiltration, stack())).toEqual([]);
  });

  test('a document unknown at preview is an advisory; the known documents are still judged', async () => {
    expect(
      verdicts(await runStackPolicy(agentNoDataExfiltration, unknownDocumentStack(RISKY))),
    ).toEqual([
      UNKNOWN_DOCUMENT_ADVISORY,
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": inline:extra Statement[0] ${FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test.each(adminAttachments)('$case is a violation', async ({ stack }) => {
    expect(verdicts(await runStackPolicy(agentNoDataExfiltration, stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] ${ADMIN_FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test('"s3:GetObject" on every object of every bucket ("arn:aws:s3:::*/*") is unconstrained', async () => {
    const ds = await runStackPolicy(
      agentNoDataExfiltration,
      withRolePolicy(allow('s3:GetObject', 'arn:aws:s3:::*/*')),
    );
    expect(verdicts(ds)).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": rolePolicy:ticket-triager-policy Statement[0] ${FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test('"s3:GetObject" on one bucket\'s objects is not flagged', async () => {
    const ds = await runStackPolicy(
      agentNoDataExfiltration,
      withRolePolicy(allow('s3:GetObject', 'arn:aws:s3:::ticket-attachments/*')),
    );
    expect(ds).toEqual([]);
  });
});
