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
    for (let d = 0; d < vector.length; d++) this.columns[d][row] = Math.round(vector[d] * inv);
  }

  /** Writes approximate inner products of `query` with rows [0, n) into `out`. */
  score(query: Float32Array, n: number, out: Float32Array): void {
    out.fill(0, 0, n);
    for (let d = 0; d < this.dimension; d++) {
      const q = query[d];
      if (q === 0) continue;
      const col = this.columns[d];
      for (let i = 0; i < n; i++) out[i] += q * col[i];
    }
    const scales = this.scales;
    for (let i = 0; i < n; i++) out[i] *= scales[i];
  }
}
