/**
 * JSON for the program host's channel, written with the built-ins as they were before the program
 * loaded. The program shares the host's process and may patch any global: `Buffer.from`,
 * `JSON.stringify`, `Function.prototype.call`, or a `toJSON` on `Object.prototype` or
 * `Array.prototype`, which `JSON.stringify` consults for every object it writes. Any of these could
 * rewrite a registration on its way to the judge (a role sent as a bucket), so this encoder reads
 * only own data properties through functions captured when this module loads, looks up no method
 * on the values it writes, and refuses an accessor property rather than call it.
 *
 * Import it before the program loads (`program-host.ts` does, at its top).
 */
const stringifyPrimitive = JSON.stringify;
const ownKeys = Object.keys;
const isArray = Array.isArray;
const ownDescriptor = Reflect.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const apply = Reflect.apply;
const bufferFrom = Buffer.from;

/** Deeper than any registration: a cycle, or a value built to exhaust the stack. */
const MAX_DEPTH = 512;

/** A value the encoder refuses: the judge then hears of a failed run, never of a forged one. */
export class UnencodableValueError extends Error {
  constructor(where: string, what: string) {
    super(`the program host cannot send ${where}: ${what}`);
    this.name = 'UnencodableValueError';
  }
}

function ownValue(holder: object, key: string, where: string): unknown {
  const descriptor = ownDescriptor(holder, key);
  if (descriptor === undefined) return undefined;
  if (!hasOwn(descriptor, 'value')) {
    throw new UnencodableValueError(`${where}.${key}`, 'it is an accessor, not a value');
  }
  return descriptor.value as unknown;
}

function encode(value: unknown, where: string, depth: number): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      // A primitive: `JSON.stringify` looks up no `toJSON` for it.
      return stringifyPrimitive(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new UnencodableValueError(where, 'a bigint has no JSON form');
  }
  if (depth > MAX_DEPTH)
    throw new UnencodableValueError(where, `it nests deeper than ${MAX_DEPTH}`);
  const holder = value as object;
  if (isArray(holder)) {
    const length = ownValue(holder, 'length', where) as number;
    let out = '[';
    for (let i = 0; i < length; i++) {
      const item = encode(ownValue(holder, `${i}`, where), `${where}[${i}]`, depth + 1);
      out += `${i === 0 ? '' : ','}${item ?? 'null'}`;
    }
    return `${out}]`;
  }
  const keys = ownKeys(holder);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item = encode(ownValue(holder, key, where), `${where}.${key}`, depth + 1);
    if (item === undefined) continue;
    out += `${first ? '' : ','}${stringifyPrimitive(key)}:${item}`;
    first = false;
  }
  return `${out}}`;
}

/** `value` as one line of JSON, whatever the program did to the built-ins after this module loaded. */
export function pristineJson(value: object): string {
  return encode(value, 'message', 0) ?? 'null';
}

/** `Buffer.from(text, 'utf8')`, as it was before the program loaded. */
export function pristineUtf8(text: string): Buffer {
  return apply(bufferFrom, Buffer, [text, 'utf8']) as Buffer;
}
