import { agentNoDataExfiltration } from '../../../policy-pack/policies/no-data-exfiltration';
import { mandatory, verdictsOf } from '../../support/harness';
import { testCategoryPolicy } from './category-policy-cases';
import { agentStack, allow, BOUNDARY_NOTE, roleOf, withRolePolicy } from './permission-fixtures';

const URN = roleOf(agentStack()).urn;

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'lets the agent read data from any resource with "s3:GetObject"; name the buckets, tables, queues, streams, log groups, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").';

describe('agent-no-data-exfiltration', () => {
  testCategoryPolicy(agentNoDataExfiltration, {
    risky: allow(['s3:GetObject']),
    riskyName: '"s3:GetObject" on "*"',
    finding: FINDING,
    adminFinding:
      'lets the agent read data from any resource with "athena:GetQueryResults", "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:PartiQLSelect" and 23 more; name the buckets, tables, queues, streams, log groups, parameters, secrets or keys it needs in Resource (e.g. "arn:aws:s3:::my-bucket/*").',
  });

  test.each([
    {
      case: '"s3:GetObject" on every object of every bucket ("arn:aws:s3:::*/*") is unconstrained',
      statement: allow('s3:GetObject', 'arn:aws:s3:::*/*'),
      verdicts: [
        mandatory(
          URN,
          `Agent "ticket-triager": rolePolicy:ticket-triager-policy Statement[0] ${FINDING}${BOUNDARY_NOTE}`,
        ),
      ],
    },
    {
      case: '"s3:GetObject" on one bucket\'s objects is not flagged',
      statement: allow('s3:GetObject', 'arn:aws:s3:::ticket-attachments/*'),
      verdicts: [],
    },
  ])('$case', async ({ statement, verdicts }) => {
    expect(await verdictsOf(agentNoDataExfiltration, withRolePolicy(statement))).toEqual(verdicts);
  });
});
