import { topK } from '../search/top-k';
import { defaultDenseScanEngine, type DenseScanEngine } from './column-index';
import { instantiateInt8Scan, type Int8RowKernel } from './int8-scan/int8-scan';
import { queryWeightMax, RESIDUAL_STEPS, rowScale } from './int8-quantize';
import { jsRowKernel } from './row-kernel-js';

/**
 * When a `RowIndex` pre-selects by sign bits: with at least `minRows` rows and more allowed rows than the budget,
 * the rows whose sign bits are nearest the query's (Hamming distance) are re-scored exactly, the rest skipped.
 * Budget = max(`minCandidates`, `perK` × k, `fraction` × allowed rows), all rows tied with the last one included;
 * and every row within `marginSd` standard deviations of the nearest one, where one is √bits / 2, the spread of
 * the distance between unrelated codes. A query that matches nothing well has no clear nearest rows: the margin
 * then widens the selection instead of cutting through near-ties.
 */
export interface SignPrefilter {
  minRows: number;
  minCandidates: number;
  perK: number;
  fraction: number;
  marginSd: number;
}

/**
 * Chosen on 100k use-lite description vectors with tuning queries only (the bench's synthetic `recallQueries` and
 * the eval set's tuning split): 3 % alone held 99.7 % of the Int8 top 10 for the synthetic queries but 95.2 % for
 * the eval's, which match the corpus loosely; a margin of 2.1 sd (24 bits at 512-d) brought those to 99.0 % with
 * 7.9k rows re-scored on average. Held-out figures are in docs/benchmarks.md. `minRows: Infinity` = always exact.
 */
export const DEFAULT_SIGN_PREFILTER: SignPrefilter = { minRows: 20_000, minCandidates: 3_000, perK: 40, fraction: 0.03, marginSd: 2.1 };

/**
 * Cells are round(v / scale); a second byte per cell keeps what that rounding lost, in 1/254ths of a step
 * (|v / scale − cell| ≤ 0.5), so v ≈ scale · (cell + residual / 254): about 15 bits per value. The Int8 scan ranks;
 * its best `refineCount(k)` rows are then re-scored with the query's float values against these finer cells, so
 * the order of the top k no longer swaps near-ties the Int8 rounding cannot tell apart.
 */
const refineCount = (k: number): number => 2 * k + 10;

/** How the last `top` ran: every allowed row scored, or only the sign-bit pre-selection. */
export type RowRoute = 'exact' | 'prefilter';

const MAX_WASM_BYTES = 65536 * 65536;
const roundUp = (n: number, m: number): number => Math.ceil(n / m) * m;

/** Rows re-scored per `refine_rows` call (their residuals are copied into the kernel's memory first). */
const REFINE_CHUNK = 64;

/**
 * Byte layout of one RowIndex memory: rows, scales, sign bits, then the per-search scratch (mask, distances,
 * candidates, scores, histogram, query, and the refinement's rows, residuals, float query and sums).
 */
class RowLayout {
  readonly stride: number;
  readonly sstride: number;
  readonly scales: number;
  readonly signs: number;
  readonly mask: number;
  readonly dist: number;
  readonly cand: number;
  readonly out: number;
  readonly hist: number;
  readonly query: number;
  readonly qsign: number;
  readonly refineRows: number;
  readonly refineResiduals: number;
  readonly queryF64: number;
  readonly refineOut: number;
  readonly total: number;
  constructor(readonly dimension: number, readonly capacity: number) {
    this.stride = roundUp(dimension, 32);
    this.sstride = roundUp(Math.ceil(dimension / 8), 32);
    this.scales = capacity * this.stride;
    this.signs = this.scales + capacity * 4;
    this.mask = this.signs + capacity * this.sstride;
    this.dist = this.mask + capacity;
    this.cand = roundUp(this.dist + capacity * 2, 16);
    this.out = this.cand + capacity * 4;
    this.hist = this.out + capacity * 4;
    this.query = roundUp(this.hist + (this.sstride * 8 + 1) * 4, 16);
    this.qsign = this.query + this.stride * 2;
    this.refineRows = roundUp(this.qsign + this.sstride, 16);
    this.refineResiduals = this.refineRows + REFINE_CHUNK * 4;
    this.queryF64 = roundUp(this.refineResiduals + REFINE_CHUNK * this.stride, 16);
    this.refineOut = this.queryF64 + this.stride * 8;
    this.total = this.refineOut + REFINE_CHUNK * 8;
  }
}

