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

  test.each(adminAttachments)(
    '$case enables every escalation method: one violation names them all',
    async ({ stack }) => {
      const methods = Object.keys(PRIVILEGE_ESCALATION_METHODS);
      expect(methods).toHaveLength(59);
      expect(verdicts(await runStackPolicy(agentNoPrivilegeEscalation, stack()))).toEqual([
        {
          enforcementLevel: 'mandatory',
          urn: URN,
          message: `Agent "ticket-triager": ${ADMIN_ARN} Statement[0] allows privilege escalation by 59 methods (${methods.slice(0, 5).join(', ')} and 54 more) through "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:AddUserToGroup", "iam:CreatePolicyVersion" and 62 more (67) on any resource; limit iam:PassRole to the named roles the agent must pass, and scope these actions to named resources, or drop them.${BOUNDARY_NOTE}`,
        },
      ]);
    },
  );

  test('methods enabled by different statements are reported per statement', async () => {
    const ds = await runStackPolicy(
      agentNoPrivilegeEscalation,
      withRolePolicy(
        allow(['iam:CreateAccessKey', 'iam:CreateLoginProfile']),
        allow('iam:PutRolePolicy'),
      ),
    );
    expect(verdicts(ds).map((d) => d.message)).toEqual([
      `Agent "ticket-triager": rolePolicy:ticket-triager-policy Statement[0] allows privilege escalation by 2 methods (CreateAccessKey, CreateLoginProfile) through "iam:CreateAccessKey", "iam:CreateLoginProfile" on any resource; scope these actions to named resources, or drop them.${BOUNDARY_NOTE}`,
      `Agent "ticket-triager": rolePolicy:ticket-triager-policy Statement[1] allows privilege escalation (PutRolePolicy): "iam:PutRolePolicy" on any resource; scope these actions to named resources, or drop one of them.${BOUNDARY_NOTE}`,
    ]);
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
