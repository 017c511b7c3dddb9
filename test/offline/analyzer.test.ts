import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from '@pulumi/policy';
import {
  analyzeResource,
  analyzeStack,
  normalizePolicyConfig,
  PolicyConfigError,
  type PackUnderTest,
  UNKNOWN,
} from '../../offline';
import { COMPONENT_TYPES } from '../../policy-pack/lib/conventions';

const readsOwner: ResourceValidationPolicy = {
  name: 'test-reads-owner',
  description: 'Reads the owner tag.',
  enforcementLevel: 'mandatory',
  configSchema: { properties: { owner: { type: 'string', default: 'team:platform' } } },
  validateResource: (args, report) => {
    const tags = args.props.tags as Record<string, string>;
    const { owner } = args.getConfig<{ owner: string }>();
    if (tags.owner !== owner) report(`owner is ${tags.owner}, expected ${owner}`);
  },
};

const skipsBuckets: ResourceValidationPolicy = {
  name: 'test-skips-buckets',
  description: 'Only judges roles.',
  validateResource: (args) => {
    if (args.type !== 'aws:iam/role:Role') args.notApplicable('not a role');
  },
};

const countsRoles: StackValidationPolicy = {
  name: 'test-counts-roles',
  description: 'Counts roles.',
  enforcementLevel: 'advisory',
  validateStack: (args, report) => {
    const roles = args.resources.filter((r) => r.type === 'aws:iam/role:Role');
    const children = roles.filter((r) => r.parent?.name === 'agent');
    report(`${roles.length} roles, ${children.length} under "agent"`);
  },
};

const pack = (policies: Policy[]): PackUnderTest => ({
  name: 'test-pack',
  version: '1.2.3',
  policies,
});

const role = (props: Record<string, unknown>) => ({
  type: 'aws:iam/role:Role',
  name: 'r',
  urn: 'urn:pulumi:dev::p::aws:iam/role:Role::r',
  props,
});

describe('normalizePolicyConfig', () => {
  test('fills top-level schema defaults and strips enforcementLevel into its own field', () => {
    const config = normalizePolicyConfig(pack([readsOwner]), {
      'test-reads-owner': { enforcementLevel: 'advisory' },
    });
    expect(config).toEqual({
      'test-reads-owner': { enforcementLevel: 'advisory', properties: { owner: 'team:platform' } },
    });
  });

  test('"all" sets the level of every policy unless the policy sets its own', () => {
    const config = normalizePolicyConfig(pack([readsOwner, skipsBuckets]), {
      all: 'disabled',
      'test-reads-owner': 'mandatory',
    });
    expect(config['test-reads-owner'].enforcementLevel).toBe('mandatory');
    expect(config['test-skips-buckets'].enforcementLevel).toBe('disabled');
  });

  test.each([
    [
      { 'no-such-policy': {} },
      'cfg.json: "no-such-policy" is not a policy of pack "test-pack"; known policies: test-reads-owner',
    ],
    [
      { 'test-reads-owner': 'loud' },
      'cfg.json: "test-reads-owner": enforcement level "loud" is not one of advisory, mandatory, remediate, disabled',
    ],
    [
      { 'test-reads-owner': 3 },
      'cfg.json: "test-reads-owner" must be an enforcement level or an object, received 3',
    ],
  ])('rejects %j', (file, message) => {
    expect(() => normalizePolicyConfig(pack([readsOwner]), file, 'cfg.json')).toThrow(
      new PolicyConfigError(message),
    );
  });
});

describe('analyzeResource', () => {
  test('reports a violation as the server does: description, newline, message', async () => {
    const p = pack([readsOwner]);
    const result = await analyzeResource(
      p,
      role({ tags: { owner: 'x' } }),
      normalizePolicyConfig(p),
    );
    expect(result.diagnostics).toEqual([
      {
        policyName: 'test-reads-owner',
        policyPackName: 'test-pack',
        policyPackVersion: '1.2.3',
        description: 'Reads the owner tag.',
        message: 'Reads the owner tag.\nowner is x, expected team:platform',
        enforcementLevel: 'mandatory',
        severity: undefined,
        urn: undefined,
      },
    ]);
  });

  test('an unknown value becomes an advisory, even for a mandatory policy', async () => {
    const p = pack([readsOwner]);
    const result = await analyzeResource(p, role({ tags: UNKNOWN }), normalizePolicyConfig(p));
    expect(result.diagnostics.map((d) => [d.enforcementLevel, d.message])).toEqual([
      [
        'advisory',
        "can't run policy 'test-reads-owner' from policy pack 'test-pack@v1.2.3' during preview: string value at .tags can't be known during preview",
      ],
    ]);
  });

  test('notApplicable is collected, not reported', async () => {
    const p = pack([skipsBuckets]);
    const bucket = { ...role({}), type: 'aws:s3/bucket:Bucket' };
    const result = await analyzeResource(p, bucket, normalizePolicyConfig(p));
    expect(result).toEqual({
      diagnostics: [],
      notApplicable: [{ policyName: 'test-skips-buckets', reason: 'not a role', urn: bucket.urn }],
    });
  });

  test('a disabled policy does not run', async () => {
    const p = pack([readsOwner]);
    const config = normalizePolicyConfig(p, { 'test-reads-owner': 'disabled' });
    expect((await analyzeResource(p, role({ tags: { owner: 'x' } }), config)).diagnostics).toEqual(
      [],
    );
  });

  test('any other error fails the run, naming the policy', async () => {
    const p = pack([readsOwner]);
    await expect(analyzeResource(p, role({}), normalizePolicyConfig(p))).rejects.toThrow(
      /^Error validating resource with policy 'test-reads-owner' from policy pack 'test-pack@v1.2.3': Cannot read properties of undefined/,
    );
  });
});

describe('analyzeStack', () => {
  test('links parents by URN and applies the policy level', async () => {
    const p = pack([countsRoles]);
    const parent = { type: COMPONENT_TYPES.agent, name: 'agent', urn: 'urn:a', props: {} };
    const child = { ...role({}), parent: 'urn:a' };
    const orphan = { ...role({}), urn: 'urn:b', name: 'b' };
    const result = await analyzeStack(p, [parent, child, orphan], normalizePolicyConfig(p));
    expect(result.diagnostics.map((d) => [d.enforcementLevel, d.message])).toEqual([
      ['advisory', 'Counts roles.\n2 roles, 1 under "agent"'],
    ]);
  });
});
