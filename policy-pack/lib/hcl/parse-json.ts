/**
 * JSON read as hcl v1 reads it (hashicorp/hcl, json/parser): strict JSON (what `JSON.parse`
 * accepts), but an object is a list of items, so a key given twice is kept twice, where
 * `JSON.parse` keeps only the last. One pass over the text, linear in its length.
 *
 * Then hcl's flattening (json/parser/flatten.go), which turns JSON into the shape of HCL blocks:
 * an item whose value is a non-empty object of objects becomes one item per inner key with the
 * keys joined (`"path": {"a": {…}}` reads as `path "a" {…}`), and an item whose value is a
 * non-empty list of objects becomes one item per object.
 */
import { HclSyntaxError, MAX_DEPTH, type HclItem, type HclParse, type HclValue } from './ast';

const ESCAPES: Partial<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

class JsonReader {
  private position = 0;

  constructor(private readonly text: string) {}

  private fail(message: string): never {
    throw new HclSyntaxError(message, this.position);
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.position;
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
    this.position = i;
  }

  document(): HclItem[] {
    this.skipSpace();
    if (this.text[this.position] !== '{') this.fail('the document is not an object');
    const root = this.value(0);
    this.skipSpace();
    if (this.position < this.text.length) this.fail('text follows the document');
    return root.kind === 'object' ? root.items : [];
  }

  private value(depth: number): HclValue {
    this.skipSpace();
    const text = this.text;
    const c = text[this.position];
    if (c === '{' || c === '[') {
      if (depth >= MAX_DEPTH) this.fail(`nests deeper than ${MAX_DEPTH} levels`);
      return c === '{' ? this.object(depth + 1) : this.list(depth + 1);
    }
    if (c === '"') return { kind: 'string', value: this.string() };
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, this.position)) {
        this.position += word.length;
        return { kind: word === 'null' ? 'null' : 'bool', text: word };
      }
    }
    NUMBER.lastIndex = this.position;
    const number = NUMBER.exec(text);
    if (!number) this.fail('expected a value');
    this.position += number[0].length;
    return { kind: 'number', text: number[0] };
  }

  private object(depth: number): HclValue {
    const items: HclItem[] = [];
    this.position++;
    this.skipSpace();
    if (this.text[this.position] === '}') {
      this.position++;
      return { kind: 'object', items };
    }
    for (;;) {
      this.skipSpace();
      const offset = this.position;
      if (this.text[offset] !== '"') this.fail('expected a key');
      const key = this.string();
      this.skipSpace();
      if (this.text[this.position] !== ':') this.fail('expected ":"');
      this.position++;
      items.push({ keys: [key], value: this.value(depth), offset });
      this.skipSpace();
      const next = this.text[this.position++];
      if (next === '}') return { kind: 'object', items };
      if (next !== ',') this.fail('expected "," or "}"');
    }
  }

  private list(depth: number): HclValue {
    const items: HclValue[] = [];
    this.position++;
    this.skipSpace();
    if (this.text[this.position] === ']') {
      this.position++;
      return { kind: 'list', items };
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const next = this.text[this.position++];
      if (next === ']') return { kind: 'list', items };
      if (next !== ',') this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const text = this.text;
    const parts: string[] = [];
    let i = this.position + 1;
    let runStart = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c < 0x20) this.fail('a string is not closed');
      if (c === 34) break;
      if (c !== 92) {
        i++;
        continue;
      }
      if (i > runStart) parts.push(text.slice(runStart, i));
      const simple = ESCAPES[text[i + 1]];
      if (simple !== undefined) {
        parts.push(simple);
        i += 2;
      } else if (text[i + 1] === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
        parts.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
        i += 6;
      } else this.fail('an escape is not valid');
      runStart = i;
    }
    parts.push(text.slice(runStart, i));
    this.position = i + 1;
    return parts.join('');
  }
}

/** hcl's flattening of one list of items, then of every value below them. */
function flatten(items: readonly HclItem[]): HclItem[] {
  const out: HclItem[] = [];
  const expand = (item: HclItem): void => {
    const { value } = item;
    if (
      value.kind === 'object' &&
      value.items.length > 0 &&
      value.items.every((inner) => inner.value.kind === 'object')
    ) {
      for (const inner of value.items) {
        expand({ keys: [...item.keys, ...inner.keys], value: inner.value, offset: inner.offset });
      }
    } else if (
      value.kind === 'list' &&
      value.items.length > 0 &&
      value.items.every((element) => element.kind === 'object')
    ) {
      for (const element of value.items) expand({ ...item, value: element });
    } else out.push(item);
  };
  items.forEach(expand);
  return out.map((item) => ({ ...item, value: flattenValue(item.value) }));
}

function flattenValue(value: HclValue): HclValue {
  if (value.kind === 'object') return { kind: 'object', items: flatten(value.items) };
  if (value.kind === 'list') return { kind: 'list', items: value.items.map(flattenValue) };
  return value;
}

/** Parses JSON text into flattened hcl items, keeping duplicate keys; never throws. */
export function parseHclJson(text: string): HclParse {
  try {
    return { ok: true, items: flatten(new JsonReader(text).document()) };
  } catch (err) {
    if (err instanceof HclSyntaxError) return { ok: false, error: err };
    throw err;
  }
}

function fromValue(value: unknown, depth: number): HclValue {
  if (depth > MAX_DEPTH) throw new HclSyntaxError(`nests deeper than ${MAX_DEPTH} levels`, 0);
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { kind: typeof value === 'number' ? 'number' : 'bool', text: String(value) };
  }
  if (Array.isArray(value)) {
    return { kind: 'list', items: value.map((element) => fromValue(element, depth + 1)) };
  }
  if (value && typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>).map(([key, inner]) => ({
      keys: [key],
      value: fromValue(inner, depth + 1),
      offset: 0,
    }));
    return { kind: 'object', items };
  }
  return { kind: 'null', text: 'null' };
}

/** The same items for a policy given as a parsed value (an object cannot repeat a key). */
export function hclItemsOfValue(value: Record<string, unknown>): HclParse {
  try {
    const root = fromValue(value, 0);
    return { ok: true, items: flatten(root.kind === 'object' ? root.items : []) };
  } catch (err) {
    if (err instanceof HclSyntaxError) return { ok: false, error: err };
    throw err;
  }
}
