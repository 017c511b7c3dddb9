import { agentNoPrivilegeEscalation } from '../../../policy-pack/policies/no-privilege-escalation';
import { PRIVILEGE_ESCALATION_METHODS } from '../../../policy-pack/engine';
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
  documentOf,
  unknownDocumentStack,
  withRolePolicy,
} from './permission-fixtures';

const URN = roleOf(agentStack()).urn;

const RISKY = allow(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);

/** The engine's finding after `<source> Statement[0] `. */
const FINDING =
  'allows privilege escalation (PassExistingRoleToNewLambdaThenInvoke): "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction" on any resource; limit iam:PassRole to the named roles the agent must pass, and scope these actions to named resources, or drop one of them.';

describe('agent-no-privilege-escalation', () => {
  test('the compliant agent has no violation', async () => {
    expect(await runStackPolicy(agentNoPrivilegeEscalation, agentStack())).toEqual([]);
  });

  test.each(grantCases(RISKY))(
    'PassRole + CreateFunction + InvokeFunction on "*" $case is a violation',
    async (c) => {
      expect(verdicts(await runStackPolicy(agentNoPrivilegeEscalation, c.stack()))).toEqual([
        {
          enforcementLevel: 'mandatory',
          urn: c.urn,
          message: `Agent "${c.agent}": ${c.source} Statement[0] ${FINDING}${c.note}`,
        },
      ]);
    },
  );

  test.each(neutralisedCases(RISKY))('no violation when $case', async ({ stack }) => {
    expect(await runStackPolicy(agentNoPrivilegeEscalation, stack())).toEqual([]);
  });

  test('a document unknown at preview is an advisory; the known documents are still judged', async () => {
    expect(
      verdicts(await runStackPolicy(agentNoPrivilegeEscalation, unknownDocumentStack(RISKY))),
    ).toEqual([
      UNKNOWN_DOCUMENT_ADVISORY,
      {
        enforcementLevel: 'mandatory',
        urn: URN,
        message: `Agent "ticket-triager": inline:extra Statement[0] ${FINDING}${BOUNDARY_NOTE}`,
      },
    ]);
  });

  test.each(adminAttachments)('$case enables every escalation method', async ({ stack }) => {
    const ds = verdicts(await runStackPolicy(agentNoPrivilegeEscalation, stack()));
    expect(ds.map((d) => `${d.enforcementLevel} ${d.urn}`)).toEqual(
      ds.map(() => `mandatory ${URN}`),
    );
    expect(ds.map((d) => /privilege escalation \(([A-Za-z0-9]+)\)/.exec(d.message)?.[1])).toEqual(
      Object.keys(PRIVILEGE_ESCALATION_METHODS),
    );
    expect(ds[0].message).toBe(
      `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] allows privilege escalation (CreateAccessKey): "iam:CreateAccessKey" on any resource; scope these actions to named resources, or drop one of them.${BOUNDARY_NOTE}`,
    );
  });

  test('iam:PassRole limited to one named role is not an escalation', async () => {
    const ds = await runStackPolicy(
      agentNoPrivilegeEscalation,
      withRolePolicy(
        allow('iam:PassRole', 'arn:aws:iam::123456789012:role/ticket-lambda'),
        allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
      ),
    );
    expect(ds).toEqual([]);
  });

  test('the combination split across two documents is still found', async () => {
    const resources = withRolePolicy(allow(['lambda:CreateFunction', 'lambda:InvokeFunction']));
    roleOf(resources).props.inlinePolicies = [
      { name: 'pass', policy: documentOf(allow('iam:PassRole')) },
    ];
    const ds = await runStackPolicy(agentNoPrivilegeEscalation, resources);
    expect(verdicts(ds).map((d) => d.message)).toEqual([
      `Agent "ticket-triager": inline:pass Statement[0] allows privilege escalation (PassExistingRoleToNewLambdaThenInvoke): "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction" on any resource; limit iam:PassRole to the named roles the agent must pass, and scope these actions to named resources, or drop one of them.${BOUNDARY_NOTE}`,
    ]);
  });
});
