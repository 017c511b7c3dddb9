import fc from 'fast-check';
import {
  DEFAULT_LIMITS,
  durationProblem,
  expiryProblem,
  formatPath,
  lenientLimits,
  ownerProblem,
  resolvedCredentials,
  tagValueProblem,
  validateAgentDeclaration,
} from '../../components/schema';
import { formatDuration } from '../../policy-pack/lib/conventions';

const NOW = new Date('2026-01-10T12:00:00Z');
const context = { limits: DEFAULT_LIMITS, now: NOW };

const valid = {
  name: 'triager',
  owner: 'team:support',
  purpose: 'Triages tickets',
  expiresOn: '2026-02-01',
  permissions: [{ actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:eu-west-1:1:q'] }],
};

describe('expiry', () => {
  test.each([
    ['2026-01-10', undefined],
    ['2026-04-10', undefined],
    [
      '2026-01-09',
      '"2026-01-09" is in the past, so the agent has expired; agree a new date with its owner or remove the agent',
    ],
    [
      '2026-04-11',
      '"2026-04-11" is 91 days away; the fleet allows at most 90 days, so use 2026-04-10 or earlier and renew it then',
    ],
    ['2026-02-30', '"2026-02-30" is not a date; write it as YYYY-MM-DD, e.g. "2026-02-09"'],
  ])('%s → %s', (value, message) => {
    expect(expiryProblem(value, 90, NOW)).toBe(message);
  });

  test('any day within the lifetime is accepted, any later day refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (days) => {
        const date = new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        expect(expiryProblem(date, 90, NOW) === undefined).toBe(days <= 90);
      }),
    );
  });
});

describe('durations', () => {
  const bounds = { min: 900, max: 3600, maxReason: "the fleet's maximum" };

  test('every well-formed duration is judged by its length alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), (seconds) => {
        const problem = durationProblem(formatDuration(seconds), bounds);
        expect(problem === undefined).toBe(seconds >= 900 && seconds <= 3600);
      }),
    );
  });

  test('arbitrary text that is not a duration is named as such', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^(\d+(d|h|m|s))+$/.test(s)),
        (text) => {
          expect(durationProblem(text, bounds)).toBe(
            `${JSON.stringify(text)} is not a duration; write it like "15m", "1h" or "1h30m"`,
          );
        },
      ),
    );
  });

  test('missing credentials take the fleet defaults', () => {
    expect(resolvedCredentials(undefined, DEFAULT_LIMITS)).toEqual({
      ttlSeconds: 900,
      maxTtlSeconds: 3600,
    });
    expect(resolvedCredentials({ maxTtl: '30m' }, DEFAULT_LIMITS)).toEqual({
      ttlSeconds: 900,
      maxTtlSeconds: 1800,
    });
  });

  test('malformed fleet limits fall back to the defaults so agents are still judged', () => {
    expect(
      lenientLimits({ credentials: { ttl: 'soon', maxTtl: '2h' }, maxLifetimeDays: -3 }),
    ).toEqual({
      ttlSeconds: 900,
      maxTtlSeconds: 7200,
      maxLifetimeDays: 90,
    });
  });
});

describe('owners and tag values', () => {
  test.each([
    ['jane@example.com', undefined],
    ['team:payments', undefined],
    [
      'Team:Payments',
      '"Team:Payments" is not an owner; use an e-mail address ("jane@example.com") or a team handle ("team:payments")',
    ],
    [
      'jane%x@example.com',
      '"jane%x@example.com" contains "%", which AWS tags do not allow; use letters, digits, spaces and _ . : / = + - @',
    ],
  ])('%s', (owner, message) => {
    expect(ownerProblem(owner)).toBe(message);
  });

  test('tag values are refused exactly when they hold a character AWS tags refuse', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const allowed = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value);
        expect(tagValueProblem(value) === undefined).toBe(allowed);
      }),
    );
  });
});

describe('validateAgentDeclaration', () => {
  test('a valid declaration parses', () => {
    const result = validateAgentDeclaration(valid, context);
    expect(result).toEqual({ ok: true, value: valid });
  });

  test('Output-free conditions and several statements are kept as written', () => {
    const declaration = {
      ...valid,
      permissions: [
        ...valid.permissions,
        {
          sid: 'List',
          actions: ['s3:ListBucket'],
          resources: ['arn:aws:s3:::b'],
          conditions: { StringLike: { 's3:prefix': ['r/*'] } },
        },
      ],
    };
    expect(validateAgentDeclaration(declaration, context)).toEqual({
      ok: true,
      value: declaration,
    });
  });

  test('problem lines name the field path, as the CLI and the pack print them', () => {
    const result = validateAgentDeclaration(
      { ...valid, permissions: [{ actions: ['s3:Get*'], resources: [''] }] },
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.problems).toEqual([
      'permissions[0].actions[0]: "s3:Get*" is a wildcard; list the exact actions, e.g. "s3:GetObject"',
      'permissions[0].resources[0]: "" is not a resource; use an ARN string or an Output of one, e.g. bucket.arn',
    ]);
  });

  test('formatPath writes paths as zod does', () => {
    expect(formatPath(['permissions', 0, 'actions', 1])).toBe('permissions[0].actions[1]');
    expect(formatPath(['tags', 'agent:owner'])).toBe('tags["agent:owner"]');
  });
});