/**
 * Residual rows still in a snapshot file: read one row when a search first re-scores it, a range of them without
 * blocking (in the background), or all of them before the index changes. Each checks what it read and throws (or
 * rejects with) `SnapshotSectionError` when it does not match.
 */
export interface ResidualRows {
  readRow(row: number, into: Int8Array): void;
  /** Rows [from, to), `stride` bytes each. */
  readRows(from: number, to: number): Promise<Int8Array>;
  readAll(into: Int8Array): void;
  release(): void;
}

/**
 * An inner-product index over dense vectors in row-major layout with Int8 quantisation (one scale per row, the
 * same cells as `ColumnIndex`) and a residual byte per cell for the final order, plus one sign bit per dimension and
 * row. A column scan costs
 * dimension × rows for a dense query whatever the filter; here, large searches first rank every allowed row by the
 * Hamming distance of its sign bits to the query's (64 bytes a row at 512-d instead of 512) and score exactly only
 * the nearest few percent, read row by row. Filters are applied before anything is scored, so they stay exact.
 */
export class RowIndex {
  private layout!: RowLayout;
  private buffer!: ArrayBuffer;
  private cells!: Int8Array;
  private residuals!: Int8Array;
  private scales!: Float32Array;
  private signs!: Uint8Array;
  private kernel!: Int8RowKernel;
  private engineInUse: DenseScanEngine;
  /** How the last `top` ran (tests and the benchmark check which path served a search). */
  lastRoute: RowRoute = 'exact';
  /** Rows the last `top` scored exactly (all allowed rows on the exact route). */
  lastScored = 0;
  /** Residuals left in the snapshot (`rows` of them), and which rows have been read since. */
  private residualSource: { rows: ResidualRows; count: number; read: Uint8Array } | null = null;
  private filling: Promise<void> | null = null;

  constructor(
    readonly dimension: number,
    initialCapacity = 1024,
    engine: DenseScanEngine = defaultDenseScanEngine(),
    readonly prefilter: SignPrefilter = DEFAULT_SIGN_PREFILTER,
  ) {
    this.engineInUse = engine;
    this.allocate(roundUp(Math.max(16, initialCapacity), 16));
  }

  /** An empty index of `rows` rows and the arrays to read them into (its own cells, residuals, scales and sign bits). */
  static forLoad(dimension: number, rows: number, engine?: DenseScanEngine, prefilter?: SignPrefilter): { owner: RowIndex; scales: Float32Array; cells: Int8Array; residuals: Int8Array; signs: Uint8Array } {
    const owner = new RowIndex(dimension, rows, engine, prefilter);
    return { owner, scales: owner.scales.subarray(0, rows), cells: owner.rowCells(rows), residuals: owner.rowResiduals(rows), signs: owner.rowSigns(rows) };
  }

  /** An index holding a copy of `rows` rows (cells and residuals `stride` bytes a row, sign bits `signStride` bytes a row). */
  static fromRows(dimension: number, rows: number, cells: Int8Array, residuals: Int8Array, scales: Float32Array, signs: Uint8Array, engine?: DenseScanEngine, prefilter?: SignPrefilter): RowIndex {
    const index = new RowIndex(dimension, rows, engine, prefilter);
    const bytes = rows * index.stride;
    if (cells.length < bytes || residuals.length < bytes || scales.length < rows || signs.length < rows * index.signStride) {
      throw new RangeError(`row index state does not hold ${rows} rows of dimension ${dimension}`);
    }
    index.cells.set(cells.subarray(0, bytes));
    index.residuals.set(residuals.subarray(0, bytes));
    index.scales.set(scales.subarray(0, rows));
    index.signs.set(signs.subarray(0, rows * index.signStride));
    return index;
  }

