import { agentNoResourceExposure } from '../../../policy-pack/policies/no-resource-exposure';
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

const RISKY = allow(['s3:PutBucketPolicy']);
/** AdministratorAccess's one statement, judged for this category. */
const ADMIN_FINDING =
  'lets the agent change permissions or resource policies on any resource with "acm-pca:CreatePermission", "acm-pca:DeletePermission", "acm-pca:DeletePolicy", "acm-pca:PutPolicy", "aidevops:AllowVendedLogDeliveryForResource" and 494 more; name the one resource it manages in Resource, or drop these actions.';

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'lets the agent change permissions or resource policies on any resource with "s3:PutBucketPolicy"; name the one resource it manages in Resource, or drop these actions.';

describe('agent-no-resource-exposure', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoResourceExposure, agentStack())).toEqual([]);
  });

  test.each(grantCases(RISKY))('"s3:PutBucketPolicy" on "*" $case is a violation', async (c) => {
    expect(verdicts(await runStackPolicy(agentNoResourceExposure, c.stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: c.urn,
        message: `Agent "${c.agent}": ${c.source} Statement[0] ${FINDING}${c.note}`,
      },
    ]);
  });

  test.each(neutralisedCases(RISKY))('no violation when $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoResourceExposure, stack())).toEqual([]);
  });

  test('a document unknown at preview is an advisory; the known documents are still judged', async () => {
    expect(
      verdicts(await runStackPolicy(agentNoResourceExposure, unknownDocumentStack(RISKY))),
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
    expect(verdicts(await runStackPolicy(agentNoResourceExposure, stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] ${ADMIN_FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test('"s3:PutBucketPolicy" on one named bucket is not flagged', async () => {
    const ds = await runStackPolicy(
      agentNoResourceExposure,
      withRolePolicy(allow('s3:PutBucketPolicy', 'arn:aws:s3:::ticket-attachments')),
    );
    expect(ds).toEqual([]);
  });
});
