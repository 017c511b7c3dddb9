/**
 * What a preview cannot see: resources registered only when every output is known (inside an
 * apply, behind isDryRun()), or registered differently then. The update run's mandatory violations
 * become the preview's, saying which resources were unseen.
 */
import type { Diagnostic } from '../../offline/analyzer';
import type { RecordedResource } from '../../offline/mock-runtime';
import { unseenResources, unseenViolations } from '../../offline/unseen-at-preview';

const urn = (type: string, name: string): string => `urn:pulumi:dev::p::${type}::${name}`;

function resource(type: string, name: string): RecordedResource {
  return {
    type,
    name,
    urn: urn(type, name),
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs: {},
    outputs: {},
  };
}

function diagnostic(
  policyName: string,
  on: string,
  message: string,
  enforcementLevel: Diagnostic['enforcementLevel'] = 'mandatory',
): Diagnostic {
  return {
    policyName,
    policyPackName: 'agent-iam',
    policyPackVersion: '0.1.0',
    description: 'd.',
    message,
    enforcementLevel,
    urn: on,
  };
}

const ROLE = resource('aws:iam/role:Role', 'agent');
const HIDDEN = resource('aws:iam/rolePolicy:RolePolicy', 'widen');
const BUCKET = resource('aws:s3/bucket:Bucket', 'later');

test('unseenResources: those the update run registered and the preview did not, by URN', () => {
  expect(unseenResources([ROLE], [ROLE, HIDDEN, BUCKET])).toEqual([HIDDEN, BUCKET]);
  expect(unseenResources([ROLE, HIDDEN], [ROLE, HIDDEN])).toEqual([]);
});

const CASES: {
  case: string;
  unseen: RecordedResource[];
  preview: Diagnostic[];
  update: Diagnostic[];
  expected: string[];
}[] = [
  {
    case: "a new mandatory violation on a seen role, caused by an unseen policy, is the preview's",
    unseen: [HIDDEN],
    preview: [],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin')],
    expected: [
      'agent-no-admin|mandatory|Unseen at preview: aws:iam/rolePolicy:RolePolicy "widen" is registered only when every output is known (inside an apply on a value unknown at preview, or behind pulumi.runtime.isDryRun()), so pulumi preview never registers it and no policy judges it before pulumi up creates it; judged with every output known, as pulumi up would create it: admin Create resources at the top level of the program, passing outputs as inputs, not inside an apply or behind isDryRun().',
    ],
  },
  {
    case: 'a violation the preview already reported as an advisory is not repeated',
    unseen: [HIDDEN],
    preview: [diagnostic('agent-no-admin', ROLE.urn, 'admin', 'advisory')],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin', 'advisory')],
    expected: [],
  },
  {
    case: 'a preview that already blocks is reported as it is',
    unseen: [HIDDEN],
    preview: [diagnostic('agent-owner-required', ROLE.urn, 'no owner')],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin')],
    expected: [],
  },
  {
    case: 'an advisory of the update run stays out',
    unseen: [HIDDEN],
    preview: [],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin', 'advisory')],
    expected: [],
  },
  {
    case: 'with nothing unseen, a violation found only with every output known says the program diverges',
    unseen: [],
    preview: [],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin')],
    expected: [
      'agent-no-admin|mandatory|Unseen at preview: the program registers this differently when every output is known (as pulumi up runs it) than at preview, so pulumi preview judges other inputs than pulumi up creates; judged with every output known: admin Do not make what the program registers depend on pulumi.runtime.isDryRun() or on whether a value is known yet.',
    ],
  },
  {
    case: 'with nothing unseen and the same advisories, nothing is added',
    unseen: [],
    preview: [diagnostic('agent-no-admin', ROLE.urn, 'admin', 'advisory')],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin', 'advisory')],
    expected: [],
  },
];

test.each(CASES)('unseenViolations: $case', ({ unseen, preview, update, expected }) => {
  expect(
    unseenViolations(unseen, preview, update).map(
      (d) => `${d.policyName}|${d.enforcementLevel}|${d.message}`,
    ),
  ).toEqual(expected);
});

test('unseenViolations names at most five unseen resources, then how many more', () => {
  const many = Array.from({ length: 7 }, (_, i) => resource('aws:s3/bucket:Bucket', `b${i}`));
  const [found] = unseenViolations(many, [], [diagnostic('agent-no-admin', ROLE.urn, 'x')]);
  expect(found?.message).toMatch(
    /^Unseen at preview: aws:s3\/bucket:Bucket "b0", .*aws:s3\/bucket:Bucket "b4" and 2 more are registered only when every output is known/,
  );
});
