/** What a generic Vault write declares, by its path, the stack's AWS mounts and its data. */
import { classifyGenericWrite } from '../../../../policy-pack/lib/vault/generic-writes';

const MOUNTS = new Set(['aws-agents', 'team/aws']);

describe('classifyGenericWrite', () => {
  test.each<{ path: string; data?: Record<string, unknown> | 'unknown'; expected: unknown }>([
    { path: 'sys/policy/ops', expected: { kind: 'policy', name: 'ops' } },
    { path: 'sys/policies/acl/default', expected: { kind: 'policy', name: 'default' } },
    { path: 'sys/policies/password/p', expected: { kind: 'admin' } },
    { path: 'sys/mounts/aws2', expected: { kind: 'admin' } },
    { path: 'auth/jwt/role/ci', expected: { kind: 'token-source' } },
    { path: 'identity/entity/name/x', expected: { kind: 'token-source' } },
    {
      path: 'aws-agents/roles/x',
      expected: { kind: 'aws-engine', mount: 'aws-agents', typed: 'vault.aws.SecretBackendRole' },
    },
    {
      path: 'team/aws/config/root',
      expected: { kind: 'aws-engine', mount: 'team/aws', typed: 'vault.aws.SecretBackend' },
    },
    {
      path: 'legacy/static-roles/x',
      data: { username: 'u', credential_type: 'iam_user' },
      expected: {
        kind: 'aws-engine',
        mount: 'legacy',
        typed: 'vault.aws.SecretBackendStaticRole',
      },
    },
    {
      path: 'legacy/roles/x',
      data: 'unknown',
      expected: { kind: 'unknown-data', mount: 'legacy' },
    },
    { path: 'secret/roles/x', data: { owner: 'ops' }, expected: { kind: 'other' } },
    { path: 'secret/data/app', data: 'unknown', expected: { kind: 'other' } },
  ])('$path is $expected.kind', ({ path, data, expected }) => {
    expect(classifyGenericWrite(path, MOUNTS, data)).toEqual(expected);
  });
});
