/**
 * ActionSet, the engine's bitset of catalogue actions: every operation agrees with the same
 * operation on a plain Set of the same actions, across services far apart in the catalogue (so
 * sets whose stored spans do not overlap), and its id views list exactly what a sorted array would.
 */
import { ActionSet, patternSet, patternsSet } from '../../../policy-pack/engine/action-set';
import {
  catalogue,
  expandActionPattern,
  type CatalogueAction,
} from '../../../policy-pack/engine/catalogue';

const ids = (actions: Iterable<CatalogueAction>): string[] => [...actions].map((a) => a.id);
const inOrder = (set: Set<CatalogueAction>): string[] =>
  catalogue()
    .all.filter((a) => set.has(a))
    .map((a) => a.id);

const PATTERNS = ['s3:Get*', 'iam:*Policy*', 'ec2:Describe*', 'xray:*', 'kms:Decrypt', 'a4b:*'];
const sets = PATTERNS.map((p) => ({ pattern: p, plain: new Set(expandActionPattern(p)) }));

describe('ActionSet', () => {
  test.each(sets)(
    '$pattern: membership, size and order match the expansion',
    ({ pattern, plain }) => {
      const set = patternSet(pattern);
      expect(set.size).toBe(plain.size);
      expect(ids(set)).toEqual(inOrder(plain));
      expect(set.ids()).toEqual(inOrder(plain));
      for (const action of catalogue().all) expect(set.has(action)).toBe(plain.has(action));
    },
  );

  test.each(
    sets.flatMap((a) =>
      sets.map((b) => ({ a: a.pattern, b: b.pattern, pa: a.plain, pb: b.plain })),
    ),
  )('$a with $b: union, difference, intersection, subset', ({ a, b, pa, pb }) => {
    const union = patternSet(a).clone().addAll(patternSet(b));
    expect(ids(union)).toEqual(inOrder(new Set([...pa, ...pb])));
    const difference = patternSet(a).difference(patternSet(b));
    expect(ids(difference)).toEqual(inOrder(new Set([...pa].filter((x) => !pb.has(x)))));
    const intersection = patternSet(a).intersection(patternSet(b));
    expect(ids(intersection)).toEqual(inOrder(new Set([...pa].filter((x) => pb.has(x)))));
    expect(patternSet(a).isSubsetOf(patternSet(b))).toBe([...pa].every((x) => pb.has(x)));
  });

  test('the complement of a set and the set make the whole catalogue, with no action twice', () => {
    const set = patternsSet(['s3:*', 'iam:PassRole']);
    const complement = set.complement();
    expect(complement.size + set.size).toBe(catalogue().all.length);
    expect(complement.intersection(set).isEmpty()).toBe(true);
    expect(ActionSet.all().size).toBe(catalogue().all.length);
    expect(ActionSet.all().difference(complement).ids()).toEqual(set.ids());
  });

  test('add and delete change one action and keep the count right; shared sets stay unchanged', () => {
    const getObject = catalogue().byId.get('s3:getobject') as CatalogueAction;
    const passRole = catalogue().byId.get('iam:passrole') as CatalogueAction;
    const set = patternSet('s3:GetObject').clone();
    set.add(passRole);
    expect(set.ids()).toEqual(['iam:PassRole', 's3:GetObject']);
    expect(set.delete(getObject)).toBe(true);
    expect(set.delete(getObject)).toBe(false);
    expect(set.ids()).toEqual(['iam:PassRole']);
    expect(patternSet('s3:GetObject').ids()).toEqual(['s3:GetObject']);
  });

  test('an id view reads like the sorted array: length, slice, find, some, every', () => {
    const set = patternSet('ec2:Describe*');
    const array = set.ids();
    const view = set.idList();
    expect(view.length).toBe(array.length);
    expect(view.slice(0, 5)).toEqual(array.slice(0, 5));
    expect(view.slice(3, 7)).toEqual(array.slice(3, 7));
    expect(view.slice(0, array.length + 10)).toEqual(array);
    expect(view.slice()).toEqual(array);
    expect(view.find((id) => id.includes('Vpc'))).toBe(array.find((id) => id.includes('Vpc')));
    expect(view.some((id) => id === 'ec2:DescribeInstances')).toBe(true);
    expect(view.every((id) => id.startsWith('ec2:Describe'))).toBe(true);
    expect(view.every((id) => id !== 'ec2:DescribeInstances')).toBe(false);
    expect(ActionSet.empty().idList().slice(0, 100)).toEqual([]);
  });

  test.each([
    { first: 0, count: 1 },
    { first: 31, count: 1 },
    { first: 31, count: 2 },
    { first: 32, count: 32 },
    { first: 5, count: 70 },
    { first: 64, count: 31 },
  ])('addRange($first, $count) holds exactly those ordinals', ({ first, count }) => {
    const all = catalogue().all;
    const set = ActionSet.empty().addRange(first, count);
    expect(set.size).toBe(count);
    expect(set.ids()).toEqual(all.slice(first, first + count).map((a) => a.id));
  });

  test('addRange reaches the last action of the catalogue and widens a set on either side', () => {
    const all = catalogue().all;
    const size = catalogue().size;
    const set = ActionSet.empty()
      .addRange(size - 3, 3)
      .addRange(40, 2);
    expect(set.ids()).toEqual([...all.slice(40, 42), ...all.slice(size - 3)].map((a) => a.id));
    expect(ActionSet.empty().addRange(0, size).size).toBe(ActionSet.all().size);
  });

  test('union of ordinals and sets holds exactly their actions, with the words allocated over the whole span', () => {
    const all = catalogue().all;
    const size = catalogue().size;
    const s3 = patternSet('s3:Get*');
    const xray = patternSet('xray:*');
    const union = ActionSet.union([size - 1, 0, 31, 32], [s3, xray, ActionSet.empty()]);
    const expected = new Set([all[0], all[31], all[32], all[size - 1], ...s3, ...xray]);
    expect(union.ids()).toEqual(inOrder(expected));
    expect(union.size).toBe(expected.size);
    expect(union.lo).toBe(0);
    expect(union.words.length).toBe(((size - 1) >>> 5) + 1);
    expect(ActionSet.union([], []).isEmpty()).toBe(true);
    expect(ActionSet.union([], [s3]).ids()).toEqual(s3.ids());
    // The shared set it read from is unchanged.
    expect(s3.ids()).toEqual(inOrder(new Set(expandActionPattern('s3:Get*'))));
  });
});