  get engine(): DenseScanEngine {
    return this.engineInUse;
  }

  /** Bytes per row of cells (the dimension rounded up to 32). */
  get stride(): number {
    return this.layout.stride;
  }

  /** Bytes per row of sign bits (dimension / 8, rounded up to 32). */
  get signStride(): number {
    return this.layout.sstride;
  }

  get bytes(): number {
    return this.layout.total + this.residuals.byteLength;
  }

  /**
   * Leaves the residuals of rows [0, count) in the snapshot: `refinedScores` reads a row when it first needs it (a
   * one-shot search re-scores ~30 rows, and reads 30 × 512 bytes instead of 51 MB at 100k). Any change or export
   * reads the rest first.
   */
  attachResidualRows(rows: ResidualRows, count: number): void {
    this.residualSource = { rows, count, read: new Uint8Array(count) };
  }

  /** Residual rows read on demand so far, of those left in the snapshot (null: none left there). */
  get residualRowsRead(): number | null {
    const src = this.residualSource;
    return src ? src.read.reduce((n, r) => n + r, 0) : null;
  }

  /** Reads every residual row still in the snapshot (before a change or an export, or to hold it all). */
  loadResiduals(): void {
    const src = this.residualSource;
    if (!src) return;
    src.rows.readAll(this.residuals.subarray(0, src.count * this.layout.stride));
    src.rows.release();
    this.residualSource = null;
  }

  /**
   * Reads the residual rows still in the snapshot `chunkRows` at a time without blocking (a server, after its
   * vectors are loaded), so that searches stop reading rows from the file. Ends once every row is in, when the
   * residuals are loaded or released otherwise, or at a row that does not check out: a search that re-scores that
   * row then finds it (`SnapshotSectionError`) and the index is rebuilt.
   */
  fillResiduals(chunkRows = 4096): Promise<void> {
    // One fill at a time: a second `warm()` waits for the first rather than reading every row again.
    this.filling ??= this.fill(chunkRows);
    return this.filling;
  }

  private async fill(chunkRows: number): Promise<void> {
    const src = this.residualSource;
    if (!src) return;
    const { stride } = this.layout;
    for (let from = 0; from < src.count; from += chunkRows) {
      const to = Math.min(src.count, from + chunkRows);
      let bytes: Int8Array;
      try {
        bytes = await src.rows.readRows(from, to);
      } catch {
        return;
      }
      if (this.residualSource !== src) return;
      for (let r = from; r < to; r++) {
        if (src.read[r]) continue;
        this.residuals.set(bytes.subarray((r - from) * stride, (r - from + 1) * stride), r * stride);
        src.read[r] = 1;
      }
    }
    if (this.residualSource !== src) return;
    src.rows.release();
    this.residualSource = null;
  }

  /** Lets go of residual rows still in the snapshot (the index is being replaced). */
  release(): void {
    this.residualSource?.rows.release();
  }

  get rowScales(): Float32Array {
    return this.scales;
  }

  /** Rows [0, rows) of cells, a live view. */
  rowCells(rows: number): Int8Array {
    return this.cells.subarray(0, rows * this.layout.stride);
  }

  /** Rows [0, rows) of residuals, a live view (every row read in, if some were still in the snapshot). */
  rowResiduals(rows: number): Int8Array {
    this.loadResiduals();
    return this.residuals.subarray(0, rows * this.layout.stride);
  }

  /** Rows [0, rows) of sign bits, a live view. */
  rowSigns(rows: number): Uint8Array {
    return this.signs.subarray(0, rows * this.layout.sstride);
  }

