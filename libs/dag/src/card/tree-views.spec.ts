import { cloneTree, copyValue } from './tree-views';

describe('copyValue', () => {
  it('gives what structuredClone gives for JSON-like values, key order and undefined included, sharing nothing', () => {
    const value = { b: 1, a: [1, 'x', null, { c: undefined, 2: true, 1: -0 }], nested: { deep: [[{}]] }, s: 'é😀' };
    const copy = copyValue(value);
    expect(copy).toStrictEqual(structuredClone(value));
    expect(Object.keys(copy.a[3] as object)).toEqual(Object.keys(structuredClone(value).a[3] as object));
    expect(Object.is((copy.a[3] as { 1: number })[1], -0)).toBe(true);
    expect(copy.nested).not.toBe(value.nested);
    expect(copy.nested.deep[0][0]).not.toBe(value.nested.deep[0][0]);
  });

  it('gives a null-prototype object an ordinary prototype, as structuredClone does', () => {
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { k: 1 });
    // (Jest runs specs in their own realm, and structuredClone answers in Node's: compare what, not whose, prototype.)
    expect(Object.getPrototypeOf(copyValue(bare))).toBe(Object.prototype);
    expect(Object.getPrototypeOf(structuredClone(bare))).not.toBeNull();
  });

  it('leaves anything else to structuredClone: the same copy, or the same error', () => {
    const date = new Date(0);
    const withDate = { when: date, list: [new Map([[1, 2]])] };
    const copy = copyValue(withDate);
    const kind = (v: unknown): string => Object.prototype.toString.call(v);
    expect(kind(copy.when)).toBe('[object Date]');
    expect(copy.when.getTime()).toBe(0);
    expect(copy.when).not.toBe(date);
    expect(kind(copy.list[0])).toBe('[object Map]');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const c = copyValue(cyclic);
    expect(c.self).toBe(c);
    const proto = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expect(Object.keys(copyValue(proto))).toEqual(Object.keys(structuredClone(proto)));
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 3];
    expect(1 in copyValue(holes)).toBe(1 in structuredClone(holes));
    expect(() => copyValue({ f: () => 1 })).toThrow(/could not be cloned/);
  });

  it('is what cloneTree copies trees with', () => {
    const tree = [{ component: 'Section', params: { header: 'h' }, children: [{ component: 'DecoratedText', field: 'widgets', params: { text: 't' } }] }];
    expect(cloneTree(tree)).toStrictEqual(structuredClone(tree));
  });
});
