/**
 * The code of a callback function (`aws.lambda.CallbackFunction`, `bucket.onObjectCreated`) is
 * the program's closure, serialised by the SDK into the function's archive. The pack judges IAM,
 * never that code, so a closure the SDK cannot serialise here is no reason to withhold a verdict.
 * It happens to real programs run without their own `node_modules`: awsx classic captures
 * `@aws-sdk/client-ecs` through TypeScript's `__importStar`, whose wrapper the serialiser only
 * recognises as a module when the package sits in the program's own install (pulumi/examples
 * aws-ts-thumbnailer). Such a closure gets a stand-in body that throws if ever run, and the check
 * says which failed and why.
 */
import * as pulumi from '@pulumi/pulumi';

type SerializedFunction = Awaited<ReturnType<typeof pulumi.runtime.serializeFunction>>;
type SerializeFunction = typeof pulumi.runtime.serializeFunction;

const failures: string[] = [];

/** Makes a failed closure serialisation yield a stand-in; call before the program runs. */
export function serializeClosuresLeniently(): void {
  const runtime = pulumi.runtime as unknown as { serializeFunction: SerializeFunction };
  const original = runtime.serializeFunction;
  runtime.serializeFunction = async (func, args = {}): Promise<SerializedFunction> => {
    try {
      return await original(func, args);
    } catch (err) {
      // The SDK's message is a capture chain: its first line names the closure, and the line after
      // "... could not be serialized because" says why.
      const lines = (err instanceof Error ? err.message : String(err))
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const because = lines.findIndex((l) => l.endsWith('because'));
      const cause = because >= 0 ? lines[because + 1] : undefined;
      const reason = cause ? `${lines[0]}: ${cause}` : (lines[0] ?? 'unknown error');
      failures.push(reason);
      const exportName = args.exportName ?? 'handler';
      const body = `throw new Error(${JSON.stringify(`not serialised by the offline check: ${reason}`)});`;
      const text = args.isFactoryFunction
        ? `exports.${exportName} = () => { ${body} };\n`
        : `exports.${exportName} = async () => { ${body} };\n`;
      return { text, exportName, containsSecrets: false };
    }
  };
}

/** The first line of each serialisation failure, in order. */
export function closureFailures(): string[] {
  return [...failures];
}
