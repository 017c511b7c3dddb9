import { readVaultDuration } from '../../../../policy-pack/lib/vault/durations';

describe('readVaultDuration reads a TTL as Vault does', () => {
  test.each<{ case: string; value: unknown; seconds: number | undefined }>([
    { case: 'a number is seconds', value: 900, seconds: 900 },
    { case: 'digits are seconds', value: '3600', seconds: 3600 },
    { case: 'a Go duration', value: '1h', seconds: 3600 },
    { case: 'a compound Go duration', value: '1h30m', seconds: 5400 },
    { case: 'a fractional Go duration', value: '1.5h', seconds: 5400 },
    { case: 'milliseconds round up to a second', value: '1500ms', seconds: 2 },
    { case: 'whole days', value: '7d', seconds: 604_800 },
    { case: 'zero', value: 0, seconds: 0 },
    { case: 'absent is unset', value: undefined, seconds: undefined },
    { case: 'an empty string is unset', value: '', seconds: undefined },
  ])('$case', ({ value, seconds }) => {
    expect(readVaultDuration(value)).toEqual({ ok: true, seconds });
  });

  test.each<{ case: string; value: unknown; problem: string }>([
    {
      case: 'a negative number',
      value: -1,
      problem: '-1 is negative, which Vault refuses or reads as unset',
    },
    {
      case: 'a negative Go duration',
      value: '-1h',
      problem: '"-1h" is negative, which Vault refuses or reads as unset',
    },
    {
      case: 'a unit Vault does not read',
      value: '1w',
      problem: '"1w" is not a duration Vault reads (seconds, or a duration such as "15m")',
    },
    {
      case: 'a boolean',
      value: true,
      problem: 'true is not a duration Vault reads (seconds, or a duration such as "15m")',
    },
    {
      case: 'not finite',
      value: Infinity,
      problem: 'null is not a duration Vault reads (seconds, or a duration such as "15m")',
    },
  ])('$case is a problem, never a default', ({ value, problem }) => {
    expect(readVaultDuration(value)).toEqual({ ok: false, problem });
  });
});
