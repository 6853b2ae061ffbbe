import { ColumnIndex } from './column-index';

describe('ColumnIndex', () => {
  it('approximates inner products within Int8 quantisation error and survives growth', () => {
    const dim = 16;
    const index = new ColumnIndex(dim, 16);
    const rows: Float32Array[] = [];
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    for (let r = 0; r < 100; r++) {
      const v = Float32Array.from({ length: dim }, rnd);
      rows.push(v);
      index.set(r, v);
    }
    const q = Float32Array.from({ length: dim }, (_, i) => (i % 3 === 0 ? rnd() : 0));
    const out = new Float32Array(100);
    index.score(q, 100, out);
    for (let r = 0; r < 100; r++) {
      const exact = rows[r].reduce((s, x, i) => s + x * q[i], 0);
      expect(Math.abs(out[r] - exact)).toBeLessThan(0.03);
    }
  });

  it('rejects vectors of another dimension', () => {
    expect(() => new ColumnIndex(4).set(0, new Float32Array(3))).toThrow(RangeError);
  });
});
