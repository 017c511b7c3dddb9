/**
 * `WireProps` (props decoded once per resource, copied per policy call, built on first read) must
 * give every policy exactly what the server's path (`wireProps`: Struct round-trip, deserialise,
 * proxy, per call) gives: the same values, the same unknowns at the same paths, secrets unwrapped,
 * assets as the SDK's classes, and a fresh, unshared value per call.
 */
import * as fc from 'fast-check';
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { specialAssetSig, specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import type { StackValidationPolicy } from '@pulumi/policy';
import {
  analyzeStack,
  normalizePolicyConfig,
  type AnalyzedResource,
  type PackUnderTest,
  WireProps,
  wireProps,
  UNKNOWN,
} from '../../offline';
import { isUnknownValueError } from '../../policy-pack/lib/unknowns';
import { policies, PACK_NAME, PACK_VERSION } from '../../policy-pack/pack';
import { compliantConfig, compliantStack, resource, useFixtureClock } from '../support/harness';
import {
  ADMIN_ARN,
  allow,
  rolePolicyAttachment,
  unknownDocumentStack,
  withRole,
} from '../policy-pack/policies/permission-fixtures';

const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });
const asset = (text: string) => ({ [specialSigKey]: specialAssetSig, text });

/** Everything a policy can observe by reading `value` through the proxy, unknowns as their path. */
function observe(value: () => unknown): unknown {
  let read: unknown;
  try {
    read = value();
  } catch (e) {
    if (isUnknownValueError(e)) return { unknownAt: e.props.map(String).join('.') };
    throw e;
  }
  if (read === null || typeof read !== 'object') return read;
  if (pulumi.asset.Asset.isInstance(read)) return { asset: read.constructor.name };
  if (Array.isArray(read)) {
    const list: unknown[] = read;
    return { array: Array.from({ length: list.length }, (_, i) => observe(() => list[i])) };
  }
  const obj = read as Record<string, unknown>;
  return Object.fromEntries(Object.keys(obj).map((k) => [k, observe(() => obj[k])]));
}

const SAMPLE: Record<string, unknown> = {
  name: 'agent-x',
  arn: UNKNOWN,
  absent: undefined,
  nothing: null,
  maxSessionDuration: 3600,
  enabled: true,
  tags: { 'agent:name': 'x', 'agent:owner': UNKNOWN, cost: secret('cc-1') },
  inlinePolicies: [
    { name: 'a', policy: secret(JSON.stringify({ Statement: [] })) },
    { name: UNKNOWN, policy: UNKNOWN },
    [[1, [2, UNKNOWN]], []],
  ],
  password: secret({ nested: [secret('s'), UNKNOWN] }),
};

