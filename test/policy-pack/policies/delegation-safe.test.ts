/**
 * agent-delegation-safe on roles outside the stack: an agent that may assume a role the stack does
 * not declare becomes something the pack never judges. Each case is the compliant agent plus a
 * RolePolicy on its role.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentDelegationSafe } from '../../../policy-pack/policies/delegation-safe';
import {
  ACCOUNT_ID,
  compliantStack,
  mandatory,
  resource,
  roleArn,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';

useFixtureClockInEachTest();

const grant = (statements: object[]): AnalyzedResource =>
  resource(RESOURCE_TYPES.rolePolicy, 'assume', {
    role: 'agent-ticket-triager',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
  });
const OUTSIDE = (arn: string) =>
  `Agent "ticket-triager" may assume role "${arn}" (sts:AssumeRole), which is not a role of this stack, so what it can do there cannot be judged; declare that role in this stack (an agent it calls with delegatesTo, whose permissions are then judged), or remove the grant.`;

describe('agent-delegation-safe: roles outside the stack', () => {
  test.each<{ case: string; arns: string[] }>([
    {
      case: 'a role of the same account made elsewhere',
      arns: [`arn:aws:iam::${ACCOUNT_ID}:role/ops-admin`],
    },
    {
      case: 'every role of another account, and one by a lower-case action',
      arns: ['arn:aws:iam::999999999999:role/*', `arn:aws:iam::${ACCOUNT_ID}:role/team/deployer`],
    },
  ])('$case is a violation', async ({ arns }) => {
    const stack = compliantStack('ticket-triager');
    const role = stack.find((r) => r.type === RESOURCE_TYPES.role)!;
    const policy = grant([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arns[0] },
      ...(arns[1] ? [{ Effect: 'Allow', Action: 'STS:assumerole', Resource: arns[1] }] : []),
    ]);
    expect(await verdictsOf(agentDelegationSafe, [...stack, policy])).toEqual(
      arns.map((arn) => mandatory(role.urn, OUTSIDE(arn))),
    );
  });

  test('a role of the stack, a grant denied in the same document, or another action pass', async () => {
    const helper = resource(RESOURCE_TYPES.role, 'helper', {
      name: 'helper',
      arn: roleArn('helper'),
      assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    });
    const policy = grant([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [roleArn('helper')] },
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::999999999999:role/x' },
      { Effect: 'Deny', Action: 'sts:*', Resource: 'arn:aws:iam::999999999999:role/*' },
      { Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCOUNT_ID}:role/y` },
    ]);
    expect(
      await verdictsOf(agentDelegationSafe, [...compliantStack('ticket-triager'), helper, policy]),
    ).toEqual([]);
  });
});
