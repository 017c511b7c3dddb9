/**
 * The HCL v1 parser (hashicorp/hcl, hcl/parser/parser.go): a file is a list of items; an item is
 * one or more keys (identifiers or quoted strings) then `= value`, or keys then `{ … }`; items may
 * be separated by commas. Values are strings, heredocs, numbers, booleans, lists (comma
 * separated, a trailing comma allowed) and objects. Quoted keys are keys like any other, so
 * `"capabilities" = ["read"]` is the attribute `capabilities`.
 */
import { HclSyntaxError, MAX_DEPTH, type HclItem, type HclParse, type HclValue } from './ast';
import { HclScanner, type HclToken } from './scanner';

function describe(token: HclToken): string {
  switch (token.type) {
    case 'eof':
      return 'the end of the text';
    case 'ident':
    case 'bool':
    case 'number':
      return JSON.stringify(token.text);
    case 'string':
      return 'a quoted string';
    case 'heredoc':
      return 'a heredoc';
    default:
      return `"${token.type}"`;
  }
}

class Parser {
  private readonly scanner: HclScanner;
  private lookahead: HclToken | undefined;
  /** The keys of the top-level item being read, to name a block left open. */
  private open: readonly string[] | undefined;

  constructor(text: string) {
    this.scanner = new HclScanner(text);
  }

  private peek(): HclToken {
    this.lookahead ??= this.scanner.next();
    return this.lookahead;
  }

  private advance(): HclToken {
    const token = this.peek();
    this.lookahead = undefined;
    return token;
  }

  private fail(message: string, token: HclToken): never {
    if (token.type === 'eof') throw new HclSyntaxError(message, token.offset, this.open);
    throw new HclSyntaxError(message, token.offset);
  }

  file(): HclItem[] {
    return this.items(false, 0);
  }

  /** The next token; at the top level, text no token starts with is text outside the items. */
  private peekBetween(topLevel: boolean): HclToken {
    try {
      return this.peek();
    } catch (err) {
      if (topLevel && err instanceof HclSyntaxError) {
        throw new HclSyntaxError(err.message, err.offset, undefined, true);
      }
      throw err;
    }
  }

  private items(inBraces: boolean, depth: number): HclItem[] {
    const items: HclItem[] = [];
    for (;;) {
      const token = this.peekBetween(!inBraces);
      if (token.type === 'eof') {
        if (inBraces) this.fail('a block is not closed', token);
        return items;
      }
      if (inBraces && token.type === '}') return items;
      items.push(this.item(depth, !inBraces));
      if (this.peekBetween(!inBraces).type === ',') this.advance();
    }
  }

  private item(depth: number, topLevel: boolean): HclItem {
    const offset = this.peek().offset;
    const keys: string[] = [];
    let token: HclToken;
    try {
      for (;;) {
        token = this.peek();
        if (token.type === 'ident') keys.push(token.text);
        else if (token.type === 'string') keys.push(token.value);
        else break;
        this.advance();
      }
      if (token.type === '=' ? keys.length !== 1 : token.type !== '{' || keys.length === 0) {
        const expected = keys.length === 0 ? 'a key' : keys.length === 1 ? '"=" or "{"' : '"{"';
        this.fail(`expected ${expected}, found ${describe(token)}`, token);
      }
    } catch (err) {
      // At the top level, text that does not start an item is text outside the blocks.
      if (topLevel && err instanceof HclSyntaxError) {
        throw new HclSyntaxError(err.message, offset, undefined, true);
      }
      throw err;
    }
    if (topLevel) this.open = keys;
    this.advance();
    const value = token.type === '=' ? this.value(depth) : this.object(depth);
    return { keys, value, offset };
  }

  private object(depth: number): HclValue {
    if (depth >= MAX_DEPTH) this.fail(`nests deeper than ${MAX_DEPTH} levels`, this.peek());
    const items = this.items(true, depth + 1);
    this.advance();
    return { kind: 'object', items };
  }

  private value(depth: number): HclValue {
    const token = this.advance();
    switch (token.type) {
      case 'string':
      case 'heredoc':
        return { kind: 'string', value: token.value };
      case 'number':
      case 'bool':
        return { kind: token.type, text: token.text };
      case '{':
        return this.object(depth);
      case '[':
        return this.list(depth);
      default:
        return this.fail(`expected a value, found ${describe(token)}`, token);
    }
  }

  private list(depth: number): HclValue {
    if (depth >= MAX_DEPTH) this.fail(`nests deeper than ${MAX_DEPTH} levels`, this.peek());
    const items: HclValue[] = [];
    let needComma = false;
    for (;;) {
      const token = this.peek();
      if (token.type === ']') {
        this.advance();
        return { kind: 'list', items };
      }
      if (token.type === ',' && needComma) {
        this.advance();
        needComma = false;
        continue;
      }
      if (token.type === 'eof') this.fail('a list is not closed', token);
      if (needComma || token.type === ',' || token.type === '=' || token.type === '}') {
        this.fail(`expected a list element, "," or "]", found ${describe(token)}`, token);
      }
      if (token.type === 'ident') this.fail(`expected a value, found ${describe(token)}`, token);
      items.push(this.value(depth + 1));
      needComma = true;
    }
  }
}

/** Parses HCL v1 text into its items; never throws. */
export function parseHcl(text: string): HclParse {
  try {
    return { ok: true, items: new Parser(text).file() };
  } catch (err) {
    if (err instanceof HclSyntaxError) return { ok: false, error: err };
    throw err;
  }
}
