import { boundaryDocument } from '../../../components/documents';
import {
  DEFAULT_BOUNDARY_DENIES,
  REQUIRED_BOUNDARY_DENY_ACTIONS,
} from '../../../policy-pack/lib/boundary-denies';
import { PackConfigSchema } from '../../../policy-pack/lib/config';

describe("the boundary's required denies", () => {
  test("are the denies the components' fleet boundary writes", () => {
    const denies = boundaryDocument({ allow: ['*'], deny: [] }).Statement.filter(
      (st) => st.Effect === 'Deny',
    );
    expect(denies.map((st) => ({ sid: st.Sid, actions: st.Action }))).toEqual(
      DEFAULT_BOUNDARY_DENIES.map((d) => ({ sid: d.sid, actions: d.actions })),
    );
  });

  test('are the default of boundary.requiredDenies', () => {
    expect(PackConfigSchema.parse({}).boundary.requiredDenies).toEqual([
      ...REQUIRED_BOUNDARY_DENY_ACTIONS,
    ]);
    expect(REQUIRED_BOUNDARY_DENY_ACTIONS).toHaveLength(47);
  });
});
