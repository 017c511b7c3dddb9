/**
 * What a program is still waiting for, so that a run that never finishes is reported by name
 * rather than passing silently. Every resource the program constructs is pending until the engine
 * (here, the mocks) answers its registration; every data-source call is pending until it settles.
 *
 * The SDK's resource constructors call `registerResource`/`readResource` of `runtime/resource`
 * through the module object, so wrapping those exports sees every construction. Providers call
 * `pulumi.runtime.invoke*`, which `runtime/index` copies from `runtime/invoke` when it loads, so
 * both objects are wrapped.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
type AnyFunction = (...args: unknown[]) => unknown;

interface UrnCarrier {
  urn?: { promise?: () => Promise<unknown> };
}

export interface PendingTracker {
  /** `type name` of each resource constructed and not yet registered. */
  resources(): string[];
  /** Tokens of data-source calls that have not settled. */
  invokes(): string[];
}

const INVOKE_FUNCTIONS = ['invoke', 'invokeOutput', 'invokeSingle', 'invokeSingleOutput'];

function settleOf(value: unknown): Promise<unknown> | undefined {
  if (value && typeof (value as Promise<unknown>).then === 'function') {
    return value as Promise<unknown>;
  }
  const promise = (value as { promise?: () => Promise<unknown> } | undefined)?.promise;
  return typeof promise === 'function' ? promise.call(value) : undefined;
}

export function trackPending(): PendingTracker {
  const resources = new Map<number, string>();
  const invokes = new Map<number, string>();
  let next = 0;

  const resourceModule = require('@pulumi/pulumi/runtime/resource') as Record<string, unknown>;
  for (const name of ['registerResource', 'readResource']) {
    const original = resourceModule[name] as AnyFunction;
    resourceModule[name] = function tracked(this: unknown, ...args: unknown[]): unknown {
      const [res, , type, resourceName] = args as [UrnCarrier, unknown, string, string];
      const id = next++;
      resources.set(id, `${type} "${resourceName}"`);
      const result = original.apply(this, args);
      const urn = res?.urn?.promise?.();
      if (urn)
        urn.then(
          () => resources.delete(id),
          () => resources.delete(id),
        );
      else resources.delete(id);
      return result;
    };
  }

  const wrapInvokes = (target: Record<string, unknown>): void => {
    for (const name of INVOKE_FUNCTIONS) {
      const original = target[name] as AnyFunction | undefined;
      if (typeof original !== 'function') continue;
      target[name] = function tracked(this: unknown, ...args: unknown[]): unknown {
        const id = next++;
        invokes.set(id, String(args[0]));
        const result = original.apply(this, args);
        const settled = settleOf(result);
        if (settled)
          settled.then(
            () => invokes.delete(id),
            () => invokes.delete(id),
          );
        else invokes.delete(id);
        return result;
      };
    }
  };
  wrapInvokes(require('@pulumi/pulumi/runtime/invoke') as Record<string, unknown>);
  wrapInvokes(require('@pulumi/pulumi/runtime') as Record<string, unknown>);

  return {
    resources: () => [...resources.values()],
    invokes: () => [...new Set(invokes.values())],
  };
}
