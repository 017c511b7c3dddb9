/**
 * Reading `pulumi stack export` state as the resources the judge sees, and writing a program's
 * registrations as such a state: secrets, resource references, providers and pending deletions.
 */
import {
  deployedState,
  StackExportSchema,
  stackExportOf,
  UNKNOWN,
  urnParts,
  type RecordedResource,
} from '../../offline';

const SIG = '4dabf18193072939515e22adb298388d';
const SECRET = '1b47061264138c4ac30d75fd1eb44270';
const RESOURCE = '5cf8f73096256a8f31e491e813e4eb8e';
const URN = 'urn:pulumi:prod::agents::';
const STACK_URN = `${URN}pulumi:pulumi:Stack::agents-prod`;
const PROVIDER_URN = `${URN}pulumi:providers:aws::default_7_48_0`;

function state(resources: unknown[]) {
  return StackExportSchema.parse({
    version: 3,
    deployment: { manifest: { time: '2026-11-30T09:12:44Z' }, resources },
  });
}

const roleUrn = `${URN}aws:iam/role:Role::bot-role`;

describe('deployedState', () => {
  const exported = state([
    { urn: STACK_URN, custom: false, type: 'pulumi:pulumi:Stack', outputs: {} },
    {
      urn: PROVIDER_URN,
      custom: true,
      id: 'b1c2',
      type: 'pulumi:providers:aws',
      inputs: { region: 'us-east-1' },
    },
    {
      urn: roleUrn,
      custom: true,
      delete: true,
      id: 'bot-old',
      type: 'aws:iam/role:Role',
      inputs: { name: 'bot-old' },
      outputs: { name: 'bot-old' },
    },
    {
      urn: roleUrn,
      custom: true,
      id: 'bot',
      type: 'aws:iam/role:Role',
      parent: STACK_URN,
      provider: `${PROVIDER_URN}::b1c2`,
      inputs: {
        name: 'bot',
        tags: { [SIG]: SECRET, plaintext: '{"agent:name":"bot"}' },
        description: { [SIG]: SECRET, ciphertext: 'v1:abc' },
      },
      outputs: {
        name: 'bot',
        permissionsBoundary: {
          [SIG]: RESOURCE,
          urn: `${URN}aws:iam/policy:Policy::b`,
          id: 'arn:b',
        },
      },
      dependencies: [STACK_URN],
      propertyDependencies: { name: [] },
    },
  ]);
  const read = deployedState(exported);

  test('skips providers and resources pending deletion, and names the stack from the root', () => {
    expect(read.project).toBe('agents');
    expect(read.stack).toBe('prod');
    expect(read.resources.map((r) => [r.type, r.name, r.custom])).toEqual([
      ['pulumi:pulumi:Stack', 'agents-prod', false],
      ['aws:iam/role:Role', 'bot-role', true],
    ]);
  });

  test('puts values on the wire: plaintext secrets decoded, references as ids, ciphertext unknown', () => {
    const role = read.resources[1];
    expect(role).toEqual<RecordedResource>({
      type: 'aws:iam/role:Role',
      name: 'bot-role',
      urn: roleUrn,
      parent: STACK_URN,
      custom: true,
      dependencies: [STACK_URN],
      propertyDependencies: { name: [] },
      inputs: {
        name: 'bot',
        tags: { [SIG]: SECRET, value: { 'agent:name': 'bot' } },
        description: UNKNOWN,
      },
      outputs: { name: 'bot', permissionsBoundary: 'arn:b' },
    });
    expect(read.encrypted).toEqual([{ urn: roleUrn, path: 'inputs.description' }]);
  });

  test('an empty stack has no resources', () => {
    const empty = deployedState(
      StackExportSchema.parse({ version: 3, deployment: { manifest: {} } }),
    );
    expect(empty).toEqual({ project: '', stack: '', resources: [], encrypted: [] });
  });
});

describe('stackExportOf', () => {
  const recorded: RecordedResource[] = [
    {
      type: 'pulumi:pulumi:Stack',
      name: 'agents-prod',
      urn: STACK_URN,
      custom: false,
      dependencies: [],
      propertyDependencies: {},
      inputs: {},
      outputs: {},
    },
    {
      type: 'aws:iam/role:Role',
      name: 'bot-role',
      urn: roleUrn,
      parent: STACK_URN,
      custom: true,
      dependencies: [],
      propertyDependencies: {},
      inputs: { name: 'bot', tags: { [SIG]: SECRET, value: { owner: 'team:x' } } },
      outputs: { id: 'bot', name: 'bot' },
    },
  ];

  test('writes secrets in plaintext, a default provider, and reads back to the same resources', () => {
    const exported = stackExportOf(recorded, { stack: 'prod', project: 'agents', time: 'T' });
    expect(exported.deployment.resources.map((r) => [r.type, r.id, r.provider])).toEqual([
      ['pulumi:pulumi:Stack', undefined, undefined],
      ['pulumi:providers:aws', 'aws-default-provider', undefined],
      ['aws:iam/role:Role', 'bot', `${URN}pulumi:providers:aws::default::aws-default-provider`],
    ]);
    expect(exported.deployment.resources[2].inputs?.tags).toEqual({
      [SIG]: SECRET,
      plaintext: '{"owner":"team:x"}',
    });
    const again = deployedState(StackExportSchema.parse(JSON.parse(JSON.stringify(exported))));
    expect(again.resources).toEqual(recorded);
    expect(again.encrypted).toEqual([]);
  });
});

test('urnParts keeps a name that holds "::"', () => {
  expect(urnParts(`${URN}aws:iam/role:Role::a::b`)).toEqual({
    stack: 'prod',
    project: 'agents',
    name: 'a::b',
  });
});
