/** Indexing the stack: which RolePolicy and attachments belong to which role. */
import type { PolicyResource } from '@pulumi/policy';
import { RESOURCE_TYPES } from '../../../../policy-pack/lib/resource-types';
import { indexStackPermissions } from '../../../../policy-pack/lib/permissions';
import { resource, UNKNOWN } from '../../../support/harness';
import {
  ROLE_ARN,
  ROLE_NAME,
  agentStack,
  plus,
  roleOf,
  rolePolicyOf,
} from '../../policies/permission-fixtures';
import { EXTRA, gatherAgent, sources } from './gather-in-stack';

describe('the stack permission index', () => {
  test.each([
    { case: 'by role name', role: ROLE_NAME },
    { case: 'by role name in another case', role: ROLE_NAME.toUpperCase() },
    { case: 'by role ARN', role: ROLE_ARN },
  ])('a RolePolicy naming the role $case', async ({ role }) => {
    const extra = resource(RESOURCE_TYPES.rolePolicy, 'extra', { name: 'x', role, policy: EXTRA });
    expect(sources(await gatherAgent(plus(extra)))).toEqual([
      'rolePolicy:ticket-triager-policy',
      'rolePolicy:extra',
    ]);
  });

  test("a RolePolicy of another role is not the agent's", async () => {
    const other = resource(RESOURCE_TYPES.rolePolicy, 'other', {
      role: 'someone-else',
      policy: EXTRA,
    });
    expect(sources(await gatherAgent(plus(other)))).toEqual(['rolePolicy:ticket-triager-policy']);
  });

  test('a RolePolicy whose role is unknown at preview is traced through its dependency', async () => {
    const resources = agentStack();
    const policy = rolePolicyOf(resources);
    policy.props.role = UNKNOWN;
    policy.propertyDependencies = { role: [roleOf(resources).urn] };
    expect(sources(await gatherAgent(resources))).toEqual(['rolePolicy:ticket-triager-policy']);
  });

  test('the stack is indexed once per resources array', () => {
    const resources: PolicyResource[] = [];
    expect(indexStackPermissions(resources)).toBe(indexStackPermissions(resources));
    expect(indexStackPermissions([...resources])).not.toBe(indexStackPermissions(resources));
  });
});
