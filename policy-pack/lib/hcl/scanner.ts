/**
 * The HCL v1 scanner (hashicorp/hcl, hcl/scanner/scanner.go), in one linear pass: each character
 * is read a bounded number of times, so a 200 KB policy of escaped quotes scans in milliseconds.
 * Tokens: identifiers (letters, digits, `_`, `-`, `.`), `true`/`false`, numbers, quoted strings
 * (escapes decoded as hcl/strconv does, `${…}` kept as written and free to hold quotes),
 * heredocs (`<<EOF` and the indented `<<-EOF`), and `{ } [ ] , =`. Comments (`#`, `//`,
 * `/* … *\/`) and whitespace (space, tab, CR, LF) separate tokens.
 */
import { HclSyntaxError } from './ast';

export type HclToken =
  | { type: 'ident' | 'bool' | 'number'; text: string; offset: number }
  | { type: 'string' | 'heredoc'; value: string; offset: number }
  | { type: '{' | '}' | '[' | ']' | ',' | '=' | 'eof'; offset: number };

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return true;
  return c >= 0x80 && LETTER.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

function isDigit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 48 && c <= 57) return true;
  return c >= 0x80 && DIGIT.test(String.fromCodePoint(text.codePointAt(i) ?? c));
}

const isDecimal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

const SIMPLE_ESCAPES: Partial<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
};

/** Code units per character of a code point, to step over a surrogate pair at once. */
const widthAt = (text: string, i: number) => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

