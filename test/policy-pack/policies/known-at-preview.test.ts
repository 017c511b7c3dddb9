import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentKnownAtPreview } from '../../../policy-pack/policies/known-at-preview';
import {
  compliantConfig,
  compliantStack,
  find,
  mandatory,
  resource,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';

useFixtureClockInEachTest();

const HINT =
  'Pulumi runs stack policies on `pulumi up` only after every resource is created; write it from values known at preview: literal names and tags, ARNs built from names (the grants helpers, or `arn:aws:s3:::${name}` from a literal bucket name), documents as objects.';

const topic = resource('aws:sns/topic:Topic', 'data-team', { arn: UNKNOWN, name: 'data-team' });

function role(
  props: Record<string, unknown>,
  deps: Record<string, string[]> = {},
): AnalyzedResource {
  return {
    ...resource(RESOURCE_TYPES.role, 'exporter', { name: 'agent-exporter', ...props }),
    propertyDependencies: deps,
  };
}

const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

describe('agent-known-at-preview', () => {
  test('the compliant fleet passes', async () => {
    expect(await verdictsOf(agentKnownAtPreview, compliantStack('ticket-triager'))).toEqual([]);
  });

  test.each<{ case: string; stack: () => AnalyzedResource[]; messages: string[] }>([
    {
      case: "a role whose tag map is computed from a new resource's output",
      stack: () => [
        topic,
        role({ tags: UNKNOWN, assumeRolePolicy: LAMBDA_TRUST }, { tags: [topic.urn] }),
      ],
      messages: [
        `aws:iam/role:Role "exporter": its tag map is unknown at preview (.tags, computed from aws:sns/topic:Topic "data-team"), so the pack cannot tell before it exists whether it is an agent, and ${HINT}`,
      ],
    },
    {
      case: 'a role whose trust policy is unknown, traced to nothing, while Vault principals are configured',
      stack: () => [topic, role({ tags: {}, assumeRolePolicy: UNKNOWN })],
      messages: [
        `aws:iam/role:Role "exporter": its trust policy (assumeRolePolicy) is unknown at preview (.assumeRolePolicy), so the pack cannot tell before it exists whether it is an agent, and ${HINT}`,
      ],
    },
    {
      case: 'a Vault AWS role whose roleArns entry is unknown and traced to no role',
      stack: () => {
        const stack = compliantStack('ticket-triager');
        const vaultRole = find(stack, RESOURCE_TYPES.vaultAwsRole);
        vaultRole.props.roleArns = [UNKNOWN];
        vaultRole.propertyDependencies = { roleArns: [topic.urn] };
        return [topic, ...stack];
      },
      messages: [
        `vault:aws/secretBackendRole:SecretBackendRole "ticket-triager-vault-role": the role it targets (roleArns), traced to no role of this stack, is unknown at preview (.roleArns.0, computed from aws:sns/topic:Topic "data-team"), so the pack cannot tell before it exists whether it is an agent, and ${HINT}`,
      ],
    },
  ])('$case is a violation', async ({ stack, messages }) => {
    const resources = stack();
    const urnOf = (m: string) =>
      resources.find((r) => m.startsWith(`${r.type} "${r.name}"`))?.urn ?? '';
    expect(await verdictsOf(agentKnownAtPreview, resources, compliantConfig)).toEqual(
      messages.map((m) => mandatory(urnOf(m), m)),
    );
  });

  test('a Vault role targeting role.arn of a role of the stack is traced, not refused', async () => {
    const stack = compliantStack('ticket-triager');
    const vaultRole = find(stack, RESOURCE_TYPES.vaultAwsRole);
    const agentRole = find(stack, RESOURCE_TYPES.role);
    vaultRole.props.roleArns = [UNKNOWN];
    vaultRole.propertyDependencies = { roleArns: [agentRole.urn] };
    expect(await verdictsOf(agentKnownAtPreview, stack, compliantConfig)).toEqual([]);
  });

  test('a trust policy computed from resources that cannot be the Vault principal is not refused', async () => {
    const user = resource('aws:iam/user:User', 'automation', { name: 'automation', arn: UNKNOWN });
    const resources = [
      user,
      role({ tags: {}, assumeRolePolicy: UNKNOWN }, { assumeRolePolicy: [user.urn] }),
    ];
    expect(await verdictsOf(agentKnownAtPreview, resources, compliantConfig)).toEqual([]);
  });

  test('a trust policy computed from a role that could be the Vault principal is refused', async () => {
    const vaultish = resource(RESOURCE_TYPES.role, 'vault', {
      name: 'vault-secrets-engine',
      arn: UNKNOWN,
    });
    const resources = [
      vaultish,
      role({ tags: {}, assumeRolePolicy: UNKNOWN }, { assumeRolePolicy: [vaultish.urn] }),
    ];
    const verdicts = await verdictsOf(agentKnownAtPreview, resources, {
      ...compliantConfig,
      vaultPrincipalArns: ['arn:aws:iam::123456789012:role/vault-secrets-engine'],
    });
    expect(verdicts.map((v) => v.urn)).toEqual([resources[1].urn]);
  });

  test('an unknown trust policy is not refused when no Vault principal is configured', async () => {
    const resources = [topic, role({ tags: {}, assumeRolePolicy: UNKNOWN })];
    expect(await verdictsOf(agentKnownAtPreview, resources, { vaultPrincipalArns: [] })).toEqual(
      [],
    );
  });

  test('unknownAtPreview "advisory" lowers it to an advisory that says the config accepted it', async () => {
    const resources = [topic, role({ tags: UNKNOWN }, { tags: [topic.urn] })];
    const verdicts = await verdictsOf(agentKnownAtPreview, resources, {
      ...compliantConfig,
      unknownAtPreview: 'advisory',
    });
    expect(verdicts.map((v) => v.enforcementLevel)).toEqual(['advisory']);
    expect(verdicts[0].message).toMatch(
      /Accepted as advisory by the policy-pack config \(unknownAtPreview: advisory\)\.$/,
    );
  });
});
