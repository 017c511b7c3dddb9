import { ownerProblem } from '../../../../policy-pack/lib/identity/owner';

const HINT = 'use an e-mail address ("jane@example.com") or a team handle ("team:payments")';
const registry = { emailDomains: ['Example.com'], teams: ['support'] };

describe('the owner rule', () => {
  test.each([
    { case: 'an e-mail address', value: 'jane@example.com', problem: undefined },
    { case: 'a team handle', value: 'team:support', problem: undefined },
    {
      case: 'a name',
      value: 'nobody',
      problem: { kind: 'malformed', message: `is not an owner; ${HINT}` },
    },
    {
      case: 'not text',
      value: 42,
      problem: { kind: 'malformed', message: `is not an owner; ${HINT}` },
    },
  ])('without a registry, $case', ({ value, problem }) => {
    expect(ownerProblem(value)).toEqual(problem);
  });

  test.each([
    { case: 'a registered domain, in any case', value: 'jane@EXAMPLE.com', problem: undefined },
    { case: 'a registered team', value: 'team:support', problem: undefined },
    {
      case: 'another domain',
      value: 'jane@other.org',
      problem: {
        kind: 'unregistered',
        message:
          'whose domain "other.org" is not in the owner registry (example.com); use an address at a registered domain or add "other.org" to owners.emailDomains in the policy-pack config',
      },
    },
    {
      case: 'another team',
      value: 'team:finance',
      problem: {
        kind: 'unregistered',
        message:
          'whose team "finance" is not in the owner registry (support); use a registered team or add "finance" to owners.teams in the policy-pack config',
      },
    },
  ])('with a registry, $case', ({ value, problem }) => {
    expect(ownerProblem(value, registry)).toEqual(problem);
  });
});
