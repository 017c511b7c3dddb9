/** Gathering the documents that grant an agent's role permissions, and what could not be seen. */
import { BOUNDARY_ARN, UNKNOWN } from '../../../support/harness';
import {
  ADMIN_ARN,
  ROLE_NAME,
  agentStack,
  plus,
  rawVaultTargetedRole,
  rolePolicyAttachment,
  rolePolicyOf,
  withRole,
} from '../../policies/permission-fixtures';
import { COMPLIANT_DOCUMENT, EXTRA, gatherAgent, sources } from './gather-in-stack';

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

  test('a document unknown at preview is unverifiable until update, the others still gathered', async () => {
    const resources = plus(rolePolicyAttachment('admin', ADMIN_ARN));
    rolePolicyOf(resources).props.policy = UNKNOWN;
    const gathered = await gatherAgent(resources);
    expect(sources(gathered)).toEqual([ADMIN_ARN]);
    expect(gathered.unverifiable).toContainEqual({
      origin: { resource: 'aws:iam/rolePolicy:RolePolicy "ticket-triager-policy"', sources: [] },
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
