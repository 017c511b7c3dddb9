import { RESOURCE_TYPES } from '../../../policy-pack/lib/resource-types';
import { agentUniqueIdentity } from '../../../policy-pack/policies/unique-identity';
import {
  compliantAgent,
  compliantConfig,
  compliantStack,
  find,
  mandatory,
  resource,
  useFixtureClockInEachTest,
  verdictsOf,
  type AnalyzedResource,
} from '../../support/harness';

useFixtureClockInEachTest();

const FIX = 'each agent is one identity: declare it once, or give the other agent its own name.';

/** A second declaration of `name`'s agent, as a standalone component outside the fleet. */
function twinOf(name: string): AnalyzedResource[] {
  return compliantAgent(name);
}

describe('agent-unique-identity', () => {
  test('distinct agents pass', async () => {
    expect(
      await verdictsOf(agentUniqueIdentity, compliantStack('ticket-triager', 'digest-writer')),
    ).toEqual([]);
  });

  test('two declarations of one agent (two IAM roles and two Vault roles of one name) are refused', async () => {
    const first = compliantStack('ticket-triager');
    const second = twinOf('ticket-triager');
    const [roleA, roleB] = [first, second].map((s) => find(s, RESOURCE_TYPES.role));
    const [vaultA, vaultB] = [first, second].map((s) => find(s, RESOURCE_TYPES.vaultAwsRole));
    const [appA, appB] = [first, second].map((s) => find(s, RESOURCE_TYPES.appRole));
    const verdicts = await verdictsOf(agentUniqueIdentity, [...first, ...second], compliantConfig);
    expect(verdicts).toEqual([
      mandatory(
        roleA.urn,
        `Agent "ticket-triager": IAM role name "agent-ticket-triager" is also declared by ${roleB.urn}; ${FIX}`,
      ),
      mandatory(
        roleB.urn,
        `Agent "ticket-triager": IAM role name "agent-ticket-triager" is also declared by ${roleA.urn}; ${FIX}`,
      ),
      mandatory(
        vaultA.urn,
        `Agent "ticket-triager": Vault AWS role "aws/ticket-triager" is also declared by ${vaultB.urn}; ${FIX}`,
      ),
      mandatory(
        vaultB.urn,
        `Agent "ticket-triager": Vault AWS role "aws/ticket-triager" is also declared by ${vaultA.urn}; ${FIX}`,
      ),
      mandatory(
        appA.urn,
        `Agent "ticket-triager": Vault AppRole role "approle/ticket-triager" is also declared by ${appB.urn}; ${FIX}`,
      ),
      mandatory(
        appB.urn,
        `Agent "ticket-triager": Vault AppRole role "approle/ticket-triager" is also declared by ${appA.urn}; ${FIX}`,
      ),
    ]);
  });

  test('role names are compared as IAM compares them, whatever their case', async () => {
    const stack = compliantStack('ticket-triager');
    const copy = resource(RESOURCE_TYPES.role, 'copy', {
      name: 'Agent-Ticket-Triager',
      assumeRolePolicy: '{}',
    });
    const role = find(stack, RESOURCE_TYPES.role);
    expect(await verdictsOf(agentUniqueIdentity, [...stack, copy], compliantConfig)).toEqual([
      mandatory(
        role.urn,
        `Agent "ticket-triager": IAM role name "agent-ticket-triager" is also declared by ${copy.urn}; ${FIX}`,
      ),
      mandatory(
        copy.urn,
        `Agent "agent-ticket-triager": IAM role name "agent-ticket-triager" is also declared by ${role.urn}; ${FIX}`,
      ),
    ]);
  });
});
