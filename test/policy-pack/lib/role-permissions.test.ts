/**
 * Gathering an agent's effective permissions from the stack, with resources built exactly as the
 * analyzer server builds them (proxied props, unknown sentinels, property dependencies).
 */
import type { StackValidationPolicy } from '@pulumi/policy';
import { discoverAgents } from '../../../policy-pack/lib/agents';
import { PackConfigSchema } from '../../../policy-pack/lib/config';
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import {
  gatherRolePermissions,
  type AgentPermissions,
} from '../../../policy-pack/lib/role-permissions';
import {
  BOUNDARY_ARN,
  compliantConfig,
  compliantFleet,
  find,
  resource,
  runStackPolicy,
  UNKNOWN,
  type AnalyzedResource,
} from '../../support/harness';
import {
  ADMIN_ARN,
  AGENT,
  CUSTOMER_POLICY_ARN,
  ROLE_ARN,
  ROLE_NAME,
  agentStack,
  allow,
  customerPolicy,
  documentOf,
  plus,
  policyAttachment,
  rawVaultTargetedRole,
  roleOf,
  rolePolicyAttachment,
  rolePolicyOf,
  withRole,
} from '../policies/permission-fixtures';

/** Runs discovery and gathering inside a stack policy, so props arrive proxied as in a real run. */
async function gather(resources: AnalyzedResource[]): Promise<Map<string, AgentPermissions>> {
  const gathered = new Map<string, AgentPermissions>();
  const capture: StackValidationPolicy = {
    name: 'agent-capture-permissions',
    description: 'Captures what gatherRolePermissions returns.',
    enforcementLevel: 'mandatory',
    validateStack: (args) => {
      const config = PackConfigSchema.parse(compliantConfig);
      for (const agent of discoverAgents(args.resources, config)) {
        gathered.set(agent.agentName, gatherRolePermissions(args.resources, agent));
      }
    },
  };
  expect(await runStackPolicy(capture, resources)).toEqual([]);
  return gathered;
}

async function gatherAgent(
  resources: AnalyzedResource[],
  agent = AGENT,
): Promise<AgentPermissions> {
  const gathered = await gather(resources);
  const found = gathered.get(agent);
  if (!found) throw new Error(`no agent ${agent} among ${[...gathered.keys()].join(', ')}`);
  return found;
}

const sources = (p: AgentPermissions) => p.permissions.policies.map((s) => s.source);
const kinds = (p: AgentPermissions) => p.unverifiable.map((u) => `${u.kind} ${u.source}`);
const COMPLIANT_DOCUMENT = JSON.parse(rolePolicyOf(agentStack()).props.policy as string);
const EXTRA = documentOf(allow('s3:GetObject', 'arn:aws:s3:::tickets/*'));

describe('gatherRolePermissions', () => {
  test('the compliant agent: its RolePolicy, and a boundary that is outside this stack', async () => {
    const gathered = await gatherAgent(agentStack());
    expect(gathered.permissions).toEqual({
      policies: [{ source: 'rolePolicy:ticket-triager-policy', document: COMPLIANT_DOCUMENT }],
    });
    expect(gathered.unverifiable).toEqual([
      {
        kind: 'unresolved-boundary',
        source: `boundary:${BOUNDARY_ARN}`,
        what: `the policy ${BOUNDARY_ARN}`,
        path: 'permissionsBoundary',
        detail: `${BOUNDARY_ARN} is not an aws.iam.Policy of this stack nor an AWS managed policy`,
        resolvesAtUpdate: false,
      },
    ]);
  });

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

  test('inline policies of the role, skipping the provider idiom [{}] for "none"', async () => {
    const gathered = await gatherAgent(
      withRole((p) => (p.inlinePolicies = [{ name: 'extra', policy: EXTRA }, {}])),
    );
    expect(gathered.permissions.policies).toEqual([
      { source: 'rolePolicy:ticket-triager-policy', document: COMPLIANT_DOCUMENT },
      { source: 'inline:extra', document: JSON.parse(EXTRA) },
    ]);
  });

  test('an inlinePolicies entry read back from a RolePolicy of the same name is judged once', async () => {
    const resources = withRole(
      (p) =>
        (p.inlinePolicies = [
          { name: `${ROLE_NAME}-PERMISSIONS`, policy: rolePolicyOf(agentStack()).props.policy },
        ]),
    );
    expect(sources(await gatherAgent(resources))).toEqual(['rolePolicy:ticket-triager-policy']);
  });

  test('a policy document given as an object, not a JSON string', async () => {
    const resources = agentStack();
    rolePolicyOf(resources).props.policy = JSON.parse(EXTRA);
    expect((await gatherAgent(resources)).permissions.policies).toEqual([
      { source: 'rolePolicy:ticket-triager-policy', document: JSON.parse(EXTRA) },
    ]);
  });

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

  test('a document unknown at preview is unverifiable until update, the others still gathered', async () => {
    const resources = plus(rolePolicyAttachment('admin', ADMIN_ARN));
    rolePolicyOf(resources).props.policy = UNKNOWN;
    const gathered = await gatherAgent(resources);
    expect(sources(gathered)).toEqual([ADMIN_ARN]);
    expect(gathered.unverifiable).toContainEqual({
      kind: 'unknown-document',
      source: 'rolePolicy:ticket-triager-policy',
      what: 'the policy document of rolePolicy:ticket-triager-policy',
      path: 'policy',
      detail: 'the policy document of rolePolicy:ticket-triager-policy is unknown during preview',
      resolvesAtUpdate: true,
    });
  });

  test('a document that is not JSON is unverifiable and says how to write it', async () => {
    const resources = agentStack();
    rolePolicyOf(resources).props.policy = '{"Statement": [';
    const gathered = await gatherAgent(resources);
    expect(gathered.permissions.policies).toEqual([]);
    expect(gathered.unverifiable[0]).toMatchObject({
      kind: 'malformed-document',
      source: 'rolePolicy:ticket-triager-policy',
      resolvesAtUpdate: false,
    });
    expect(gathered.unverifiable[0].detail).toMatch(
      /^the policy document of rolePolicy:ticket-triager-policy is not valid JSON \(.+\); write it with JSON.stringify or aws.iam.getPolicyDocument$/,
    );
  });

  test('a raw untagged role targeted by a Vault role gets its grants gathered', async () => {
    const resources = rawVaultTargetedRole(
      rolePolicyAttachment('legacy-admin', ADMIN_ARN, 'legacy-reporter'),
    );
    const gathered = await gatherAgent(resources, 'legacy-reporter');
    expect(sources(gathered)).toEqual([ADMIN_ARN]);
    expect(gathered.unverifiable).toEqual([]);
  });

  test('the fingerprint follows the documents judged', async () => {
    const first = await gatherAgent(agentStack());
    const again = await gatherAgent(agentStack());
    const changed = await gatherAgent(
      withRole((p) => (p.inlinePolicies = [{ name: 'x', policy: EXTRA }])),
    );
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(changed.fingerprint).not.toBe(first.fingerprint);
  });
});