  ensureCapacity(rows: number, exact = false): void {
    const cap = this.layout.capacity;
    if (rows <= cap) return;
    this.loadResiduals();
    let next = cap;
    if (exact) next = rows;
    else while (next < rows) next *= 2;
    const [cells, residuals, scales, signs] = [this.cells, this.residuals, this.scales, this.signs];
    this.allocate(roundUp(next, 16));
    this.cells.set(cells);
    this.residuals.set(residuals);
    this.scales.set(scales);
    this.signs.set(signs);
  }

  private allocate(capacity: number): void {
    const layout = new RowLayout(this.dimension, capacity);
    let bound: ReturnType<typeof instantiateInt8Scan> = null;
    if (this.engineInUse === 'wasm' && layout.total <= MAX_WASM_BYTES) {
      try {
        bound = instantiateInt8Scan(layout.total);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
      }
    }
    if (bound) {
      this.buffer = bound.memory.buffer;
      this.kernel = bound.kernel;
    } else {
      this.engineInUse = 'js';
      this.buffer = new ArrayBuffer(layout.total);
      this.kernel = jsRowKernel(this.buffer);
    }
    this.layout = layout;
    this.cells = new Int8Array(this.buffer, 0, capacity * layout.stride);
    // Outside the kernel's memory: a search copies in only the rows it re-scores (`refinedScores`).
    this.residuals = new Int8Array(capacity * layout.stride);
    this.scales = new Float32Array(this.buffer, layout.scales, capacity);
    this.signs = new Uint8Array(this.buffer, layout.signs, capacity * layout.sstride);
  }

  set(row: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new RangeError(`vector has ${vector.length} dimensions, index has ${this.dimension}`);
    this.loadResiduals();
    this.ensureCapacity(row + 1);
    const { stride, sstride } = this.layout;
    const scale = rowScale(vector);
    this.scales[row] = scale;
    const inv = scale === 0 ? 0 : 1 / scale;
    const at = row * stride;
    const sat = row * sstride;
    this.signs.fill(0, sat, sat + sstride);
    for (let d = 0; d < vector.length; d++) {
      const x = vector[d] * inv;
      const cell = Math.round(x);
      this.cells[at + d] = cell;
      this.residuals[at + d] = Math.round((x - cell) * RESIDUAL_STEPS);
      if (cell > 0) this.signs[sat + (d >> 3)] |= 1 << (d & 7);
    }
  }

  /**
   * The `k` best rows of [0, n) allowed by `mask`, best first (ties: lower row first): ranked by the Int8 inner
   * product, the best `refineCount(k)` of them re-scored against the query's float values with the residuals (the
   * scores returned). Every allowed row is ranked below `prefilter.minRows` rows or when the budget covers every
   * allowed row; otherwise the rows nearest in sign bits.
   */
  top(query: Float32Array, n: number, k: number, mask: Uint8Array): Array<{ index: number; score: number }> {
    if (query.length !== this.dimension) throw new RangeError(`query has ${query.length} dimensions, index has ${this.dimension}`);
    if (k <= 0 || n === 0) return [];
    const { layout, kernel } = this;
    const maskView = new Uint8Array(this.buffer, layout.mask, n);
    maskView.set(mask.length >= n ? mask.subarray(0, n) : mask);
    if (mask.length < n) maskView.fill(0, mask.length, n);
    const weightScale = this.quantizeQuery(query);
    let count: number;
    this.lastRoute = 'exact';
    if (n < this.prefilter.minRows) {
      count = kernel.select_mask(layout.mask, n, layout.cand);
    } else {
      const hist = new Int32Array(this.buffer, layout.hist, layout.sstride * 8 + 1).fill(0);
      kernel.hamming(layout.signs, layout.sstride, layout.qsign, layout.mask, n, layout.dist, layout.hist);
      let allowed = 0;
      for (let h = 0; h < hist.length; h++) allowed += hist[h];
      const { minCandidates, perK, fraction, marginSd } = this.prefilter;
      const budget = Math.max(minCandidates, perK * k, Math.ceil(fraction * allowed));
      let cutoff = 65534;
      if (allowed > budget) {
        let nearest = 0;
        while (nearest < hist.length - 1 && hist[nearest] === 0) nearest++;
        let seen = 0;
        for (cutoff = 0; cutoff < hist.length - 1; cutoff++) if ((seen += hist[cutoff]) >= budget) break;
        cutoff = Math.max(cutoff, nearest + Math.round((marginSd * Math.sqrt(this.dimension)) / 2));
        if (cutoff < hist.length - 1) this.lastRoute = 'prefilter';
      }
      count = kernel.select_within(layout.dist, n, cutoff, layout.cand);
    }
    this.lastScored = count;
    if (count === 0 || weightScale === 0) {
      // A zero query scores every row 0: the first allowed rows, as the exact scan would rank them.
      const cand = new Int32Array(this.buffer, layout.cand, count);
      return Array.from(cand.subarray(0, Math.min(k, count)), (index) => ({ index, score: 0 }));
    }
    kernel.dot_rows(0, layout.stride, layout.scales, layout.cand, count, layout.query, weightScale, layout.out);
    const cand = new Int32Array(this.buffer, layout.cand, count);
    const scores = new Float32Array(this.buffer, layout.out, count);
    const best = topK(scores, count, Math.min(count, refineCount(k))).map(({ index }) => cand[index]);
    const refined = this.refinedScores(query, best);
    return best.map((index, i) => ({ index, score: refined[i] })).sort((a, b) => b.score - a.score || a.index - b.index).slice(0, k);
  }

