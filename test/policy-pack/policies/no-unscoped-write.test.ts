import { agentNoUnscopedWrite } from '../../../policy-pack/policies/no-unscoped-write';
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
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:support-tickets';

const RISKY = allow(['sns:Publish', 'sqs:SendMessage']);
/** AdministratorAccess's one statement, judged for this category. */
const ADMIN_FINDING =
  'allows 9778 write actions ("a4b:AssociateContactWithAddressBook", "a4b:AssociateDeviceWithNetworkProfile", "a4b:AssociateDeviceWithRoom", "a4b:AssociateSkillGroupWithRoom", "a4b:AssociateSkillWithSkillGroup" and 9773 more) on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:a4b:us-east-1:123456789012:<resource-type>/<name>".';

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'allows 2 write actions ("sns:Publish", "sqs:SendMessage") on any resource ("*"); name the resources in Resource instead, e.g. "arn:aws:sns:us-east-1:123456789012:my-topic".';

describe('agent-no-unscoped-write', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoUnscopedWrite, agentStack())).toEqual([]);
  });

  test.each(grantCases(RISKY))(
    '"sns:Publish" and "sqs:SendMessage" on "*" $case is a violation',
    async (c) => {
      expect(verdicts(await runStackPolicy(agentNoUnscopedWrite, c.stack()))).toEqual([
        {
          enforcementLevel: 'mandatory',
          urn: c.urn,
          message: `Agent "${c.agent}": ${c.source} Statement[0] ${FINDING}${c.note}`,
        },
      ]);
    },
  );

  test.each(neutralisedCases(RISKY))('no violation when $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoUnscopedWrite, stack())).toEqual([]);
  });

  test('a document unknown at preview is an advisory; the known documents are still judged', async () => {
    expect(
      verdicts(await runStackPolicy(agentNoUnscopedWrite, unknownDocumentStack(RISKY))),
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
    expect(verdicts(await runStackPolicy(agentNoUnscopedWrite, stack()))).toEqual([
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] ${ADMIN_FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test.each([
    {
      case: 'a write on the named queue',
      stack: () => withRolePolicy(allow('sqs:SendMessage', QUEUE)),
    },
    {
      case: 'an action that only supports "*" (cloudwatch:PutMetricData)',
      stack: () => withRolePolicy(allow('cloudwatch:PutMetricData')),
    },
    { case: 'reads on "*"', stack: () => withRolePolicy(allow(['sqs:ListQueues'])) },
  ])('no violation for $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoUnscopedWrite, stack())).toEqual([]);
  });
});
