import { parseHcl } from '../../../../policy-pack/lib/hcl/parse-hcl';

const str = (value: string) => ({ kind: 'string', value });
const valueOf = (text: string) => {
  const parsed = parseHcl(text);
  if (!parsed.ok) throw parsed.error;
  return parsed.items[0].value;
};

describe('parseHcl', () => {
  test('a block is one item with all its keys, quoted or not', () => {
    const parsed = parseHcl('path "a" "b" { x = 1 }\n"quoted" = true');
    expect(parsed.ok && parsed.items.map((i) => [i.keys, i.offset])).toEqual([
      [['path', 'a', 'b'], 0],
      [['quoted'], 23],
    ]);
  });

  test.each([
    { text: 'x = "a\\tb\\"c\\\\\\u00e9\\101"', value: 'a\tb"c\\éA' },
    { text: 'x = "${a("b")}\\t"', value: '${a("b")}\t' },
    { text: 'x = <<EOT\none\n  two\nEOT\n', value: 'one\n  two\n' },
    { text: 'x = <<-EOT\n    one\n      two\n    EOT', value: 'one\n  two\n' },
    { text: 'x = <<-EOT\n  one\n two\n  EOT\n', value: '  one\n two\n' },
  ])('the string value of $text', ({ text, value }) => {
    expect(valueOf(text)).toEqual(str(value));
  });

  test('lists and objects, with trailing commas', () => {
    expect(valueOf('x = ["a", 1, { y = "b" },]')).toEqual({
      kind: 'list',
      items: [
        str('a'),
        { kind: 'number', text: '1' },
        { kind: 'object', items: [{ keys: ['y'], value: str('b'), offset: 15 }] },
      ],
    });
  });

  test.each([
    { text: 'a b = 1', message: 'expected "{", found "="' },
    { text: 'x = "a\nb"', message: 'a quoted string is not closed' },
    { text: 'x = "\\q"', message: 'an escape is not valid' },
    { text: 'x = <<EOT\nno end', message: 'the heredoc EOT is not closed' },
    { text: 'x / y', message: "expected '/' for comment" },
    { text: 'x = [1 2]', message: 'expected a list element, "," or "]", found "2"' },
  ])('$text is refused: $message', ({ text, message }) => {
    const parsed = parseHcl(text);
    expect(parsed.ok ? undefined : parsed.error.message).toBe(message);
  });
});
