/**
 * A key written twice in one JSON object: `JSON.parse` keeps the last, and nothing says IAM does,
 * so the narrow value could be judged while AWS reads the wide one. Refused wherever the pack reads
 * a document as text: the engine (lint), the permission documents and the trust policy.
 */
import { duplicateKeyProblem, duplicateKeys } from '../../../policy-pack/engine/duplicate-keys';
import { parseDocument } from '../../../policy-pack/engine/document';
import { parseTrustPolicy } from '../../../policy-pack/lib/trust';

describe('duplicateKeys', () => {
  test.each([
    {
      case: 'a wide Action hidden under a narrow one',
      text: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Action":"s3:GetObject"}]}',
      found: [{ key: 'Action', at: 'Statement[0]' }],
    },
    {
      case: 'the repeat written with an escape',
      text: '{"Statement":[{"Action":"*","\\u0041ction":"s3:GetObject"}]}',
      found: [{ key: 'Action', at: 'Statement[0]' }],
    },
    {
      case: 'a repeated Principal in a later statement',
      text: '{"Statement":[{"Sid":"a"},{"Principal":{"AWS":"*"},"Principal":{"AWS":"x"}}]}',
      found: [{ key: 'Principal', at: 'Statement[1]' }],
    },
    {
      case: 'a repeated condition key, nested',
      text: '{"Statement":[{"Condition":{"StringEquals":{"k":"a","k":"b"}}}]}',
      found: [{ key: 'k', at: 'Statement[0].Condition.StringEquals' }],
    },
    {
      case: 'the same key in two objects (not a repeat)',
      text: '{"a":{"k":1},"b":{"k":2},"c":[{"k":1},{"k":2}]}',
      found: [],
    },
    {
      case: 'quotes, commas and braces inside strings',
      text: '{"a":"x\\",{\\"a\\":1,","b":["[,{", "}"]}',
      found: [],
    },
  ])('$case', ({ text, found }) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(duplicateKeys(text)).toEqual(found);
  });

  test('the message names each key and where, once', () => {
    expect(duplicateKeyProblem('{"Statement":[{"Action":"*","Action":"a","Action":"b"}]}')).toBe(
      'repeats a key in one object ("Action" in Statement[0]); JSON readers disagree on which value counts (JavaScript keeps the last), so write each key once',
    );
  });

  test('linear: 100 KB of keys in one object is scanned in well under a second', () => {
    const text = `{${Array.from({ length: 10_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const started = Date.now();
    expect(duplicateKeys(text)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

const HIDDEN_WILDCARD =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}';

test('the engine refuses a document with a repeated key as an error', () => {
  const parsed = parseDocument(HIDDEN_WILDCARD);
  expect(parsed.statements).toEqual([]);
  expect(parsed.problems.map((p) => `${p.severity}: ${p.message}`)).toEqual([
    'error: the document repeats a key in one object ("Action" in Statement[0], "Resource" in Statement[0]); JSON readers disagree on which value counts (JavaScript keeps the last), so write each key once',
  ]);
});

test('a trust policy with a repeated Principal is not read as either', () => {
  const trust =
    '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Principal":{"AWS":"arn:aws:iam::123456789012:role/vault"},"Action":"sts:AssumeRole"}]}';
  expect(parseTrustPolicy(trust)).toEqual({
    ok: false,
    problem:
      'repeats a key in one object ("Principal" in Statement[0]); JSON readers disagree on which value counts (JavaScript keeps the last), so write each key once',
  });
});
