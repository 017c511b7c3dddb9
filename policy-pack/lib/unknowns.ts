/**
 * Reading resource properties that may be unknown at preview.
 *
 * The analyzer server wraps every resource's props in `unknownCheckingProxy`, which throws
 * `UnknownValueError` on reading a value the engine sent as an "unknown" sentinel (a value computed
 * from another new resource). Uncaught, that error makes the server skip the whole policy with one
 * advisory, for every agent at once. Policies read through `readKnown` instead and decide what an
 * unknown means: owner and expiry fail closed, everything else is an advisory "verified at update".
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** The shape of `@pulumi/policy`'s `UnknownValueError`, which its type declarations strip. */
export interface UnknownValueErrorLike extends Error {
  readonly props: (string | symbol)[];
  readonly unknownTypeSentinel: string;
}

const policyProxy = require('@pulumi/policy/proxy') as {
  UnknownValueError: new (sentinel: string, props: (string | symbol)[]) => UnknownValueErrorLike;
};

/**
 * True for `UnknownValueError`. Recognised by shape as well as by class, because a program and its
 * pack can load two copies of `@pulumi/policy`, whose classes are then distinct.
 */
export function isUnknownValueError(e: unknown): e is UnknownValueErrorLike {
  if (e instanceof policyProxy.UnknownValueError) return true;
  if (!(e instanceof Error)) return false;
  const candidate = e as Partial<UnknownValueErrorLike>;
  if (!Array.isArray(candidate.props)) return false;
  return (
    e.name === 'UnknownValueError' ||
    e.constructor?.name === 'UnknownValueError' ||
    typeof candidate.unknownTypeSentinel === 'string'
  );
}

export type Known<T> = { known: true; value: T } | { known: false; path: string };

/**
 * Runs `read` against proxied props. Returns its value, or the dotted path of the first unknown it
 * touched, from the props root (e.g. `tags.agent:owner`). Any other error propagates.
 */
export function readKnown<T>(read: () => T): Known<T> {
  try {
    return { known: true, value: read() };
  } catch (e) {
    if (isUnknownValueError(e)) return { known: false, path: e.props.map(String).join('.') };
    throw e;
  }
}

/**
 * A deep plain copy of a proxied value, read through the proxy so that an unknown anywhere inside
 * is detected: `{ known: false, path }` names the first one. Use it before handing a document to
 * code that does not expect proxies (the engine, JSON parsing, structured comparison).
 */
export function readPlain(value: () => unknown): Known<unknown> {
  return readKnown(() => toPlain(value()));
}

/**
 * A deep plain copy of what is known of a proxied value: each unknown inside is left out
 * (`undefined`) instead of making the whole value unknown. For scanning a value for something
 * that only a literal can hold, where a value computed from another resource cannot be it.
 */
export function readKnownParts(value: () => unknown): unknown {
  const read = readKnown(value);
  if (!read.known) return undefined;
  return knownParts(read.value);
}

function knownParts(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = readKnown(() => value[i] as unknown);
      out.push(item.known ? knownParts(item.value) : undefined);
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = readKnown(() => (value as Record<string, unknown>)[key]);
      if (item.known) out[key] = knownParts(item.value);
    }
    return out;
  }
  return value;
}

function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(toPlain(value[i]));
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      out[key] = toPlain((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}
