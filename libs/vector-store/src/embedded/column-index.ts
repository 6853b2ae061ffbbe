import { topK } from '../search/top-k';
import { instantiateInt8Scan, int8ScanModule, type Int8ScanKernel } from './int8-scan/int8-scan';
import { queryWeightMax, rowScale } from './int8-quantize';

/**
 * How a `ColumnIndex` scores: `wasm` runs the hand-written SIMD-128 kernel (int8-scan.wat) over columns held in a
 * WebAssembly memory; `js` is the plain loop (the baseline the benchmark compares with, and the fallback where
 * WebAssembly SIMD is missing or the index outgrows a 4 GiB memory).
 */
export type DenseScanEngine = 'wasm' | 'js';

/** A wasm32 memory holds at most 65,536 pages of 64 KiB. */
const MAX_WASM_BYTES = 65536 * 65536;
/** Columns per kernel call: more open streams than this thrash the prefetcher on dense queries (measured). */
const DIMS_PER_PASS = 16;

const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

type Kernel = Int8ScanKernel;

/** Byte layout of one index's storage: columns (dimension-major, stride `capacity`), scales, accumulators, output, kernel arguments. */
class Layout {
  readonly scales: number;
  readonly acc: number;
  readonly out: number;
  readonly ptrs: number;
  readonly weights: number;
  readonly mask: number;
  readonly maxima: number;
  readonly total: number;
  constructor(dimension: number, readonly capacity: number) {
    this.scales = roundUp(dimension * capacity, 16);
    this.acc = this.scales + capacity * 4;
    this.out = this.acc + capacity * 4;
    this.ptrs = this.out + capacity * 4;
    this.weights = this.ptrs + dimension * 4;
    this.mask = roundUp(this.weights + dimension * 4, 16);
    this.maxima = this.mask + capacity;
    this.total = this.maxima + (capacity / 16) * 4;
  }
}

/**
 * An exact inner-product index in dimension-major (column) layout with Int8 quantisation (one scale per row).
 * Scoring touches only the query's non-zero dimensions: cost = nnz(query) × rows, sequential memory per column.
 * With the `wasm` engine the query is quantised to integers (|w| ≤ 2^14, error ~1e-4 of the largest weight) and
 * sixteen rows are scored per SIMD step; the result is the same Int8 inner product to float rounding.
 */
export class ColumnIndex {
  private capacity = 0;
  private layout!: Layout;
  private buffer!: ArrayBuffer;
  /** Views of the current buffer (replaced on growth). */
  private cells!: Int8Array;
  private scales!: Float32Array;
  private kernel: Kernel | null = null;
  private engineInUse: DenseScanEngine;

  constructor(
    readonly dimension: number,
    initialCapacity = 1024,
    engine: DenseScanEngine = defaultDenseScanEngine(),
  ) {
    this.engineInUse = engine;
    this.allocate(roundUp(Math.max(16, initialCapacity), 16));
  }

  /** An index over `rows` rows holding a copy of the given columns and scales (e.g. views into a snapshot file). */
  static fromColumns(dimension: number, rows: number, columns: readonly Int8Array[], scales: Float32Array, engine?: DenseScanEngine): ColumnIndex {
    if (columns.length !== dimension || scales.length < rows || columns.some((c) => c.length < rows)) {
      throw new RangeError(`column index state does not hold ${rows} rows of dimension ${dimension}`);
    }
    const index = new ColumnIndex(dimension, rows, engine);
    const cap = index.capacity;
    for (let d = 0; d < dimension; d++) index.cells.set(columns[d].subarray(0, rows), d * cap);
    index.scales.set(scales.subarray(0, rows));
    return index;
  }

  /** An empty index of `rows` rows and the arrays to read them into (its own scales and columns, `rows` long each). */
  static forLoad(dimension: number, rows: number, engine?: DenseScanEngine): { owner: ColumnIndex; scales: Float32Array; columns: Int8Array[] } {
    const owner = new ColumnIndex(dimension, rows, engine);
    return { owner, scales: owner.scales.subarray(0, rows), columns: Array.from({ length: dimension }, (_, d) => owner.column(d).subarray(0, rows)) };
  }

  /** The engine actually scoring (`wasm` falls back to `js` when the memory cannot hold the index). */
  get engine(): DenseScanEngine {
    return this.engineInUse;
  }

