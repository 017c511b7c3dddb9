import { DEFAULT_BOUNDARY_DENIES as COMPONENT_DENIES } from '../../../components/documents';
import {
  DEFAULT_BOUNDARY_DENIES,
  REQUIRED_BOUNDARY_DENY_ACTIONS,
} from '../../../policy-pack/lib/boundary-denies';
import { PackConfigSchema } from '../../../policy-pack/lib/config';

describe("the boundary's required denies", () => {
  test("are the denies the components' fleet boundary writes", () => {
    expect(DEFAULT_BOUNDARY_DENIES).toEqual(COMPONENT_DENIES);
  });

  test('are the default of boundary.requiredDenies', () => {
    expect(PackConfigSchema.parse({}).boundary.requiredDenies).toEqual([
      ...REQUIRED_BOUNDARY_DENY_ACTIONS,
    ]);
    expect(REQUIRED_BOUNDARY_DENY_ACTIONS).toHaveLength(47);
  });
});
