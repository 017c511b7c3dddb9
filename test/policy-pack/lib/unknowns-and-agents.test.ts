import type { PolicyResource } from '@pulumi/policy';
import { UnknownValueError, unknownCheckingProxy } from '../../../offline';
import {
  discoverAgents,
  parseRoleArn,
  roleMatchesArn,
  rolesMatchingArn,
} from '../../../policy-pack/lib/agents';
import { PackConfigSchema } from '../../../policy-pack/lib/config';
import { isUnknownValueError, readKnown, readPlain } from '../../../policy-pack/lib/unknowns';
import { UNKNOWN, VAULT_PRINCIPAL_ARN } from '../../support/harness';

const proxied = (props: Record<string, unknown>) => unknownCheckingProxy(props);

describe('readKnown / readPlain', () => {
  test('returns the value, or the path of the first unknown', () => {
    const props = proxied({ tags: { a: 'x', b: UNKNOWN } });
    expect(readKnown(() => (props.tags as Record<string, string>).a)).toEqual({
      known: true,
      value: 'x',
    });
    expect(readKnown(() => (props.tags as Record<string, string>).b)).toEqual({
      known: false,
      path: 'tags.b',
    });
    expect(readPlain(() => props.tags)).toEqual({ known: false, path: 'tags.b' });
  });

  test('other errors propagate', () => {
    expect(() =>
      readKnown(() => {
        throw new TypeError('boom');
      }),
    ).toThrow('boom');
  });

  test('recognises UnknownValueError from another copy of @pulumi/policy by shape', () => {
    class UnknownValueErrorCopy extends Error {
      constructor(
        readonly unknownTypeSentinel: string,
        readonly props: string[],
      ) {
        super('x');
      }
    }
    expect(isUnknownValueError(new UnknownValueError(UNKNOWN, ['a']))).toBe(true);
    expect(isUnknownValueError(new UnknownValueErrorCopy(UNKNOWN, ['a']))).toBe(true);
    expect(isUnknownValueError(new Error('plain'))).toBe(false);
  });
});

describe('discoverAgents', () => {
  const config = PackConfigSchema.parse({ vaultPrincipalArns: [VAULT_PRINCIPAL_ARN] });
  const res = (type: string, name: string, props: Record<string, unknown>): PolicyResource =>
    ({
      type,
      name,
      urn: `urn:pulumi:dev::p::${type}::${name}`,
      props: proxied(props),
    }) as unknown as PolicyResource;
  const trustVault = JSON.stringify({
    Statement: [
      { Effect: 'Allow', Principal: { AWS: VAULT_PRINCIPAL_ARN }, Action: 'sts:AssumeRole' },
    ],
  });

  test('counts tag, Vault targeting (by name and path when the ARN is unknown) and trust', () => {
    const agents = discoverAgents(
      [
        res('aws:iam/role:Role', 'tagged', { name: 'a', tags: { 'agent:name': 'alpha' } }),
        res('aws:iam/role:Role', 'targeted', {
          name: 'agent-b',
          path: '/agents/',
          arn: UNKNOWN,
          tags: UNKNOWN,
        }),
        res('aws:iam/role:Role', 'trusting', { name: 'c', assumeRolePolicy: trustVault }),
        res('aws:iam/role:Role', 'other', { name: 'd' }),
        res('vault:aws/secretBackendRole:SecretBackendRole', 'v', {
          roleArns: ['arn:aws:iam::123456789012:role/agents/agent-b'],
        }),
      ],
      config,
    );
    expect(agents.map((a) => [a.agentName, a.roleName, a.reasons])).toEqual([
      ['alpha', 'a', ['tag']],
      ['agent-b', 'agent-b', ['vault-role']],
      ['c', 'c', ['trust']],
    ]);
  });

  test('rolesMatchingArn finds exactly the roles roleMatchesArn accepts, in stack order', () => {
    const A = 'arn:aws:iam::123456789012:role/agents/a';
    const roles = [
      res('aws:iam/role:Role', 'known-arn', { name: 'a', path: '/agents/', arn: A }),
      res('aws:iam/role:Role', 'other-arn', { name: 'a', path: '/agents/', arn: `${A}-old` }),
      res('aws:iam/role:Role', 'by-name', { name: 'a', path: '/agents/', arn: UNKNOWN }),
      res('aws:iam/role:Role', 'root-path', { name: 'a', arn: UNKNOWN }),
      res('aws:iam/role:Role', 'unknown-name', { name: UNKNOWN, path: '/agents/', arn: UNKNOWN }),
      res('aws:iam/role:Role', 'unknown-path', { name: 'a', path: UNKNOWN }),
      res('vault:aws/secretBackendRole:SecretBackendRole', 'not-a-role', { name: 'a' }),
    ];
    const arns = [A, `${A}-old`, 'arn:aws:iam::123456789012:role/a', 'arn:aws:iam::1:user/a', 'a'];
    const names = (list: PolicyResource[]) => list.map((r) => r.name);
    expect(arns.map((arn) => names(rolesMatchingArn(roles, arn)))).toEqual([
      ['known-arn', 'by-name'],
      ['other-arn'],
      ['root-path'],
      [],
      [],
    ]);
    for (const arn of arns) {
      expect(names(rolesMatchingArn(roles, arn))).toEqual(
        names(roles.filter((r) => r.type === 'aws:iam/role:Role' && roleMatchesArn(r, arn))),
      );
    }
  });

  test('parseRoleArn splits path and name', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/agents/agent-x')).toEqual({
      partition: 'aws',
      accountId: '123456789012',
      path: '/agents/',
      name: 'agent-x',
    });
    expect(parseRoleArn('arn:aws:iam::123456789012:role/x')?.path).toBe('/');
    expect(parseRoleArn('arn:aws:iam::123456789012:user/x')).toBeUndefined();
  });
});
