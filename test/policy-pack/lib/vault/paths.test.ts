import { isSelfService, vaultPathReaches } from '../../../../policy-pack/lib/vault/paths';

describe('vaultPathReaches matches ACL paths as Vault does', () => {
  test.each<{ rule: string; target: string; area: boolean; reaches: boolean }>([
    { rule: 'aws/sts/a', target: 'aws/sts/a', area: false, reaches: true },
    { rule: '/aws/sts/a', target: 'aws/sts/a', area: false, reaches: true },
    { rule: 'aws/sts/ab', target: 'aws/sts/a', area: false, reaches: false },
    { rule: 'aws/sts/a*', target: 'aws/sts/a', area: false, reaches: true },
    { rule: 'aws/sts/*', target: 'aws/sts/a', area: false, reaches: true },
    { rule: 'aws/*', target: 'aws/sts/a', area: false, reaches: true },
    { rule: '*', target: 'aws/sts/a', area: false, reaches: true },
    { rule: 'aws/+/a', target: 'aws/sts/a', area: false, reaches: true },
    { rule: '+/+/+', target: 'aws/sts/a', area: false, reaches: true },
    { rule: '+/+', target: 'aws/sts/a', area: false, reaches: false },
    { rule: 'aws/s*s/a', target: 'aws/sts/a', area: false, reaches: false },
    { rule: 'aws/sts/{{identity.entity.name}}', target: 'aws/sts/a', area: false, reaches: true },
    { rule: 'sys/*', target: 'sys/', area: true, reaches: true },
    { rule: 'sys/', target: 'sys/', area: true, reaches: true },
    { rule: 'sys', target: 'sys/', area: true, reaches: false },
    { rule: 's*', target: 'sys/', area: true, reaches: true },
    { rule: '+/policy', target: 'sys/', area: true, reaches: true },
    { rule: 'sys/policy/ops', target: 'sys/', area: true, reaches: true },
    { rule: 'secret/sys/x', target: 'sys/', area: true, reaches: false },
  ])('"$rule" on "$target" (area $area): $reaches', ({ rule, target, area, reaches }) => {
    expect(vaultPathReaches(rule, target, area)).toBe(reaches);
  });

  test.each<{ path: string; capabilities: string[]; self: boolean }>([
    { path: 'auth/token/lookup-self', capabilities: ['read'], self: true },
    { path: '/auth/token/renew-self', capabilities: ['update'], self: true },
    { path: 'auth/token/lookup-self', capabilities: ['read', 'sudo'], self: false },
    { path: 'auth/token/lookup', capabilities: ['update'], self: false },
    { path: 'cubbyhole/*', capabilities: ['create', 'read'], self: true },
  ])('isSelfService "$path" $capabilities: $self', ({ path, capabilities, self }) => {
    expect(isSelfService({ path, capabilities })).toBe(self);
  });
});
