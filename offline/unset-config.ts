/**
 * A required config value the stack does not set. `pulumi preview` stops at it ("Missing required
 * configuration variable"); the offline check has no place to ask, yet a README's `pulumi config
 * set` steps are exactly what a checked-out program lacks. So `config.require(key)` and
 * `config.requireSecret(key)` of an unset key return the engine's unknown sentinel, as a value
 * computed at deploy time would be: where it reaches a resource input the pack sees an unknown and
 * fails closed on anything it needs, and `derived-unknowns.ts` makes every string built from it
 * unknown too. The check names each such key in a warning. `requireNumber`, `requireBoolean` and
 * `requireObject` still fail: no plain number, boolean or object can stand for "unknown".
 */
import * as pulumi from '@pulumi/pulumi';
import { UNKNOWN } from './policy-internals';

type RequireImpl = (this: pulumi.Config, key: string, ...rest: unknown[]) => unknown;

/** `Config`'s private helpers (`@pulumi/pulumi` `config.js`), which every `require*` goes through. */
interface ConfigInternals {
  requireImpl: RequireImpl;
  fullKey(key: string): string;
}

const unset = new Set<string>();

/** Makes `require`/`requireSecret` of an unset key read as unknown; call before the program runs. */
export function readUnsetConfigAsUnknown(): void {
  const proto = pulumi.Config.prototype as unknown as ConfigInternals;
  const original = proto.requireImpl;
  proto.requireImpl = function (this: pulumi.Config, key: string, ...rest: unknown[]) {
    const fullKey = (this as unknown as ConfigInternals).fullKey(key);
    if (pulumi.runtime.getConfig(fullKey) !== undefined) return original.call(this, key, ...rest);
    unset.add(fullKey);
    return UNKNOWN;
  };
}

/** The fully qualified keys the program required and the stack did not set, in order read. */
export function unsetConfigKeys(): string[] {
  return [...unset];
}
