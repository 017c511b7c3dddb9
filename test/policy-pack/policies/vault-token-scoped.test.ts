import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentVaultTokenScoped } from '../../../policy-pack/policies/vault-token-scoped';
import {
  compliantStack,
  compliantUrnOf,
  find,
  mandatory,
  UNKNOWN,
  useFixtureClockInEachTest,
  verdictsOf,
  withProps,
  type AnalyzedResource,
  unknownAtPreview,
} from '../../support/harness';
import { compliantAgent } from '../../support/compliant-agent';

useFixtureClockInEachTest();

const APPROLE_URN = compliantUrnOf(RESOURCE_TYPES.appRole);
const ENTITY_URN = compliantUrnOf(RESOURCE_TYPES.vaultEntity);
const OWN = '("aws/sts/ticket-triager", "aws/creds/ticket-triager")';
const WHO = 'Agent "ticket-triager": AppRole role "ticket-triager" carries Vault policy';

const withVaultPolicy = (policy: unknown) =>
  withProps(compliantAgent(), RESOURCE_TYPES.vaultPolicy, (p) => {
    p.policy = policy;
  });
const withTokenPolicies = (tokenPolicies: unknown, resources = compliantAgent()) =>
  withProps(resources, RESOURCE_TYPES.appRole, (p) => {
    p.tokenPolicies = tokenPolicies;
  });

describe('agent-vault-token-scoped', () => {
  test('a compliant fleet, and its own policy written as HCL, have no violation', async () => {
    expect(await verdictsOf(agentVaultTokenScoped, compliantStack('a', 'b'))).toEqual([]);
    const hcl = withVaultPolicy(
      '# the agent\'s own credentials\npath "aws/sts/ticket-triager" {\n  capabilities = ["read", "update"]\n}\n',
    );
    expect(await verdictsOf(agentVaultTokenScoped, hcl)).toEqual([]);
  });

  test('a stack without agents is not judged', async () => {
    const onlyVault = compliantAgent().filter((r) => r.type !== RESOURCE_TYPES.role);
    expect(await verdictsOf(agentVaultTokenScoped, withTokenPolicies(['root'], onlyVault))).toEqual(
      [],
    );
  });

  test.each<{
    case: string;
    resources: () => AnalyzedResource[];
    urn?: string;
    message: string;
    /** Further messages for the same resource, in order. */
    more?: string[];
  }>([
    {
      case: 'a wildcard over the whole AWS mount (HCL)',
      resources: () => withVaultPolicy('path "aws/*" { capabilities = ["read"] }'),
      message: `${WHO} "agent-ticket-triager", which grants ["read"] on "aws/*", a wildcard path, beyond the agent's own credentials ${OWN}; limit the policy to those paths.`,
    },
    {
      case: 'sys/* (JSON)',
      resources: () =>
        withVaultPolicy(
          JSON.stringify({ path: { 'sys/*': { capabilities: ['sudo', 'update'] } } }),
        ),
      message: `${WHO} "agent-ticket-triager", which grants ["sudo","update"] on "sys/*", a wildcard path, beyond the agent's own credentials ${OWN}; limit the policy to those paths.`,
    },
    {
      case: "another agent's policy in tokenPolicies",
      resources: () =>
        withTokenPolicies(
          ['agent-ticket-triager', 'agent-other'],
          compliantStack('ticket-triager', 'other'),
        ),
      urn: find(compliantStack('ticket-triager'), RESOURCE_TYPES.appRole).urn,
      // The components' own Vault policy grants read and update on both credentials paths.
      message: `${WHO} "agent-other", which grants ["read","update"] on "aws/sts/other", the credentials of agent "other", beyond the agent's own credentials ${OWN}; limit the policy to those paths.`,
      more: [
        `${WHO} "agent-other", which grants ["read","update"] on "aws/creds/other", the credentials of agent "other", beyond the agent's own credentials ${OWN}; limit the policy to those paths.`,
      ],
    },
    {
      case: 'a policy that is not in the stack',
      resources: () => withTokenPolicies(['agent-ticket-triager', 'admin']),
      message: `${WHO} "admin", which is not a vault.Policy of this stack, so what it grants cannot be judged; declare it here (the agent's own credentials paths only) or remove it from tokenPolicies.`,
    },
    {
      case: 'the root policy',
      resources: () => withTokenPolicies(['root']),
      message: `${WHO} "root", which allows everything in Vault; give it only the agent's own credentials policy.`,
    },
    {
      case: 'a document that is neither HCL path blocks nor JSON',
      resources: () =>
        withVaultPolicy('path "aws/sts/ticket-triager" { capabilities = ["read"] } oops'),
      message: `${WHO} "agent-ticket-triager", whose document has text outside path blocks: "oops", so what it grants cannot be judged; write it as path blocks (HCL) or as JSON.`,
    },
    {
      case: "a broad policy on the agent's identity entity",
      resources: () =>
        withProps(compliantAgent(), RESOURCE_TYPES.vaultEntity, (p) => {
          p.name = 'ticket-triager';
          p.policies = ['root'];
        }),
      urn: ENTITY_URN,
      message:
        'Agent "ticket-triager": identity entity "ticket-triager" carries Vault policy "root", which allows everything in Vault; give it only the agent\'s own credentials policy.',
    },
  ])('$case is a violation', async (c) => {
    expect(await verdictsOf(agentVaultTokenScoped, c.resources())).toEqual(
      [c.message, ...(c.more ?? [])].map((m) => mandatory(c.urn ?? APPROLE_URN, m)),
    );
  });

  test("Vault's default policy is accepted: it grants no secrets path", async () => {
    const resources = withTokenPolicies(['default', 'agent-ticket-triager']);
    expect(await verdictsOf(agentVaultTokenScoped, resources)).toEqual([]);
  });

  test('a document unknown at preview is a violation', async () => {
    expect(await verdictsOf(agentVaultTokenScoped, withVaultPolicy(UNKNOWN))).toEqual([
      mandatory(
        APPROLE_URN,
        unknownAtPreview(
          'ticket-triager',
          'the document of Vault policy "agent-ticket-triager"',
          'vault:index/policy:Policy "ticket-triager-vault-policy".policy',
        ),
      ),
    ]);
  });
});
