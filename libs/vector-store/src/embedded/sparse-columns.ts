/**
 * Int8 columns stored by their non-zero cells: per column, its cells' row gaps (Uint16, from the previous non-zero
 * row, the first from row −1) and values. A gap longer than 65,535 rows is bridged by filler cells of value 0, so
 * decoding is one uniform loop. At 3 bytes a cell this is smaller than the dense column whenever under a third of its
 * cells are non-zero: a hashing vector at 512-d touches ~40–60 dimensions, about a tenth.
 */
export interface SparseColumns {
  /** Column d's cells are entries [starts[d], starts[d + 1]); `starts.length` is the dimension + 1. */
  starts: Uint32Array;
  gaps: Uint16Array;
  values: Int8Array;
}

const MAX_GAP = 0xffff;

/** Bytes of the sparse form of `entries` cells in `dimension` columns. */
export const sparseBytes = (dimension: number, entries: number): number => 4 * (dimension + 1) + 3 * entries;

/**
 * The non-zero rows of rows [0, rows) of `col`, in order, into `out` (room for `rows`); returns how many. Four cells
 * at a time where the view is 4-aligned: most words of a sparse column are zero.
 */
function nonZeroRows(col: Int8Array, rows: number, out: Int32Array): number {
  let n = 0;
  let r = 0;
  if (col.byteOffset % 4 === 0) {
    const words = new Uint32Array(col.buffer, col.byteOffset, rows >> 2);
    for (let w = 0; w < words.length; w++) {
      if (words[w] === 0) continue;
      const i = w << 2;
      if (col[i] !== 0) out[n++] = i;
      if (col[i + 1] !== 0) out[n++] = i + 1;
      if (col[i + 2] !== 0) out[n++] = i + 2;
      if (col[i + 3] !== 0) out[n++] = i + 3;
    }
    r = words.length << 2;
  }
  for (; r < rows; r++) if (col[r] !== 0) out[n++] = r;
  return n;
}

/** Cells to store for these non-zero rows: one each, plus a filler per 65,535 rows of gap before one. */
function entriesFor(nz: Int32Array, n: number): number {
  let total = n;
  let last = -1;
  for (let i = 0; i < n; i++) {
    const gap = nz[i] - last;
    if (gap > MAX_GAP) total += Math.floor((gap - 1) / MAX_GAP);
    last = nz[i];
  }
  return total;
}

/**
 * The sparse form of rows [0, rows) of `columns`, or null when it would not be smaller than the dense one
 * (`dimension × rows` bytes): dense model vectors stay dense.
 */
export function encodeSparseColumns(columns: readonly Int8Array[], rows: number): SparseColumns | null {
  const dimension = columns.length;
  const starts = new Uint32Array(dimension + 1);
  const nz = new Int32Array(rows);
  let total = 0;
  for (let d = 0; d < dimension; d++) {
    starts[d] = total;
    total += entriesFor(nz, nonZeroRows(columns[d], rows, nz));
    if (sparseBytes(dimension, total) >= dimension * rows) return null;
  }
  starts[dimension] = total;
  const gaps = new Uint16Array(total);
  const values = new Int8Array(total);
  let e = 0;
  for (let d = 0; d < dimension; d++) {
    const col = columns[d];
    const n = nonZeroRows(col, rows, nz);
    let last = -1;
    for (let i = 0; i < n; i++) {
      const r = nz[i];
      while (r - last > MAX_GAP) {
        last += MAX_GAP;
        gaps[e++] = MAX_GAP; // a filler: value 0 at row `last`
      }
      gaps[e] = r - last;
      values[e++] = col[r];
      last = r;
    }
  }
  return { starts, gaps, values };
}

/**
 * Writes the cells into `into` (one zero-filled column of at least `rows` cells per dimension). Throws a RangeError
 * when the entries do not describe `rows` rows of `into.length` columns: a file whose CRCs pass but whose contents
 * do not add up is still not trusted.
 */
export function decodeSparseColumns(sparse: SparseColumns, rows: number, into: readonly Int8Array[]): void {
  const { starts, gaps, values } = sparse;
  const dimension = into.length;
  if (starts.length !== dimension + 1 || gaps.length !== values.length || starts[0] !== 0 || starts[dimension] !== gaps.length) {
    throw new RangeError(`sparse columns do not describe ${dimension} columns`);
  }
  for (let d = 0; d < dimension; d++) {
    const begin = starts[d];
    const end = starts[d + 1];
    if (end < begin || end > gaps.length) throw new RangeError(`sparse column ${d} ends before it starts or past the cells`);
    const col = into[d];
    let row = -1;
    for (let e = begin; e < end; e++) {
      const gap = gaps[e];
      if (gap === 0) throw new RangeError(`sparse column ${d} repeats a row`);
      row += gap;
      col[row] = values[e];
    }
    // Rows only grow, so the last one bounds them all (a typed array ignores a write past its end).
    if (row >= rows || col.length < rows) throw new RangeError(`sparse column ${d} holds a row past ${rows - 1}`);
  }
}
