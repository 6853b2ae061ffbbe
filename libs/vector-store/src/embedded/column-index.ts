/**
 * An exact inner-product index in dimension-major (column) layout with Int8 quantisation (one scale per row).
 * Scoring touches only the query's non-zero dimensions: cost = nnz(query) × rows, sequential memory per column.
 * Hashing embeddings of short queries are sparse (a few dozen of 384 dimensions), which makes this fast.
 */
export class ColumnIndex {
  private columns: Int8Array[];
  private scales: Float32Array;
  private capacity: number;

  constructor(
    readonly dimension: number,
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.columns = Array.from({ length: dimension }, () => new Int8Array(this.capacity));
    this.scales = new Float32Array(this.capacity);
  }

  /** An index over exactly `rows` rows whose columns and scales are the given arrays (views are kept, not copied). */
  static fromColumns(dimension: number, rows: number, columns: Int8Array[], scales: Float32Array): ColumnIndex {
    if (columns.length !== dimension || scales.length < rows || columns.some((c) => c.length < rows)) {
      throw new RangeError(`column index state does not hold ${rows} rows of dimension ${dimension}`);
    }
    const index = new ColumnIndex(dimension, 16);
    index.columns = columns;
    index.scales = scales;
    index.capacity = Math.min(scales.length, ...columns.map((c) => c.length));
    return index;
  }

  /** Column `d` and the row scales (live views: rows [0, n) are the ones set). */
  column(d: number): Int8Array {
    return this.columns[d];
  }

  get rowScales(): Float32Array {
    return this.scales;
  }

  /** Bytes held by the index (for memory reports). */
  get bytes(): number {
    return this.capacity * (this.dimension + 4);
  }

  /** Grows to at least `rows`: exactly `rows` when `exact`, else by doubling. */
  ensureCapacity(rows: number, exact = false): void {
    if (rows <= this.capacity) return;
    let next = this.capacity;
    if (exact) next = rows;
    else while (next < rows) next *= 2;
    this.columns = this.columns.map((col) => {
      const grown = new Int8Array(next);
      grown.set(col);
      return grown;
    });
    const scales = new Float32Array(next);
    scales.set(this.scales);
    this.scales = scales;
    this.capacity = next;
  }

  set(row: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) throw new RangeError(`vector has ${vector.length} dimensions, index has ${this.dimension}`);
    this.ensureCapacity(row + 1);
    let maxAbs = 0;
    for (let d = 0; d < vector.length; d++) maxAbs = Math.max(maxAbs, Math.abs(vector[d]));
    const scale = maxAbs === 0 ? 0 : maxAbs / 127;
    this.scales[row] = scale;
    const inv = scale === 0 ? 0 : 1 / scale;
    const cols = this.columns;
    for (let d = 0; d < vector.length; d++) cols[d][row] = Math.round(vector[d] * inv);
  }

  /** Writes approximate inner products of `query` with rows [0, n) into `out`. */
  score(query: Float32Array, n: number, out: Float32Array): void {
    out.fill(0, 0, n);
    const dims: number[] = [];
    for (let d = 0; d < this.dimension; d++) if (query[d] !== 0) dims.push(d);
    const cols = this.columns;
    let j = 0;
    // Four query dimensions per pass over the rows: a quarter of the read-modify-write traffic on `out`.
    for (; j + 4 <= dims.length; j += 4) {
      const q0 = query[dims[j]];
      const q1 = query[dims[j + 1]];
      const q2 = query[dims[j + 2]];
      const q3 = query[dims[j + 3]];
      const c0 = cols[dims[j]];
      const c1 = cols[dims[j + 1]];
      const c2 = cols[dims[j + 2]];
      const c3 = cols[dims[j + 3]];
      for (let i = 0; i < n; i++) out[i] += q0 * c0[i] + q1 * c1[i] + q2 * c2[i] + q3 * c3[i];
    }
    for (; j < dims.length; j++) {
      const q = query[dims[j]];
      const col = cols[dims[j]];
      for (let i = 0; i < n; i++) out[i] += q * col[i];
    }
    const scales = this.scales;
    for (let i = 0; i < n; i++) out[i] *= scales[i];
  }
}