describe('WireProps', () => {
  test('a fresh copy reads exactly as the server path: values, unknown paths, secrets', () => {
    const expected = observe(() => wireProps(SAMPLE));
    expect(expected).toMatchObject({
      arn: { unknownAt: 'arn' },
      tags: { cost: 'cc-1', 'agent:owner': { unknownAt: 'tags.agent:owner' } },
      inlinePolicies: { array: [{}, { name: { unknownAt: 'inlinePolicies.1.name' } }, {}] },
    });
    expect(expected).not.toHaveProperty('absent');
    const wire = new WireProps(SAMPLE);
    expect(observe(() => wire.fresh())).toEqual(expected);
    expect(observe(() => wire.fresh())).toEqual(expected);
  });

  test('every call gets its own value: mutating one leaves the next untouched', () => {
    const wire = new WireProps(SAMPLE);
    const first = wire.fresh() as { tags: Record<string, unknown>; inlinePolicies: unknown[] };
    first.tags['agent:name'] = 'changed';
    first.inlinePolicies.push('extra');
    (first as Record<string, unknown>).name = 'renamed';
    expect(observe(() => wire.fresh())).toEqual(observe(() => wireProps(SAMPLE)));
  });

  test('assets are decoded afresh for every call, as instances of the SDK classes', () => {
    const props = { code: asset('exports.handler = 1'), list: [asset('x')] };
    const wire = new WireProps(props);
    const a = wire.fresh() as { code: unknown };
    const b = wire.fresh() as { code: unknown };
    expect(pulumi.asset.StringAsset.isInstance(a.code)).toBe(true);
    expect(a.code).not.toBe(b.code);
    expect(observe(() => b)).toEqual(observe(() => wireProps(props)));
  });

  test('any wire value reads the same both ways (property)', () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(UNKNOWN),
    );
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
        tie('value').map(secret),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 5 }), (props) => {
        // Malformed wire values (a secret without a value) must fail the same way too.
        const outcome = (read: () => unknown) => {
          try {
            return observe(read);
          } catch (e) {
            return { error: (e as Error).message };
          }
        };
        const wire = new WireProps(props);
        const expected = outcome(() => wireProps(props));
        expect(outcome(() => wire.fresh())).toEqual(expected);
        expect(outcome(() => wire.fresh())).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('analyzeStack gives each policy fresh props, built on first read', () => {
  const pack = (...stackPolicies: StackValidationPolicy[]): PackUnderTest => ({
    name: 'p',
    version: '1.0.0',
    enforcementLevel: 'mandatory',
    policies: stackPolicies,
  });
  const RESOURCES: AnalyzedResource[] = [
    resource('aws:iam/role:Role', 'r', { name: 'r', tags: { a: '1' }, list: [1, [2]] }),
  ];

  test('a policy that mutates its props does not affect the next policy', async () => {
    const seen: unknown[] = [];
    const mutator: StackValidationPolicy = {
      name: 'mutator',
      description: 'Mutates.',
      validateStack: (args) => {
        for (const r of args.resources) {
          (r.props.tags as Record<string, string>).a = 'changed';
          (r.props.list as unknown[]).push('x');
          r.props = { replaced: true };
        }
      },
    };
    const reader: StackValidationPolicy = {
      name: 'reader',
      description: 'Reads.',
      validateStack: (args) => {
        for (const r of args.resources) seen.push(observe(() => r.props));
      },
    };
    await analyzeStack(pack(mutator, reader), RESOURCES, {});
    expect(seen).toEqual([observe(() => wireProps(RESOURCES[0].props))]);
  });

  test('asType returns the props the policy received, even after it reassigned them', async () => {
    let observed: { asTypeIsReceived: boolean; props: unknown } | undefined;
    const policy: StackValidationPolicy = {
      name: 'as-type',
      description: 'Uses asType.',
      validateStack: (args) => {
        const r = args.resources[0];
        const received = r.props;
        r.props = { replaced: true };
        observed = { asTypeIsReceived: r.asType(aws.iam.Role) === received, props: r.props };
      },
    };
    await analyzeStack(pack(policy), RESOURCES, {});
    expect(observed).toEqual({ asTypeIsReceived: true, props: { replaced: true } });
  });

  test('the whole pack reports the same diagnostics as the server path on a stack with unknowns, secrets and nested arrays', async () => {
    useFixtureClock();
    const stack: AnalyzedResource[] = [
      ...compliantStack('scheduler'),
      ...unknownDocumentStack(allow(['iam:PassRole', 'lambda:CreateFunction'])),
      ...withRole((props) => {
        props.tags = { ...(props.tags as object), secretTag: secret('s') };
        props.inlinePolicies = [
          { name: 'n', policy: secret(JSON.stringify({ Statement: [allow('s3:*')] })) },
          { name: UNKNOWN, policy: UNKNOWN },
        ];
      }).map((r) => ({ ...r, urn: `${r.urn}-2`, name: `${r.name}-2` })),
      rolePolicyAttachment('admin', ADMIN_ARN),
    ];
    const real: PackUnderTest = {
      name: PACK_NAME,
      version: PACK_VERSION,
      enforcementLevel: 'mandatory',
      policies,
    };
    const config = normalizePolicyConfig(
      real,
      Object.fromEntries(policies.map((p) => [p.name, compliantConfig])),
    );
    const fast = await analyzeStack(real, stack, config);
    const serverPath = jest.spyOn(WireProps.prototype, 'fresh').mockImplementation(function (
      this: WireProps,
    ) {
      return wireProps((this as unknown as { props: Record<string, unknown> }).props);
    });
    try {
      const straightforward = await analyzeStack(real, stack, config);
      expect(serverPath).toHaveBeenCalled();
      expect(fast).toEqual(straightforward);
      expect(fast.diagnostics.length).toBeGreaterThan(5);
      expect(fast.diagnostics.map((d) => d.message).join('\n')).toContain('unknown at preview');
    } finally {
      serverPath.mockRestore();
    }
  });
});
