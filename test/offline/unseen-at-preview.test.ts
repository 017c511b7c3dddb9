/**
 * What a preview cannot see: resources created inside an apply that the preview skipped. Their
 * mandatory violations at update become the preview's, saying which resources were unseen.
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
      'agent-no-admin|mandatory|Unseen at preview: aws:iam/rolePolicy:RolePolicy "widen" is created inside an apply on a value unknown at preview, so pulumi preview never registers it and no policy judges it before pulumi up creates it; judged with every output known, as pulumi up would create it: admin Create resources at the top level of the program, passing outputs as inputs, not inside an apply.',
    ],
  },
  {
    case: 'a violation the preview already reported is not repeated',
    unseen: [HIDDEN],
    preview: [diagnostic('agent-no-admin', ROLE.urn, 'admin')],
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
    case: 'with nothing unseen, the update run adds nothing',
    unseen: [],
    preview: [],
    update: [diagnostic('agent-no-admin', ROLE.urn, 'admin')],
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
    /^Unseen at preview: aws:s3\/bucket:Bucket "b0", .*aws:s3\/bucket:Bucket "b4" and 2 more are created inside an apply/,
  );
});
