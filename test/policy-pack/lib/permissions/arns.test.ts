/** Resolving attached policy and boundary ARNs to their documents, in the stack or AWS managed. */
import { RESOURCE_TYPES } from '../../../../policy-pack/lib/resource-types';
import { compliantFleet, find, UNKNOWN } from '../../../support/harness';
import {
  ADMIN_ARN,
  CUSTOMER_POLICY_ARN,
  ROLE_NAME,
  agentStack,
  customerPolicy,
  plus,
  policyAttachment,
  roleOf,
  rolePolicyAttachment,
  withRole,
} from '../../policies/permission-fixtures';
import { COMPLIANT_DOCUMENT, EXTRA, gatherAgent, kinds, sources } from './gather-in-stack';

describe('policy ARN resolution', () => {
  test('the fleet boundary in the stack is resolved by its ARN', async () => {
    const gathered = await gatherAgent([...compliantFleet(), ...agentStack()]);
    const boundary = find(compliantFleet(), RESOURCE_TYPES.policy);
    expect(gathered.permissions.boundary).toEqual({
      source: 'boundary:policy:fleet-boundary',
      document: JSON.parse(boundary.props.policy as string),
    });
    expect(gathered.unverifiable).toEqual([]);
  });

  test('a boundary whose ARN is unknown at preview is traced through its dependency', async () => {
    const resources = [...compliantFleet(), ...agentStack()];
    const boundary = find(resources, RESOURCE_TYPES.policy);
    boundary.props.arn = UNKNOWN;
    const role = roleOf(resources);
    role.props.permissionsBoundary = UNKNOWN;
    role.propertyDependencies = { permissionsBoundary: [boundary.urn] };
    const gathered = await gatherAgent(resources);
    expect(gathered.permissions.boundary?.source).toBe('boundary:policy:fleet-boundary');
  });

  test('a boundary unknown at preview with no traceable source is judged without, and said', async () => {
    const gathered = await gatherAgent(withRole((p) => (p.permissionsBoundary = UNKNOWN)));
    expect(gathered.permissions.boundary).toBeUndefined();
    expect(kinds(gathered)).toEqual(['unknown-boundary boundary:permissionsBoundary']);
  });

  test('a customer policy attached by RolePolicyAttachment, PolicyAttachment and managedPolicyArns is judged once', async () => {
    const policy = customerPolicy('ticket-extra', EXTRA);
    const resources = plus(
      policy,
      rolePolicyAttachment('extra-attachment', CUSTOMER_POLICY_ARN),
      policyAttachment('extra-everywhere', CUSTOMER_POLICY_ARN, ['someone-else', ROLE_NAME]),
    );
    roleOf(resources).props.managedPolicyArns = [CUSTOMER_POLICY_ARN];
    const gathered = await gatherAgent(resources);
    expect(gathered.permissions.policies).toEqual([
      { source: 'rolePolicy:ticket-triager-policy', document: COMPLIANT_DOCUMENT },
      { source: 'policy:ticket-extra', document: JSON.parse(EXTRA) },
    ]);
  });

  test('a customer policy whose ARN is unknown at preview is matched by path and name', async () => {
    const policy = customerPolicy('ticket-extra', EXTRA, { arn: UNKNOWN });
    const gathered = await gatherAgent(
      plus(policy, rolePolicyAttachment('extra-attachment', CUSTOMER_POLICY_ARN)),
    );
    expect(sources(gathered)).toEqual(['rolePolicy:ticket-triager-policy', 'policy:ticket-extra']);
  });

  test('an attachment whose policyArn is unknown is traced to the stack policy it came from', async () => {
    const policy = customerPolicy('ticket-extra', EXTRA, { arn: UNKNOWN });
    const attachment = rolePolicyAttachment('extra-attachment', UNKNOWN);
    attachment.propertyDependencies = { policyArn: [policy.urn] };
    const gathered = await gatherAgent(plus(policy, attachment));
    expect(sources(gathered)).toEqual(['rolePolicy:ticket-triager-policy', 'policy:ticket-extra']);
  });

  test('an attachment whose policyArn is unknown and untraceable is unverifiable until update', async () => {
    const gathered = await gatherAgent(plus(rolePolicyAttachment('mystery', UNKNOWN)));
    expect(gathered.unverifiable).toContainEqual({
      origin: { sources: [] },
      kind: 'unknown-attachment',
      source: 'rolePolicyAttachment:mystery',
      what: 'the policy ARN attached by rolePolicyAttachment:mystery',
      path: 'policyArn',
      detail: 'the policy ARN attached by rolePolicyAttachment:mystery is unknown during preview',
      resolvesAtUpdate: true,
    });
  });

  test('a customer policy outside the stack is unverifiable for good', async () => {
    const arn = `arn:aws:iam::123456789012:policy/made-by-hand`;
    const gathered = await gatherAgent(plus(rolePolicyAttachment('by-hand', arn)));
    expect(gathered.unverifiable).toContainEqual({
      kind: 'unresolved-policy',
      source: arn,
      what: `the policy ${arn}`,
      path: 'rolePolicyAttachment:by-hand',
      detail: `${arn} (attached by rolePolicyAttachment:by-hand) is not an aws.iam.Policy of this stack nor an AWS managed policy, so its document cannot be judged`,
      resolvesAtUpdate: false,
    });
  });

  test('an AWS managed policy is resolved to its document, once however often attached', async () => {
    const resources = plus(
      rolePolicyAttachment('admin', ADMIN_ARN),
      policyAttachment('admin-again', ADMIN_ARN),
    );
    roleOf(resources).props.managedPolicyArns = [ADMIN_ARN];
    const gathered = await gatherAgent(resources);
    expect(gathered.permissions.policies[1]).toEqual({
      source: ADMIN_ARN,
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      },
    });
    expect(sources(gathered)).toEqual(['rolePolicy:ticket-triager-policy', ADMIN_ARN]);
  });

  test('an AWS managed ARN that does not exist is unverifiable', async () => {
    const arn = 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere';
    const gathered = await gatherAgent(withRole((p) => (p.managedPolicyArns = [arn])));
    expect(kinds(gathered)).toContain(`unresolved-policy ${arn}`);
  });
});