  /** q · v̂ per row with v̂ = scale · (cell + residual / 254), in doubles (the kernel's `refine_rows`). */
  private refinedScores(query: Float32Array, rows: readonly number[]): Float64Array {
    const { layout, kernel, residuals } = this;
    const { stride } = layout;
    const src = this.residualSource;
    new Float64Array(this.buffer, layout.queryF64, stride).fill(0).set(query);
    const rowIds = new Int32Array(this.buffer, layout.refineRows, REFINE_CHUNK);
    const rowResiduals = new Int8Array(this.buffer, layout.refineResiduals, REFINE_CHUNK * stride);
    const sums = new Float64Array(this.buffer, layout.refineOut, REFINE_CHUNK);
    const out = new Float64Array(rows.length);
    for (let from = 0; from < rows.length; from += REFINE_CHUNK) {
      const nc = Math.min(REFINE_CHUNK, rows.length - from);
      for (let c = 0; c < nc; c++) {
        const row = rows[from + c];
        const at = row * stride;
        if (src && row < src.count && src.read[row] === 0) {
          src.rows.readRow(row, residuals.subarray(at, at + stride));
          src.read[row] = 1;
        }
        rowIds[c] = row;
        rowResiduals.set(residuals.subarray(at, at + stride), c * stride);
      }
      kernel.refine_rows(0, stride, layout.refineRows, nc, layout.refineResiduals, layout.queryF64, layout.refineOut);
      for (let c = 0; c < nc; c++) out[from + c] = (this.scales[rows[from + c]] * sums[c]) / RESIDUAL_STEPS;
    }
    return out;
  }

  /** The query's integer weights and sign bits into the scratch area; returns the weight scale (0 for a zero query). */
  private quantizeQuery(query: Float32Array): number {
    const { layout } = this;
    let maxAbs = 0;
    for (let d = 0; d < query.length; d++) maxAbs = Math.max(maxAbs, Math.abs(query[d]));
    const weights = new Int16Array(this.buffer, layout.query, layout.stride).fill(0);
    const bits = new Uint8Array(this.buffer, layout.qsign, layout.sstride).fill(0);
    if (maxAbs === 0) return 0;
    const k = maxAbs / queryWeightMax(this.dimension);
    for (let d = 0; d < query.length; d++) {
      weights[d] = Math.round(query[d] / k);
      if (query[d] > 0) bits[d >> 3] |= 1 << (d & 7);
    }
    return k;
  }
}