  /** Column `d` (a live view: rows [0, n) are the ones set). */
  column(d: number): Int8Array {
    return new Int8Array(this.buffer, d * this.capacity, this.capacity);
  }

  get rowScales(): Float32Array {
    return this.scales;
  }

  /** Bytes held by the index (for memory reports). */
  get bytes(): number {
    return this.layout.total;
  }

  /** Grows to at least `rows`: exactly `rows` (rounded up to 16) when `exact`, else by doubling. */
  ensureCapacity(rows: number, exact = false): void {
    if (rows <= this.capacity) return;
    let next = this.capacity;
    if (exact) next = rows;
    else while (next < rows) next *= 2;
    const oldCells = this.cells;
    const oldScales = this.scales;
    const oldCap = this.capacity;
    this.allocate(roundUp(next, 16));
    for (let d = 0; d < this.dimension; d++) this.cells.set(oldCells.subarray(d * oldCap, (d + 1) * oldCap), d * this.capacity);
    this.scales.set(oldScales);
  }

  private allocate(capacity: number): void {
    const layout = new Layout(this.dimension, capacity);
    this.kernel = null;
    if (this.engineInUse === 'wasm') {
      if (layout.total <= MAX_WASM_BYTES) {
        try {
          const bound = instantiateInt8Scan(layout.total);
          if (bound) {
            this.kernel = bound.kernel;
            this.buffer = bound.memory.buffer;
          }
        } catch (err) {
          if (!(err instanceof RangeError)) throw err;
        }
      }
      if (!this.kernel) this.engineInUse = 'js';
    }
    if (!this.kernel) this.buffer = new ArrayBuffer(layout.total);
    this.layout = layout;
    this.capacity = capacity;
    this.cells = new Int8Array(this.buffer, 0, this.dimension * capacity);
    this.scales = new Float32Array(this.buffer, layout.scales, capacity);
  }

  set(row: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new RangeError(`vector has ${vector.length} dimensions, index has ${this.dimension}`);
    this.ensureCapacity(row + 1);
    const scale = rowScale(vector);
    this.scales[row] = scale;
    const inv = scale === 0 ? 0 : 1 / scale;
    const cells = this.cells;
    const cap = this.capacity;
    for (let d = 0; d < vector.length; d++) cells[d * cap + row] = Math.round(vector[d] * inv);
  }

  /**
   * Approximate inner products of `query` with rows [0, n): a view valid until the next `score`, `set` or growth
   * (entries at n and beyond are meaningless).
   */
  score(query: Float32Array, n: number): Float32Array {
    if (query.length !== this.dimension) throw new RangeError(`query has ${query.length} dimensions, index has ${this.dimension}`);
    const out = new Float32Array(this.buffer, this.layout.out, this.capacity);
    const { dims, maxAbs } = nonZeroDims(query);
    if (dims.length === 0 || n === 0) {
      out.fill(0, 0, n);
      return out;
    }
    if (this.kernel) this.scoreWasm(this.kernel, query, dims, maxAbs, n);
    else this.scoreJs(query, dims, n, out);
    return out;
  }

  /** Integer weights of the query's non-zero dimensions into the kernel's arguments and the sums into `acc`. */
  private accumulate(kernel: Kernel, query: Float32Array, dims: readonly number[], maxAbs: number, n: number): { n16: number; k: number } {
    const { layout, capacity: cap } = this;
    const k = maxAbs / queryWeightMax(this.dimension);
    const ptrs = new Int32Array(this.buffer, layout.ptrs, this.dimension);
    const weights = new Int32Array(this.buffer, layout.weights, this.dimension);
    let nd = 0;
    for (const d of dims) {
      const w = Math.round(query[d] / k);
      if (w === 0) continue;
      ptrs[nd] = d * cap;
      weights[nd++] = w;
    }
    const n16 = Math.min(cap, roundUp(n, 16));
    new Int32Array(this.buffer, layout.acc, n16).fill(0);
    for (let j = 0; j < nd; j += DIMS_PER_PASS) {
      kernel.accumulate(layout.ptrs + 4 * j, layout.weights + 4 * j, Math.min(DIMS_PER_PASS, nd - j), n16, layout.acc);
    }
    return { n16, k };
  }

