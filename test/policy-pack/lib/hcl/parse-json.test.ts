import { hclItemsOfValue, parseHclJson } from '../../../../policy-pack/lib/hcl/parse-json';

const str = (value: string) => ({ kind: 'string', value });

describe('parseHclJson', () => {
  test('keeps a key given twice, where JSON.parse keeps the last', () => {
    const parsed = parseHclJson('{"a": "1", "a": "2"}');
    expect(parsed).toEqual({
      ok: true,
      items: [
        { keys: ['a'], value: str('1'), offset: 1 },
        { keys: ['a'], value: str('2'), offset: 11 },
      ],
    });
  });

  test('flattens objects of objects and lists of objects as hcl does', () => {
    const parsed = parseHclJson(
      '{"path": {"a": {"capabilities": ["read"]}, "b": {}}, "list": [{"x": {"y": "1"}}, {"z": "2"}]}',
    );
    expect(parsed.ok && parsed.items.map((i) => [i.keys, i.value.kind])).toEqual([
      [['path', 'a'], 'object'],
      [['path', 'b'], 'object'],
      [['list', 'x'], 'object'],
      [['list'], 'object'],
    ]);
  });

  test('does not flatten an object holding anything but objects', () => {
    const parsed = parseHclJson('{"path": {"a": {"capabilities": ["read"]}, "b": "x"}}');
    expect(parsed.ok && parsed.items.map((i) => i.keys)).toEqual([['path']]);
  });

  test.each(['{"a": }', '{"a": 1,}', '{"a": "\\x"}', '{"a": 01}', '{"a": 1} x', '{"a" 1}'])(
    '%s is not JSON, as for JSON.parse',
    (text) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(parseHclJson(text).ok).toBe(false);
    },
  );

  test('reads a parsed value the same way', () => {
    const items = hclItemsOfValue({ path: { a: { capabilities: ['read'] } } });
    expect(items.ok && items.items.map((i) => i.keys)).toEqual([['path', 'a']]);
  });
});