export class HclScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  /** The next token; throws HclSyntaxError on text no HCL token starts with. */
  next(): HclToken {
    this.skipSpaceAndComments();
    const text = this.text;
    const start = this.position;
    if (start >= text.length) return { type: 'eof', offset: start };
    const c = text[start];
    if (isLetter(text, start)) {
      let i = start + widthAt(text, start);
      while (i < text.length && (isLetter(text, i) || isDigit(text, i) || '-.'.includes(text[i]))) {
        i += widthAt(text, i);
      }
      this.position = i;
      const word = text.slice(start, i);
      return {
        type: word === 'true' || word === 'false' ? 'bool' : 'ident',
        text: word,
        offset: start,
      };
    }
    if (isDecimal(c) || (c === '-' && isDecimal(text[start + 1]))) return this.number(start);
    if (c === '"') return { type: 'string', value: this.quoted(start), offset: start };
    if (c === '<') return { type: 'heredoc', value: this.heredoc(start), offset: start };
    if (c === '{' || c === '}' || c === '[' || c === ']' || c === ',' || c === '=') {
      this.position = start + 1;
      return { type: c, offset: start };
    }
    throw new HclSyntaxError(`illegal character ${JSON.stringify(c)}`, start);
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    let i = this.position;
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) throw new HclSyntaxError('a /* comment is not closed', i);
        i = end + 2;
      } else if (c === '/') {
        throw new HclSyntaxError("expected '/' for comment", i);
      } else break;
    }
    this.position = i;
  }

  private number(start: number): HclToken {
    const text = this.text;
    let i = start + (text[start] === '-' ? 1 : 0);
    if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      i += 2;
      while (isHex(text[i])) i++;
    } else {
      while (isDecimal(text[i])) i++;
      if (text[i] === '.') for (i++; isDecimal(text[i]);) i++;
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        while (isDecimal(text[i])) i++;
      }
    }
    this.position = i;
    return { type: 'number', text: text.slice(start, i), offset: start };
  }

  /**
   * A quoted string, decoded as hcl/strconv's Unquote decodes it: escapes outside `${…}`, the
   * interpolation kept as written. A line break ends it with an error, except inside `${…}`.
   */
  private quoted(start: number): string {
    const text = this.text;
    const parts: string[] = [];
    let braces = 0;
    let runStart = start + 1;
    let i = start + 1;
    for (;;) {
      const c = text[i];
      if (c === undefined || (c === '\n' && braces === 0)) {
        throw new HclSyntaxError('a quoted string is not closed', start);
      }
      if (c === '"' && braces === 0) break;
      if (braces === 0 && c === '$' && text[i + 1] === '{') {
        braces = 1;
        i += 2;
        continue;
      }
      if (braces > 0 && c === '{') braces++;
      else if (braces > 0 && c === '}') braces--;
      if (c !== '\\') {
        i++;
        continue;
      }
      // An escape: decoded outside `${…}`, kept as written inside.
      const simple = SIMPLE_ESCAPES[text[i + 1]];
      const [decoded, length] = simple !== undefined ? [simple, 2] : this.escape(i);
      if (braces === 0) {
        if (i > runStart) parts.push(text.slice(runStart, i));
        parts.push(decoded);
        runStart = i + length;
      }
      i += length;
    }
    parts.push(text.slice(runStart, i));
    this.position = i + 1;
    return parts.join('');
  }

  /** The escape at `at` (a backslash): its value and its length in the source. */
  private escape(at: number): [string, number] {
    const text = this.text;
    const c = text[at + 1];
    const simple = c === undefined ? undefined : SIMPLE_ESCAPES[c];
    if (simple !== undefined) return [simple, 2];
    const digits = (from: number, count: number, test: (d: string | undefined) => boolean) => {
      for (let k = 0; k < count; k++) {
        if (!test(text[from + k])) throw new HclSyntaxError('an escape is not valid', at);
      }
      return text.slice(from, from + count);
    };
    if (c !== undefined && c >= '0' && c <= '7') {
      const octal = digits(at + 1, 3, (d) => d !== undefined && d >= '0' && d <= '7');
      const value = parseInt(octal, 8);
      if (value > 255) throw new HclSyntaxError('an escape is not valid', at);
      return [String.fromCharCode(value), 4];
    }
    const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (width === 0) throw new HclSyntaxError('an escape is not valid', at);
    const code = parseInt(digits(at + 2, width, isHex), 16);
    if (code > 0x10ffff) throw new HclSyntaxError('an escape is not valid', at);
    return [String.fromCodePoint(code), 2 + width];
  }

  /**
   * A heredoc: `<<ID` or `<<-ID`, a line break, then lines up to one that holds only `ID`
   * (with leading whitespace). Its value is the lines between, each with its line break; `<<-`
   * removes the terminator line's indentation from every line when they all have it.
   */
  private heredoc(start: number): string {
    const text = this.text;
    if (text[start + 1] !== '<') throw new HclSyntaxError("a heredoc needs a second '<'", start);
    let i = start + 2;
    const indented = text[i] === '-';
    if (indented) i++;
    const idStart = i;
    while (i < text.length && (isLetter(text, i) || isDigit(text, i))) i += widthAt(text, i);
    const id = text.slice(idStart, i);
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (id === '' || text[i] !== '\n') {
      throw new HclSyntaxError('a heredoc anchor must be a word followed by a line break', start);
    }
    const bodyStart = i + 1;
    let lineStart = bodyStart;
    for (;;) {
      // The terminator may also end the text without a line break of its own.
      if (lineStart >= text.length)
        throw new HclSyntaxError(`the heredoc ${id} is not closed`, start);
      const found = text.indexOf('\n', lineStart);
      const lineEnd = found < 0 ? text.length : found;
      const line = text.slice(lineStart, lineEnd);
      if (line.replace(/\r+$/, '').trimStart() === id) {
        this.position = lineEnd;
        const body = text.slice(bodyStart, lineStart);
        if (!indented) return body;
        const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
        const lines = body.split('\n');
        lines.pop();
        return lines.every((l) => l.startsWith(indent))
          ? lines.map((l) => `${l.slice(indent.length)}\n`).join('')
          : body;
      }
      lineStart = lineEnd + 1;
    }
  }
}
