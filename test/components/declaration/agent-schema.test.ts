import { validateAgentDeclaration } from '../../../components/declaration/agent-schema';
import { formatPath } from '../../../components/declaration/errors';
import { DEFAULT_LIMITS } from '../../../components/declaration/limits';

const NOW = new Date('2026-01-10T12:00:00Z');
const context = { limits: DEFAULT_LIMITS, now: NOW };

const valid = {
  name: 'triager',
  owner: 'team:support',
  purpose: 'Triages tickets',
  expiresOn: '2026-02-01',
  permissions: [{ actions: ['sqs:ReceiveMessage'], resources: ['arn:aws:sqs:eu-west-1:1:q'] }],
};

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
