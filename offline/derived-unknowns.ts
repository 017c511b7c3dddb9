/**
 * A string built from an unknown is unknown. Pulumi keeps this for outputs (`pulumi.interpolate`
 * of an unknown is unknown), but a plain string the program concatenates with the unknown
 * sentinel (an unset config value, `unset-config.ts`) carries the sentinel inside it: a policy
 * document `JSON.stringify`-ed around it, an ARN built from it. Left as it is, the pack would read
 * `arn:aws:s3:::<sentinel>/*` as one named bucket, though the real value could be `*`; so every
 * string that contains the sentinel becomes the sentinel (fail closed).
 */
import { UNKNOWN } from './policy-internals';

/** `value` with every string containing the unknown sentinel replaced by the sentinel. */
export function withDerivedUnknowns(value: unknown): unknown {
  if (typeof value === 'string')
    return value !== UNKNOWN && value.includes(UNKNOWN) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map(withDerivedUnknowns);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withDerivedUnknowns(v);
    return out;
  }
  return value;
}
