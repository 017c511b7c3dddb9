import { parseVaultPolicy } from '../../../policy-pack/lib/vault-policy';

describe('parseVaultPolicy', () => {
  test.each([
    {
      case: 'HCL with comments and nested attributes',
      text: '# own\npath "aws/sts/x" {\n  capabilities = ["read", "update"] // why\n  allowed_parameters = { "ttl" = [] }\n}\n',
      expected: { ok: true, rules: [{ path: 'aws/sts/x', capabilities: ['read', 'update'] }] },
    },
    {
      case: 'JSON',
      text: '{"path":{"sys/*":{"capabilities":["Sudo"]}}}',
      expected: { ok: true, rules: [{ path: 'sys/*', capabilities: ['sudo'] }] },
    },
    {
      case: 'text outside path blocks',
      text: 'path "a" { capabilities = ["read"] } garbage',
      expected: { ok: false, problem: 'has text outside path blocks: "garbage"' },
    },
    {
      case: 'an unclosed block',
      text: 'path "a" { capabilities = ["read"]',
      expected: { ok: false, problem: 'the block of path "a" is not closed' },
    },
    {
      case: 'invalid JSON',
      text: '{"path": ',
      expected: { ok: false, problem: 'is not valid JSON' },
    },
  ])('$case', ({ text, expected }) => {
    expect(parseVaultPolicy(text)).toEqual(expected);
  });
});
