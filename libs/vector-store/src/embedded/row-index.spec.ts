import { ColumnIndex, type DenseScanEngine } from './column-index';
import { RowIndex, type SignPrefilter } from './row-index';

let seed = 11;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
const dense = (dim: number): Float32Array => Float32Array.from({ length: dim }, rnd);
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);
const EXACT: SignPrefilter = { minRows: Infinity, minCandidates: 0, perK: 0, fraction: 0, marginSd: 0 };

/** Rows around a few centres (as sentence vectors cluster by topic), so the nearest rows are well separated. */
function clustered(dim: number, rows: number, centres: number): Float32Array[] {
  const c = Array.from({ length: centres }, () => dense(dim));
  return Array.from({ length: rows }, (_, r) => Float32Array.from(c[r % centres], (x) => x + 0.6 * rnd()));
}

const fill = <T extends { set(row: number, v: Float32Array): void }>(index: T, rows: readonly Float32Array[]): T => {
  rows.forEach((v, r) => index.set(r, v));
  return index;
};

describe('RowIndex', () => {
  for (const [dim, n] of [[7, 33], [384, 300], [512, 517]] as const) {
    it(`ranks the rows the column scan ranks, in float order (${dim}-d, ${n} rows, masked, wasm and js)`, () => {
      const rows = Array.from({ length: n }, () => dense(dim));
      const columns = fill(new ColumnIndex(dim, 16, 'wasm'), rows);
      const mask = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 3 ? 0 : 1));
      const results = (['wasm', 'js'] as DenseScanEngine[]).map((engine) => {
        const index = fill(new RowIndex(dim, 16, engine, EXACT), rows);
        expect(index.engine).toBe(engine);
        return Array.from({ length: 3 }, (_, t) => {
          seed = 100 + t;
          const q = dense(dim);
          const got = index.top(q, n, 10, mask);
          expect(index.lastRoute).toBe('exact');
          // The same ten rows as the Int8 column scan (random rows: no near-ties at the 10th), re-scored in float.
          expect(new Set(got.map((h) => h.index))).toEqual(new Set(columns.top(q, n, 10, mask).map((h) => h.index)));
          for (const h of got) expect(Math.abs(h.score - dot(rows[h.index], q))).toBeLessThan(1e-3 * Math.sqrt(dim));
          return got;
        });
      });
      expect(results[0]).toEqual(results[1]);
    });
  }

  it('pre-selects by sign bits on large searches, never returns a masked row, and keeps the exact top rows', () => {
    const dim = 64;
    const n = 4000;
    const rows = clustered(dim, n, 40);
    const prefilter: SignPrefilter = { minRows: 1000, minCandidates: 100, perK: 10, fraction: 0.05, marginSd: 0 };
    const fast = fill(new RowIndex(dim, 16, 'wasm', prefilter), rows);
    const exact = fill(new RowIndex(dim, 16, 'wasm', EXACT), rows);
    const mask = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
    let kept = 0;
    for (let t = 0; t < 20; t++) {
      const q = Float32Array.from(rows[(t * 97) % n], (x) => x + 0.3 * rnd());
      const got = fast.top(q, n, 10, mask);
      expect(fast.lastRoute).toBe('prefilter');
      expect(got).toHaveLength(10);
      for (const h of got) expect(mask[h.index]).toBe(1);
      const want = new Set(exact.top(q, n, 10, mask).map((h) => h.index));
      kept += got.filter((h) => want.has(h.index)).length;
    }
    // 5 % of the rows re-scored: random picks would keep ~5 % of the exact top 10.
    expect(kept / 200).toBeGreaterThanOrEqual(0.95);
  });

  // 64-d rows have 32-byte sign rows (the kernel's general loop); 384- and 512-d ones 64-byte rows (its own path).
  for (const dim of [64, 384, 512]) {
    it(`pre-selects the same rows in WebAssembly as in JavaScript (${dim}-d, masked)`, () => {
      const n = 1500;
      const rows = clustered(dim, n, 30);
      const prefilter: SignPrefilter = { minRows: 1000, minCandidates: 100, perK: 10, fraction: 0.05, marginSd: 0.5 };
      const wasm = fill(new RowIndex(dim, 16, 'wasm', prefilter), rows);
      const js = fill(new RowIndex(dim, 16, 'js', prefilter), rows);
      expect(wasm.engine).toBe('wasm');
      const mask = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 1));
      for (let t = 0; t < 6; t++) {
        const q = Float32Array.from(rows[(t * 131) % n], (x) => x + 0.3 * rnd());
        const got = wasm.top(q, n, 10, mask);
        expect(wasm.lastRoute).toBe('prefilter');
        expect(got).toEqual(js.top(q, n, 10, mask));
        expect(wasm.lastScored).toBe(js.lastScored);
      }
    });
  }

  it('widens the selection by the Hamming margin when the query matches no row well', () => {
    const dim = 256;
    const n = 4000;
    const rows = clustered(dim, n, 40);
    const tight: SignPrefilter = { minRows: 1000, minCandidates: 40, perK: 1, fraction: 0, marginSd: 0 };
    const widened = fill(new RowIndex(dim, 16, 'wasm', { ...tight, marginSd: 2.1 }), rows);
    const budgetOnly = fill(new RowIndex(dim, 16, 'wasm', tight), rows);
    const exact = fill(new RowIndex(dim, 16, 'wasm', EXACT), rows);
    const mask = new Uint8Array(n).fill(1);
    const kept = { widened: 0, budgetOnly: 0 };
    for (let t = 0; t < 20; t++) {
      const q = dense(dim); // unrelated to every centre: its top 10 are near-ties far from it
      const want = new Set(exact.top(q, n, 10, mask).map((h) => h.index));
      kept.widened += widened.top(q, n, 10, mask).filter((h) => want.has(h.index)).length;
      expect(widened.lastScored).toBeGreaterThan(40);
      kept.budgetOnly += budgetOnly.top(q, n, 10, mask).filter((h) => want.has(h.index)).length;
      expect(budgetOnly.lastScored).toBeLessThan(200);
    }
    expect(kept.widened / 200).toBeGreaterThanOrEqual(0.85);
    expect(kept.budgetOnly).toBeLessThan(kept.widened);
  });

  it('scores every allowed row when the budget covers them (a selective filter is exact)', () => {
    const dim = 32;
    const n = 3000;
    const rows = clustered(dim, n, 10);
    const fast = fill(new RowIndex(dim, 16, 'wasm', { minRows: 1000, minCandidates: 200, perK: 1, fraction: 0, marginSd: 0 }), rows);
    const exact = fill(new RowIndex(dim, 16, 'wasm', EXACT), rows);
    const mask = Uint8Array.from({ length: n }, (_, i) => (i % 20 === 0 ? 1 : 0));
    const q = dense(dim);
    expect(fast.top(q, n, 10, mask)).toEqual(exact.top(q, n, 10, mask));
    expect(fast.lastRoute).toBe('exact');
  });

  it('orders near-ties the Int8 cells cannot tell apart by the residuals (float order of the top 10)', () => {
    const dim = 256;
    const base = dense(dim);
    // 100 rows within 2e-2 of one vector: about one Int8 step (~1/127 of the largest value).
    const rows = Array.from({ length: 100 }, () => Float32Array.from(base, (x) => x + 2e-2 * rnd()));
    const mask = new Uint8Array(rows.length).fill(1);
    const q = Float32Array.from(base, (x) => x + 0.1 * rnd());
    const want = rows.map((v, i) => ({ i, s: dot(v, q) })).sort((a, b) => b.s - a.s).slice(0, 10).map((h) => h.i);
    const got = fill(new RowIndex(dim, 16, 'wasm', EXACT), rows).top(q, rows.length, 10, mask);
    expect(got.map((h) => h.index)).toEqual(want);
    const int8 = fill(new ColumnIndex(dim, 16, 'wasm'), rows).top(q, rows.length, 10, mask);
    expect(int8.map((h) => h.index)).not.toEqual(want);
  });

  it('keeps its rows through growth and a forLoad / fromRows round trip', () => {
    const dim = 40;
    const rows = Array.from({ length: 200 }, () => dense(dim));
    const grown = fill(new RowIndex(dim, 16, 'wasm', EXACT), rows);
    const loaded = RowIndex.forLoad(dim, rows.length, 'wasm', EXACT);
    loaded.cells.set(grown.rowCells(rows.length));
    loaded.residuals.set(grown.rowResiduals(rows.length));
    loaded.scales.set(grown.rowScales.subarray(0, rows.length));
    loaded.signs.set(grown.rowSigns(rows.length));
    const copied = RowIndex.fromRows(dim, rows.length, grown.rowCells(rows.length), grown.rowResiduals(rows.length), grown.rowScales, grown.rowSigns(rows.length), 'js', EXACT);
    const mask = new Uint8Array(rows.length).fill(1);
    const q = dense(dim);
    const want = grown.top(q, rows.length, 5, mask);
    expect(loaded.owner.top(q, rows.length, 5, mask)).toEqual(want);
    expect(copied.top(q, rows.length, 5, mask)).toEqual(want);
  });
});
