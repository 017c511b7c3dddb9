/** Property: no document, however malformed, makes the engine throw. */
import fc from 'fast-check';
import { judgeEffectivePermissions, judgePolicy } from '../../../policy-pack/engine';

const actionLike = fc.oneof(
  fc.constantFrom(
    '*',
    '*:*',
    's3:*',
    's3:Get*',
    'iam:PassRole',
    'S3:getobject',
    'ec2:RunInstances',
    'x:y',
    ':',
    '?',
  ),
  fc.string(),
);
const resourceLike = fc.oneof(
  fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:iam::1:role/*', 'arn:', 'arn:aws:s3:::*/*'),
  fc.string(),
);
const listOr = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof(arb, fc.array(arb, { maxLength: 4 }), fc.anything());
const statement = fc.record(
  {
    Sid: fc.oneof(fc.string(), fc.anything()),
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny', 'allow'), fc.anything()),
    Action: listOr(actionLike),
    NotAction: listOr(actionLike),
    Resource: listOr(resourceLike),
    NotResource: listOr(resourceLike),
    Condition: fc.oneof(
      fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.anything())),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);
const document = fc.oneof(
  fc.record(
    {
      Version: fc.oneof(fc.constant('2012-10-17'), fc.anything()),
      Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 }), fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
  fc.string(),
);

describe('the engine never throws', () => {
  test('judgePolicy returns a verdict for any input', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const verdict = judgePolicy(doc);
        expect(typeof verdict.overPermissioned).toBe('boolean');
        expect(verdict.overPermissioned).toBe(verdict.findings.length > 0);
        expect(verdict.problems.every((p) => !/could not judge/.test(p.message))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('judgeEffectivePermissions returns a verdict for any role', () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 3 }), fc.option(document), (docs, boundary) => {
        const verdict = judgeEffectivePermissions({
          policies: docs.map((d, i) => ({ source: `inline:p${i}`, document: d })),
          ...(boundary !== null ? { boundary: { source: 'boundary', document: boundary } } : {}),
        });
        expect(verdict.overPermissioned).toBe(verdict.findings.length > 0);
        expect(verdict.problems.every((p) => !/could not judge/.test(p.message))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test('a malformed role argument is a problem, not an exception', () => {
    const verdict = judgeEffectivePermissions(null as never);
    expect(verdict.overPermissioned).toBe(false);
    expect(verdict.problems).toEqual([
      {
        field: 'policies',
        value: undefined,
        severity: 'error',
        message: 'policies must be an array of { source, document }',
      },
    ]);
  });
});
