import fc from 'fast-check';
import { jsonEqual } from './json-equal';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('jsonEqual', () => {
  it('agrees with comparing JSON.stringify on the cases JSON treats specially', () => {
    const shared = { params: { text: 'x' } };
    const cases: Array<[unknown, unknown]> = [
      [{ a: 1, b: 2 }, { b: 2, a: 1 }], // key order counts
      [{ a: 1, b: undefined }, { a: 1 }], // undefined members are left out
      [{ a: 1, f: () => 1 }, { a: 1 }],
      [[1, undefined], [1, null]], // and written as null in arrays
      [[1, () => 1], [1, null]],
      [NaN, null],
      [-0, 0],
      [Infinity, NaN],
      [new Date(0), '1970-01-01T00:00:00.000Z'], // toJSON
      [{ d: new Date(0) }, { d: '1970-01-01T00:00:00.000Z' }],
      [{ toJSON: () => 'x' }, 'x'],
      [[1, 2], { 0: 1, 1: 2 }],
      [[], {}],
      ['a', 'b'],
      [{ a: shared, b: [shared] }, { a: shared, b: [{ params: { text: 'x' } }] }],
      [{ a: { b: 1 } }, { a: { b: '1' } }],
      [undefined, () => 1],
      [null, undefined],
    ];
    for (const [a, b] of cases) {
      expect(jsonEqual(a, b)).toBe(same(a, b));
      expect(jsonEqual(b, a)).toBe(same(b, a));
    }
  });

  it('agrees with comparing JSON.stringify on random JSON-like values', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, undefined, true, false, 0, 1, 'a', 'b'),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(same(a, b));
        expect(jsonEqual(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
