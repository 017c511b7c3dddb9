/**
 * Counts the `apply` callbacks a preview skips. At preview the SDK runs no `apply` callback on an
 * unknown value (`applyHelperAsync` in `@pulumi/pulumi/output.js`), so a resource created inside
 * one is never registered, and `pulumi preview --policy-pack` never judges it: `pulumi up` then
 * creates it unjudged by any stack policy. The check runs the program again with every output known
 * when this count is not zero (`check-program.ts`).
 *
 * The wrapper is installed on the SDK's `Output` prototype as a read-only, non-configurable
 * property before the program loads, so the program cannot put the original back.
 */
import * as pulumi from '@pulumi/pulumi';

type Apply = (this: pulumi.Output<unknown>, func: unknown, runWithUnknowns?: boolean) => unknown;

let skipped = 0;
const applyFunction = Reflect.apply;

/**
 * Starts counting; returns the count so far whenever it is called. `onFirst` is told of the first
 * skip as it happens, so the judge can start the run with every output known at once.
 */
export function countSkippedApplies(onFirst: () => void = () => undefined): () => number {
  const prototype = Object.getPrototypeOf(pulumi.output(0)) as { apply: Apply };
  const original = prototype.apply;
  const counted: Apply = function (this: pulumi.Output<unknown>, func, runWithUnknowns) {
    if (!runWithUnknowns) {
      const known = (this as unknown as { isKnown: Promise<boolean> }).isKnown;
      void Promise.resolve(known).then(
        (isKnown) => {
          if (isKnown) return;
          skipped++;
          if (skipped === 1) onFirst();
        },
        () => undefined,
      );
    }
    return applyFunction(original, this, [func, runWithUnknowns]);
  };
  Object.defineProperty(prototype, 'apply', {
    value: counted,
    writable: false,
    configurable: false,
    enumerable: false,
  });
  return () => skipped;
}
