/**
 * A role's inline policy declared twice under one name: AWS keeps whichever is applied last, so
 * the pack judges both documents (the permission policies see the hidden one) and
 * agent-inline-policy-names-unique refuses the ambiguity.
 */
import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentInlinePolicyNamesUnique } from '../../../policy-pack/policies/inline-policy-names-unique';
import { agentNoAdmin } from '../../../policy-pack/policies/no-admin';
import {
  mandatory,
  resource,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';
import { gatherAgent, sources } from '../lib/permissions/gather-in-stack';
import {
  agentStack,
  allow,
  documentOf,
  ROLE_NAME,
  roleOf,
  rolePolicyOf,
  withRole,
} from './permission-fixtures';

useFixtureClockInEachTest();

const URN = roleOf(agentStack()).urn;
const NAME = `${ROLE_NAME}-permissions`;
const ADMIN = documentOf(allow('*'));
const WHO = 'Agent "ticket-triager": role "agent-ticket-triager"';
const TAIL =
  'AWS keeps whichever is applied last, so what the role may do depends on the order of deployment (the pack judges all of them); give each its own name, or declare it once.';

/** The compliant agent with an inlinePolicies entry named like its RolePolicy. */
const withInline = (name: string, policy: string) =>
  withRole((p) => (p.inlinePolicies = [{ name, policy }]));

describe('agent-inline-policy-names-unique', () => {
  test.each<{ case: string; resources: () => AnalyzedResource[]; message: string }>([
    {
      case: 'an inlinePolicies entry sharing its name with the RolePolicy, with another document',
      resources: () => withInline(NAME, ADMIN),
      message: `${WHO} has 2 inline policies named "${NAME}" with different documents (aws.iam.RolePolicy "ticket-triager-policy", inlinePolicies[0] of the role); ${TAIL}`,
    },
    {
      case: 'the same name in another case (the pack compares names without case)',
      resources: () => withInline(NAME.toUpperCase(), ADMIN),
      message: `${WHO} has 2 inline policies named "${NAME}" with different documents (aws.iam.RolePolicy "ticket-triager-policy", inlinePolicies[0] of the role); ${TAIL}`,
    },
    {
      case: 'two RolePolicy resources of one name',
      resources: () => [
        ...agentStack(),
        resource(RESOURCE_TYPES.rolePolicy, 'shadow-policy', {
          name: NAME,
          role: ROLE_NAME,
          policy: ADMIN,
        }),
      ],
      message: `${WHO} has 2 inline policies named "${NAME}" with different documents (aws.iam.RolePolicy "ticket-triager-policy", aws.iam.RolePolicy "shadow-policy"); ${TAIL}`,
    },
    {
      case: 'two inlinePolicies entries of one name',
      resources: () =>
        withRole(
          (p) =>
            (p.inlinePolicies = [
              { name: 'extra', policy: documentOf(allow('s3:GetObject', 'arn:aws:s3:::a/*')) },
              { name: 'extra', policy: ADMIN },
            ]),
        ),
      message: `${WHO} has 2 inline policies named "extra" with different documents (inlinePolicies[0] of the role, inlinePolicies[1] of the role); ${TAIL}`,
    },
  ])('$case is a violation', async ({ resources, message }) => {
    expect(await verdictsOf(agentInlinePolicyNamesUnique, resources())).toEqual([
      mandatory(URN, message),
    ]);
  });

  test('the RolePolicy read back in inlinePolicies, reformatted, is one declaration', async () => {
    const stack = agentStack();
    const pretty = JSON.stringify(JSON.parse(rolePolicyOf(stack).props.policy as string), null, 2);
    const resources = withInline(NAME, pretty);
    expect(await verdictsOf(agentInlinePolicyNamesUnique, resources)).toEqual([]);
    expect(sources(await gatherAgent(resources))).toEqual(['rolePolicy:ticket-triager-policy']);
  });

  test('both documents of a colliding name are judged: the hidden one is not skipped', async () => {
    const resources = withInline(NAME, ADMIN);
    expect(sources(await gatherAgent(resources))).toEqual([
      'rolePolicy:ticket-triager-policy',
      `inline:${NAME}`,
    ]);
    const admin = await verdictsOf(agentNoAdmin, resources);
    expect(admin.map((v) => v.message)).toEqual([
      expect.stringContaining(`inline:${NAME} Statement[0] gives administrator access`),
    ]);
  });
});
