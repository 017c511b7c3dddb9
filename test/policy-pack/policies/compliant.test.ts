import type { StackValidationPolicy } from '@pulumi/policy';
import { agentExpiryRequired } from '../../../policy-pack/policies/expiry-required';
import { agentMaxSessionDuration } from '../../../policy-pack/policies/max-session-duration';
import { agentNoStaticCredentials } from '../../../policy-pack/policies/no-static-credentials';
import { agentOwnerRequired } from '../../../policy-pack/policies/owner-required';
import { agentPermissionsBoundaryRequired } from '../../../policy-pack/policies/permissions-boundary-required';
import { agentTrustRestricted } from '../../../policy-pack/policies/trust-restricted';
import { agentVaultBinding } from '../../../policy-pack/policies/vault-binding';
import { agentVaultCredentialTtl } from '../../../policy-pack/policies/vault-credential-ttl';
import {
  compliantAgent,
  compliantStack,
  runStackPolicy,
  useFixtureClock,
  verdicts,
} from '../harness';

const identityPolicies: StackValidationPolicy[] = [
  agentOwnerRequired,
  agentExpiryRequired,
  agentPermissionsBoundaryRequired,
  agentTrustRestricted,
  agentMaxSessionDuration,
  agentNoStaticCredentials,
  agentVaultCredentialTtl,
  agentVaultBinding,
];

beforeEach(() => useFixtureClock());
afterEach(() => jest.useRealTimers());

describe.each(identityPolicies.map((p) => [p.name, p] as const))('%s', (_name, policy) => {
  test('a compliant agent yields no diagnostics', async () => {
    expect(verdicts(await runStackPolicy(policy, compliantAgent()))).toEqual([]);
  });

  test('a compliant fleet of three agents yields no diagnostics', async () => {
    expect(
      verdicts(
        await runStackPolicy(
          policy,
          compliantStack('ticket-triager', 'calendar-scheduler', 'report-reader'),
        ),
      ),
    ).toEqual([]);
  });
});