  private scoreWasm(kernel: Kernel, query: Float32Array, dims: readonly number[], maxAbs: number, n: number): void {
    const { n16, k } = this.accumulate(kernel, query, dims, maxAbs, n);
    kernel.finish(this.layout.acc, this.layout.scales, n16, k, this.layout.out);
  }

  /**
   * The `k` best rows of [0, n) allowed by `mask`, best first (ties: lower row first) — what `topK` over `score`
   * returns. With the kernel, rows come scored and masked with per-16-row maxima: the k-th best maximum bounds the
   * k-th best score from below, so only blocks reaching it are visited (exact, not approximate).
   */
  top(query: Float32Array, n: number, k: number, mask: Uint8Array): Array<{ index: number; score: number }> {
    const kernel = this.kernel;
    if (!kernel || k <= 0 || n === 0) return topK(this.score(query, n), n, k, mask);
    if (query.length !== this.dimension) throw new RangeError(`query has ${query.length} dimensions, index has ${this.dimension}`);
    const { dims, maxAbs } = nonZeroDims(query);
    if (dims.length === 0) return topK(this.score(query, n), n, k, mask);
    const { layout } = this;
    const { n16, k: qk } = this.accumulate(kernel, query, dims, maxAbs, n);
    const maskView = new Uint8Array(this.buffer, layout.mask, n16);
    maskView.set(mask.length >= n ? mask.subarray(0, n) : mask);
    if (mask.length < n) maskView.fill(0, mask.length, n);
    maskView.fill(0, n, n16);
    kernel.finish_masked(layout.acc, layout.scales, layout.mask, n16, qk, layout.out, layout.maxima);
    const blocks = n16 / 16;
    const maxima = new Float32Array(this.buffer, layout.maxima, blocks);
    const best = topK(maxima, blocks, k);
    const threshold = best.length === k ? best[k - 1].score : -Infinity;
    const out = new Float32Array(this.buffer, layout.out, n16);
    const rows: number[] = [];
    const scores: number[] = [];
    for (let b = 0; b < blocks; b++) {
      const m = maxima[b];
      if (m < threshold || m === -Infinity) continue;
      for (let i = b * 16, end = Math.min(n, i + 16); i < end; i++) {
        const s = out[i];
        if (s >= threshold && s !== -Infinity) {
          rows.push(i);
          scores.push(s);
        }
      }
    }
    return topK(Float32Array.from(scores), scores.length, k).map(({ index, score }) => ({ index: rows[index], score }));
  }

  private scoreJs(query: Float32Array, dims: readonly number[], n: number, out: Float32Array): void {
    out.fill(0, 0, n);
    const col = (d: number): Int8Array => this.cells.subarray(d * this.capacity, d * this.capacity + n);
    let j = 0;
    // Four query dimensions per pass over the rows: a quarter of the read-modify-write traffic on `out`.
    for (; j + 4 <= dims.length; j += 4) {
      const q0 = query[dims[j]];
      const q1 = query[dims[j + 1]];
      const q2 = query[dims[j + 2]];
      const q3 = query[dims[j + 3]];
      const c0 = col(dims[j]);
      const c1 = col(dims[j + 1]);
      const c2 = col(dims[j + 2]);
      const c3 = col(dims[j + 3]);
      for (let i = 0; i < n; i++) out[i] += q0 * c0[i] + q1 * c1[i] + q2 * c2[i] + q3 * c3[i];
    }
    for (; j < dims.length; j++) {
      const q = query[dims[j]];
      const c = col(dims[j]);
      for (let i = 0; i < n; i++) out[i] += q * c[i];
    }
    const scales = this.scales;
    for (let i = 0; i < n; i++) out[i] *= scales[i];
  }
}

/** `wasm` where this runtime validates the SIMD kernel, else `js`. */
export function defaultDenseScanEngine(): DenseScanEngine {
  return int8ScanModule() ? 'wasm' : 'js';
}

/** The dimensions a query uses and its largest magnitude: a sparse (hashing) query skips every zero column. */
function nonZeroDims(query: Float32Array): { dims: number[]; maxAbs: number } {
  const dims: number[] = [];
  let maxAbs = 0;
  for (let d = 0; d < query.length; d++) {
    if (query[d] !== 0) {
      dims.push(d);
      maxAbs = Math.max(maxAbs, Math.abs(query[d]));
    }
  }
  return { dims, maxAbs };
}
