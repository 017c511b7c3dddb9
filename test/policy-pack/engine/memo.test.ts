import { lazy, Memo, memoize, memoizeByIdentity } from '../../../policy-pack/engine/memo';

describe('Memo', () => {
  test('computes a missing value once and serves it after', () => {
    const compute = jest.fn((key: string) => key.length);
    const memo = new Memo<string, number>({ limit: 8 });
    expect(memo.get('abc', compute)).toBe(3);
    expect(memo.get('abc', compute)).toBe(3);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  test('keeps falsy values (0, null, false) as cached', () => {
    const compute = jest.fn((): null => null);
    const memo = new Memo<string, null>({ limit: 8 });
    memo.get('x', compute);
    memo.get('x', compute);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  test('a bounded memo keeps at most its limit, the least recently used out first', () => {
    const compute = jest.fn((key: string) => key);
    const memo = new Memo<string, string>({ limit: 2 });
    memo.get('a', compute);
    memo.get('b', compute);
    memo.get('a', compute); // a is now the most recently used
    memo.get('c', compute); // evicts b
    expect(memo.size).toBe(2);
    compute.mockClear();
    memo.get('a', compute);
    memo.get('c', compute);
    expect(compute).not.toHaveBeenCalled();
    memo.get('b', compute);
    expect(compute).toHaveBeenCalledWith('b');
  });

  test('an unbounded memo keeps everything', () => {
    const memo = new Memo<number, number>({ limit: 'unbounded' });
    for (let i = 0; i < 1000; i++) memo.get(i, (k) => k * 2);
    expect(memo.size).toBe(1000);
  });

  test('a computation that throws is not cached', () => {
    let calls = 0;
    const parse = memoize(
      (text: string): unknown => {
        calls++;
        return JSON.parse(text);
      },
      { limit: 4 },
    );
    expect(() => parse('{')).toThrow();
    expect(() => parse('{')).toThrow();
    expect(calls).toBe(2);
  });
});

describe('memoizeByIdentity', () => {
  test('caches per object, not per equal value', () => {
    const compute = jest.fn((list: readonly number[]) => list.length);
    const byIdentity = memoizeByIdentity(compute);
    const list = [1, 2];
    byIdentity(list);
    byIdentity(list);
    byIdentity([1, 2]);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('lazy', () => {
  test('computes on first use only', () => {
    const compute = jest.fn(() => ({ loaded: true }));
    const value = lazy(compute);
    expect(compute).not.toHaveBeenCalled();
    expect(value()).toBe(value());
    expect(compute).toHaveBeenCalledTimes(1);
  });
});
