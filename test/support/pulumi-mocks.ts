/**
 * Pulumi mocks for component tests (after pulumi-awsx's tests): every registered resource is
 * recorded, provider outputs look like AWS's and Vault's, and any unexpected invoke throws.
 */
import * as pulumi from '@pulumi/pulumi';
import { ACCOUNT_ID, REGION } from './constants';

export interface RecordedResource {
  type: string;
  name: string;
  /** False for component resources. */
  custom: boolean;
  inputs: Record<string, unknown>;
}

export const recorded: RecordedResource[] = [];

/** Invokes the components may make; anything else fails the test. */
const INVOKES: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
  'aws:index/getCallerIdentity:getCallerIdentity': () => ({
    accountId: ACCOUNT_ID,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`,
    userId: 'AIDAEXAMPLE',
    id: ACCOUNT_ID,
  }),
  'aws:index/getRegion:getRegion': () => ({ region: REGION, name: REGION, id: REGION }),
};

function outputsOf(type: string, name: string, inputs: Record<string, unknown>) {
  const str = (key: string) =>
    typeof inputs[key] === 'string' ? (inputs[key] as string) : undefined;
  switch (type) {
    case 'aws:iam/role:Role': {
      const roleName = str('name') ?? name;
      return {
        arn: `arn:aws:iam::${ACCOUNT_ID}:role${str('path') ?? '/'}${roleName}`,
        name: roleName,
        uniqueId: `AROA${roleName.length}`,
      };
    }
    case 'aws:iam/policy:Policy': {
      const policyName = str('name') ?? name;
      return {
        arn: `arn:aws:iam::${ACCOUNT_ID}:policy${str('path') ?? '/'}${policyName}`,
        name: policyName,
      };
    }
    // The audit trail's resources: the ARNs its policies and alarm read.
    case 'aws:s3/bucket:Bucket':
      return { arn: `arn:aws:s3:::${name}-bucket`, bucket: `${name}-bucket` };
    case 'aws:sns/topic:Topic':
      return { arn: `arn:aws:sns:${REGION}:${ACCOUNT_ID}:${name}` };
    case 'aws:cloudwatch/eventRule:EventRule':
      return { arn: `arn:aws:events:${REGION}:${ACCOUNT_ID}:rule/${name}`, name };
    case 'aws:cloudwatch/logGroup:LogGroup':
      return {
        arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${str('name') ?? name}`,
        name: str('name') ?? name,
      };
    case 'aws:cloudwatch/metricAlarm:MetricAlarm':
      return { arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${name}` };
    case 'aws:cloudtrail/trail:Trail':
      return { arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT_ID}:trail/${str('name') ?? name}` };
    case 'vault:index/authBackend:AuthBackend':
      return { accessor: `auth_approle_${name.length}f00d` };
    case 'vault:appRole/authBackendRole:AuthBackendRole':
      return { roleId: `role-id-${str('roleName')}` };
    default:
      return {};
  }
}

export async function installMocks(project = 'agent-iam-test', stack = 'test'): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        recorded.push({
          type: args.type,
          name: args.name,
          custom: args.custom !== false,
          inputs: args.inputs as Record<string, unknown>,
        });
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, ...outputsOf(args.type, args.name, args.inputs) },
        };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        const answer = INVOKES[args.token];
        if (!answer) throw new Error(`unexpected invoke ${args.token}`);
        return answer(args.inputs);
      },
    },
    project,
    stack,
    false,
  );
}

/** The value of an Output, as a Promise (never `done()` inside `apply`). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) =>
    output.apply((value) => {
      resolve(value);
      return value;
    }),
  );
}

/** Waits until resource registrations stop arriving (they are asynchronous RPCs in the SDK). */
export async function settled(): Promise<void> {
  let last = -1;
  let quiet = 0;
  while (quiet < 5) {
    await new Promise((resolve) => setImmediate(resolve));
    if (recorded.length === last) quiet += 1;
    else {
      quiet = 0;
      last = recorded.length;
    }
  }
}

/** Resources whose Pulumi name starts with the prefix, in registration order. */
export function resourcesNamed(prefix: string): RecordedResource[] {
  return recorded.filter((r) => r.name === prefix || r.name.startsWith(`${prefix}-`));
}

/** A date `days` from today, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
