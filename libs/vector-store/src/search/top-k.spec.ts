import fc from 'fast-check';
import { topK } from './top-k';

describe('topK', () => {
  it('equals sorting the allowed entries (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.float({ noNaN: true, min: -1e6, max: 1e6 }), fc.boolean()), { maxLength: 200 }), fc.integer({ min: 0, max: 30 }), (rows, k) => {
        const scores = Float32Array.from(rows.map((r) => r[0]));
        const mask = Uint8Array.from(rows.map((r) => (r[1] ? 1 : 0)));
        const expected = rows
          .map((r, index) => ({ index, score: scores[index], ok: r[1] }))
          .filter((r) => r.ok)
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .slice(0, k)
          .map(({ index, score }) => ({ index, score }));
        expect(topK(scores, rows.length, k, mask)).toEqual(expected);
      }),
    );
  });
});
