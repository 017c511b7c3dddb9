/**
 * A validator for the subset of JSON Schema (draft 2020-12) that docs/*.schema.json use: `$ref`
 * to `#/$defs/...`, `oneOf`, `type` (one or a list), `const`, `enum`, `required`, `properties`,
 * `additionalProperties: false`, `items`, `pattern`, `minLength`. Any other keyword is refused,
 * so a schema never passes by using a keyword this validator silently ignores.
 * Keyword semantics follow https://json-schema.org/draft/2020-12/json-schema-validation.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const KEYWORDS = new Set([
  '$ref',
  'oneOf',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'pattern',
  'minLength',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** The errors of `value` against `schema` (empty when valid), each naming the path. */
export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const defs = root.$defs as Record<string, Schema> | undefined;
    if (!m || !defs?.[m[1]]) throw new Error(`unsupported or missing $ref "${ref}"`);
    return defs[m[1]];
  };
  const check = (schema: Schema, v: unknown, at: string): void => {
    for (const key of Object.keys(schema)) {
      if (!ANNOTATIONS.has(key) && !KEYWORDS.has(key))
        throw new Error(`unsupported keyword "${key}" at ${at}`);
    }
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), v, at);
    if (Array.isArray(schema.oneOf)) {
      const passing = (schema.oneOf as Schema[]).filter(
        (s) => validate(withDefs(s), v).length === 0,
      );
      if (passing.length !== 1)
        errors.push(`${at}: matches ${passing.length} of the oneOf schemas, expected exactly 1`);
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type)
        ? (schema.type as string[])
        : [schema.type as string];
      if (!types.some((t) => typeMatches(v, t))) {
        errors.push(`${at}: expected ${types.join(' or ')}, received ${typeOf(v)}`);
        return;
      }
    }
    if ('const' in schema && JSON.stringify(v) !== JSON.stringify(schema.const))
      errors.push(`${at}: expected ${JSON.stringify(schema.const)}, received ${JSON.stringify(v)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === v))
      errors.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    if (typeof v === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v))
        errors.push(`${at}: ${JSON.stringify(v)} does not match ${schema.pattern}`);
      if (typeof schema.minLength === 'number' && [...v].length < schema.minLength)
        errors.push(`${at}: shorter than ${schema.minLength}`);
    }
    if (Array.isArray(v) && schema.items) {
      v.forEach((item, i) => check(schema.items as Schema, item, `${at}[${i}]`));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const key of (schema.required ?? []) as string[]) {
        if (!(key in obj)) errors.push(`${at}: missing required "${key}"`);
      }
      for (const [key, item] of Object.entries(obj)) {
        if (properties[key]) check(properties[key], item, `${at}.${key}`);
        else if (schema.additionalProperties === false)
          errors.push(`${at}: unexpected property "${key}"`);
      }
    }
  };
  const withDefs = (s: Schema): Schema => ({ ...s, $defs: root.$defs });
  check(root, value, '$');
  return errors;
}
