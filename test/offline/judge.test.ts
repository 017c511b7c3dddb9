import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import { judge, type PackUnderTest, type RecordedResource, startJudging } from '../../offline';

const STACK = 'urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev';
const AGENT = 'urn:pulumi:dev::p::agent-iam:index:Agent::a';
const ROLE = 'urn:pulumi:dev::p::agent-iam:index:Agent$aws:iam/role:Role::a-role';
const POLICY = 'urn:pulumi:dev::p::agent-iam:index:Agent$aws:iam/rolePolicy:RolePolicy::a-policy';

const resources: RecordedResource[] = [
  {
    type: 'pulumi:pulumi:Stack',
    name: 'p-dev',
    urn: STACK,
    custom: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: {},
  },
  {
    type: 'agent-iam:index:Agent',
    name: 'a',
    urn: AGENT,
    parent: STACK,
    custom: false,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: { roleName: 'a' },
  },
  {
    type: 'aws:iam/role:Role',
    name: 'a-role',
    urn: ROLE,
    parent: AGENT,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs: { name: 'a', tags: { owner: 'team:x' } },
    outputs: { name: 'a', arn: 'arn:aws:iam::123456789012:role/a' },
  },
  {
    type: 'aws:iam/rolePolicy:RolePolicy',
    name: 'a-policy',
    urn: POLICY,
    parent: AGENT,
    custom: true,
    dependencies: [ROLE],
    propertyDependencies: { role: [ROLE] },
    inputs: { role: 'a' },
    outputs: { role: 'a' },
  },
];

const readsTags: ResourceValidationPolicy = {
  name: 'test-reads-tags',
  description: 'Reads the owner tag.',
  enforcementLevel: 'mandatory',
  validateResource: (args, report) => {
    const tags = args.props.tags as Record<string, string> | undefined;
    report(`${args.name}: owner ${tags?.owner ?? 'none'}`);
  },
};

const describesLinks: StackValidationPolicy = {
  name: 'test-describes-links',
  description: 'Describes parents and dependencies.',
  enforcementLevel: 'advisory',
  validateStack: (args, report) => {
    for (const r of args.resources) {
      const deps = r.dependencies.map((d) => d.name).join(',');
      const roleDeps = (r.propertyDependencies.role ?? []).map((d) => d.name).join(',');
      report(`${r.name} parent=${r.parent?.name ?? '-'} deps=${deps} role=${roleDeps}`, r.urn);
    }
  },
};

const crashes: StackValidationPolicy = {
  name: 'test-crashes',
  description: 'Crashes.',
  validateStack: function crashingPolicy() {
    throw new Error('the policy crashed');
  },
};

const pack = (policies: Policy[]): PackUnderTest => ({
  name: 'test-pack',
  version: '1.2.3',
  policies,
});

describe('startJudging', () => {
  test('gives the diagnostics of judge, in its order, with resources added as they arrive', async () => {
    const p = pack([readsTags, describesLinks]);
    const judging = startJudging(p, {});
    for (const r of resources) judging.add(r);
    const incremental = await judging.finish(resources);
    expect(incremental).toEqual(await judge(p, resources, {}));
    expect(incremental.map((d) => d.message)).toEqual([
      'Reads the owner tag.\na-role: owner team:x',
      'Reads the owner tag.\na-policy: owner none',
      'Describes parents and dependencies.\np-dev parent=- deps= role=',
      'Describes parents and dependencies.\na parent=p-dev deps= role=',
      'Describes parents and dependencies.\na-role parent=a deps= role=',
      'Describes parents and dependencies.\na-policy parent=a deps=a-role role=a-role',
    ]);
    expect(incremental.map((d) => d.urn)).toEqual([ROLE, POLICY, STACK, AGENT, ROLE, POLICY]);
  });

  test('a crashing policy is reported as judge reports it, with its stack', async () => {
    const limit = Error.stackTraceLimit;
    const p = pack([readsTags, crashes]);
    const judging = startJudging(p, {});
    expect(Error.stackTraceLimit).toBe(0);
    for (const r of resources) judging.add(r);
    const error = await judging.finish(resources).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(
      "Error validating stack with policy 'test-crashes' from policy pack 'test-pack@v1.2.3': the policy crashed",
    );
    expect(error?.stack).toContain('crashingPolicy');
    expect(Error.stackTraceLimit).toBe(limit);
  });

  test('abandoning a failed run restores the stack trace limit', () => {
    const limit = Error.stackTraceLimit;
    const judging = startJudging(pack([readsTags]), {});
    expect(Error.stackTraceLimit).toBe(0);
    judging.abandon();
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
