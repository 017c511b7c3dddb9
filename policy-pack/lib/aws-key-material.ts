/**
 * AWS access keys written into a secret store or a runtime's environment: an access key id (`AKIA…` long-term, `ASIA…`
 * temporary: IAM User Guide, "Unique identifier prefixes", 20 upper-case letters and digits) or a
 * field named like one of the AWS SDK's credential settings (AWS SDKs and Tools Reference Guide,
 * "Static credentials": `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token`), in any
 * case and with `-` or `_`, as a key or as the `name` of a `{ name, value }` environment entry (ECS
 * container definitions, "environment"). Secret data is often JSON inside a string (`dataJson`, a secret
 * string), so such strings are read as JSON too.
 */

const KEY_ID = /(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
/** An assignment in an env or INI file: `AWS_SECRET_ACCESS_KEY=…`, `aws_access_key_id = …`. */
const ASSIGNMENT = /(?:^|[\s;])(aws_(?:access_key_id|secret_access_key|session_token))\s*[=:]/im;

/** Credential field names, compared without case, `-` or `_`. */
const CREDENTIAL_FIELDS = new Set(
  [
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_session_token',
    'aws_access_key',
    'aws_secret_key',
    'access_key_id',
    'secret_access_key',
    'secret_key',
  ].map(normalise),
);

function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_\s.]/g, '');
}

/** How a found key id is shown: its prefix and last four characters, never the whole id. */
function masked(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

const MAX_DEPTH = 8;

/** What in `value` looks like AWS key material, described for a message; empty when nothing. */
export function awsKeyMaterial(value: unknown): string[] {
  const found = new Set<string>();
  visit(value, 0, found);
  return [...found];
}

function visit(value: unknown, depth: number, found: Set<string>): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    const id = KEY_ID.exec(value);
    if (id) found.add(`the access key id ${masked(id[0])}`);
    const assignment = ASSIGNMENT.exec(value);
    if (assignment) found.add(`the setting "${assignment[1]}"`);
    const text = value.trim();
    if (text.startsWith('{') || text.startsWith('[')) {
      try {
        visit(JSON.parse(text), depth + 1, found);
      } catch {
        // Not JSON: its text was searched above.
      }
    }
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) visit(item, depth + 1, found);
    return;
  }
  if (value && typeof value === 'object') {
    // A container's environment is a list of { name, value }: the name is the setting.
    const named = (value as Record<string, unknown>).name;
    if (typeof named === 'string' && CREDENTIAL_FIELDS.has(normalise(named))) {
      found.add(`the variable "${named}"`);
    }
    for (const [key, item] of Object.entries(value)) {
      if (CREDENTIAL_FIELDS.has(normalise(key))) found.add(`the field "${key}"`);
      visit(item, depth + 1, found);
    }
  }
}
