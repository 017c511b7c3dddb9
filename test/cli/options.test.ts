import { parseCommandLine } from '../../cli/options';

const SPEC = { json: 'flag', now: 'value' } as const;

describe('parseCommandLine', () => {
  test('splits positionals, flags and values given either way', () => {
    expect(parseCommandLine(['a.json', '--json', '--now', '2026-01-01', '-'], SPEC)).toEqual({
      positionals: ['a.json', '-'],
      options: { json: true, now: '2026-01-01' },
      help: false,
    });
    expect(parseCommandLine(['--now=2026-01-02'], SPEC)).toEqual({
      positionals: [],
      options: { now: '2026-01-02' },
      help: false,
    });
  });

  test.each([
    { case: 'an unknown option', args: ['--jsn'], error: 'unknown option "--jsn"' },
    { case: 'an unknown option with a value', args: ['--x=1'], error: 'unknown option "--x=1"' },
    { case: 'an unknown short option', args: ['-j'], error: 'unknown option "-j"' },
    { case: 'a flag given a value', args: ['--json=yes'], error: 'unknown option "--json=yes"' },
    { case: 'the option terminator', args: ['--', 'a'], error: 'unknown option "--"' },
    { case: 'a missing value', args: ['--now'], error: '--now needs a value' },
    { case: 'an empty value', args: ['--now='], error: '--now needs a value' },
  ])('$case is refused: $error', ({ args, error }) => {
    expect(parseCommandLine(args, SPEC)).toEqual({ error });
  });

  test.each([['-h'], ['--help'], ['x', '--help', '--bogus']])('%s asks for help', (...args) => {
    expect(parseCommandLine(args, SPEC)).toMatchObject({ help: true });
  });

  test('the first mistake wins over a later --help', () => {
    expect(parseCommandLine(['--bogus', '--help'], SPEC)).toEqual({
      error: 'unknown option "--bogus"',
    });
  });
});
