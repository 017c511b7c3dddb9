import { agentNoCredentialsExposure } from '../../../policy-pack/policies/no-credentials-exposure';
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

const RISKY = allow(['redshift:GetClusterCredentials']);
/** AdministratorAccess's one statement, judged for this category. */
const ADMIN_FINDING =
  'lets the agent obtain credentials of any identity or resource with "airflow:CreateCliToken", "airflow:CreateWebLoginToken", "appsync:CreateApiKey", "chime:CreateApiKey", "codepipeline:PollForJobs" and 31 more; name the exact roles, users or databases in Resource, or drop these actions.';

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'lets the agent obtain credentials of any identity or resource with "redshift:GetClusterCredentials"; name the exact roles, users or databases in Resource, or drop these actions.';

describe('agent-no-credentials-exposure', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoCredentialsExposure, agentStack())).toEqual([]);
  });

  test.each(grantCases(RISKY))(
    '"redshift:GetClusterCredentials" on "*" $case is a violation',
    async (c) => {
      expect(verdicts(await runStackPolicy(agentNoCredentialsExposure, c.stack()))).toEqual([
        {
          enforcementLevel: 'mandatory',
          urn: c.urn,
          message: `Agent "${c.agent}": ${c.source} Statement[0] ${FINDING}${c.note}`,
        },
      ]);
    },
  );

  test.each(neutralisedCases(RISKY))('no violation when $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoCredentialsExposure, stack())).toEqual([]);
  });

  test('a document unknown at preview is an advisory; the known documents are still judged', async () => {
    expect(
      verdicts(await runStackPolicy(agentNoCredentialsExposure, unknownDocumentStack(RISKY))),
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
    expect(verdicts(await runStackPolicy(agentNoCredentialsExposure, stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] ${ADMIN_FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test('the caller-scoped ecr:GetAuthorizationToken on "*" is not flagged', async () => {
    const ds = await runStackPolicy(
      agentNoCredentialsExposure,
      withRolePolicy(allow('ecr:GetAuthorizationToken')),
    );
    expect(ds).toEqual([]);
  });
});
