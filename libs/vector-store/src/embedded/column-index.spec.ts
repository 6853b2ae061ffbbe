import { topK } from '../search/top-k';
import { ColumnIndex, defaultDenseScanEngine, type DenseScanEngine } from './column-index';

let seed = 7;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
const vector = (dim: number, density: number): Float32Array => Float32Array.from({ length: dim }, () => (Math.abs(rnd()) < density ? rnd() : 0));
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe('ColumnIndex', () => {
  it('runs the WebAssembly SIMD kernel by default on this Node', () => {
    expect(defaultDenseScanEngine()).toBe('wasm');
    expect(new ColumnIndex(8).engine).toBe('wasm');
  });

  for (const engine of ['wasm', 'js'] as DenseScanEngine[]) {
    it(`approximates inner products within Int8 quantisation error and survives growth (${engine})`, () => {
      const dim = 16;
      const index = new ColumnIndex(dim, 16, engine);
      const rows: Float32Array[] = [];
      for (let r = 0; r < 100; r++) {
        const v = Float32Array.from({ length: dim }, rnd);
        rows.push(v);
        index.set(r, v);
      }
      expect(index.engine).toBe(engine);
      const q = Float32Array.from({ length: dim }, (_, i) => (i % 3 === 0 ? rnd() : 0));
      const out = index.score(q, 100);
      for (let r = 0; r < 100; r++) expect(Math.abs(out[r] - dot(rows[r], q))).toBeLessThan(0.03);
    });
  }

  // Dimensions that are not multiples of 16, row counts that are not either, sparse and dense queries: the kernel
  // must equal the plain loop over the same Int8 cells (the only difference is the integer query).
  for (const [dim, rowsN] of [[7, 33], [64, 100], [384, 1000], [512, 517]] as const) {
    it(`the SIMD kernel equals the plain loop (${dim}-d, ${rowsN} rows, sparse and dense queries)`, () => {
      const wasm = new ColumnIndex(dim, 16, 'wasm');
      const js = new ColumnIndex(dim, 16, 'js');
      for (let r = 0; r < rowsN; r++) {
        const v = vector(dim, r % 2 ? 0.1 : 1);
        wasm.set(r, v);
        js.set(r, v);
      }
      for (const density of [0.05, 0.3, 1]) {
        const q = vector(dim, density);
        const a = Float32Array.from(wasm.score(q, rowsN).subarray(0, rowsN));
        const b = js.score(q, rowsN).subarray(0, rowsN);
        const scale = Math.max(1e-9, ...b.map(Math.abs));
        for (let r = 0; r < rowsN; r++) expect(Math.abs(a[r] - b[r]) / scale).toBeLessThan(1e-3);
      }
    });
  }

  it('top(k) under a mask equals topK over every score, ties included (block maxima only skip blocks)', () => {
    for (const [dim, n, k, allowed] of [[32, 1000, 10, 0.5], [32, 1000, 50, 0.02], [8, 37, 50, 0.6], [16, 500, 5, 0]] as const) {
      const index = new ColumnIndex(dim, 16, 'wasm');
      // Few distinct rows: many equal scores, as in a corpus of repeated descriptions.
      const distinct = Array.from({ length: 7 }, () => vector(dim, 0.5));
      for (let r = 0; r < n; r++) index.set(r, distinct[r % 7]);
      const mask = Uint8Array.from({ length: n }, () => (Math.abs(rnd()) < allowed ? 1 : 0));
      const q = vector(dim, 0.5);
      const expected = topK(Float32Array.from(index.score(q, n).subarray(0, n)), n, k, mask);
      expect(index.top(q, n, k, mask)).toEqual(expected);
    }
  });

  it('copies columns handed to it (a snapshot buffer can be dropped) and scores them like the original', () => {
    const dim = 24;
    const original = new ColumnIndex(dim, 16);
    for (let r = 0; r < 50; r++) original.set(r, vector(dim, 0.5));
    const columns = Array.from({ length: dim }, (_, d) => Int8Array.from(original.column(d).subarray(0, 50)));
    const scales = Float32Array.from(original.rowScales.subarray(0, 50));
    const copy = ColumnIndex.fromColumns(dim, 50, columns, scales);
    columns.forEach((c) => c.fill(0));
    const q = vector(dim, 1);
    expect(Array.from(copy.score(q, 50).subarray(0, 50))).toEqual(Array.from(original.score(q, 50).subarray(0, 50)));
  });

  it('scores zero for an all-zero query and rejects vectors of another dimension', () => {
    const index = new ColumnIndex(4);
    index.set(0, Float32Array.of(1, 0, 0, 0));
    expect(index.score(new Float32Array(4), 1)[0]).toBe(0);
    expect(() => index.set(1, new Float32Array(3))).toThrow(RangeError);
    expect(() => index.score(new Float32Array(3), 1)).toThrow(RangeError);
  });
});
