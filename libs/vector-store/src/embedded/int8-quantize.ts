/** One home for the Int8 quantisation both dense layouts (ColumnIndex, RowIndex) share, so their scores agree. */

/** A row's scale: its largest magnitude over 127 (0 for a zero row); its cells are round(v / scale). */
export function rowScale(vector: Float32Array): number {
  let maxAbs = 0;
  for (let d = 0; d < vector.length; d++) maxAbs = Math.max(maxAbs, Math.abs(vector[d]));
  return maxAbs === 0 ? 0 : maxAbs / 127;
}

/**
 * The largest integer weight a query gets (|w| ≤ 2^14): every product stays below 128·wMax and at most `dimension`
 * of them add up, which must stay inside an i32.
 */
export const queryWeightMax = (dimension: number): number => Math.min(16383, Math.floor(2 ** 31 / (128 * dimension)) - 1);

/** Residual bytes count in 1/254ths of an Int8 step (254 · cell + residual fits an i16; `refine_rows` relies on it). */
export const RESIDUAL_STEPS = 254;
