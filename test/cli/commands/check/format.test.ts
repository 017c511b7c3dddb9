import { formatViolations } from '../../../../cli/commands/check/format';

describe('formatViolations', () => {
  const resource = {
    urn: 'urn:pulumi:dev::demo::aws:iam/role:Role::r',
    type: 'aws:iam/role:Role',
    name: 'r',
  };
  test('prints a message several policies report of one resource once, naming every policy', () => {
    expect(
      formatViolations([
        { policy: 'p-one', enforcementLevel: 'advisory', resource, message: 'unknown at preview' },
        { policy: 'p-two', enforcementLevel: 'mandatory', resource, message: 'too broad' },
        {
          policy: 'p-three',
          enforcementLevel: 'advisory',
          resource,
          message: 'unknown at preview',
        },
      ]),
    ).toEqual([
      'advisory  p-one, p-three  r (aws:iam/role:Role)',
      '    unknown at preview',
      'mandatory  p-two  r (aws:iam/role:Role)',
      '    too broad',
    ]);
  });
});
