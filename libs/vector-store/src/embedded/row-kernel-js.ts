import type { Int8RowKernel } from './int8-scan/int8-scan';
import { RESIDUAL_STEPS } from './int8-quantize';

/** Set bits per byte value. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let c = 0;
  for (let x = b; x; x >>= 1) c += x & 1;
  return c;
});

/**
 * The row kernels of int8-scan.wat in plain JavaScript over the same memory layout (byte addresses into `buffer`),
 * for runtimes without WebAssembly SIMD: the same results, scores rounded to f32 at the same steps.
 */
export function jsRowKernel(buffer: ArrayBuffer): Int8RowKernel {
  const u8 = new Uint8Array(buffer);
  const i8 = new Int8Array(buffer);
  const view = new DataView(buffer);
  return {
    hamming(signs, sstride, q, mask, n, dist, hist) {
      for (let i = 0; i < n; i++) {
        if (u8[mask + i] === 0) {
          view.setUint16(dist + 2 * i, 65535, true);
          continue;
        }
        let h = 0;
        for (let j = 0, row = signs + i * sstride; j < sstride; j++) h += POPCOUNT[u8[row + j] ^ u8[q + j]];
        view.setUint16(dist + 2 * i, h, true);
        view.setInt32(hist + 4 * h, view.getInt32(hist + 4 * h, true) + 1, true);
      }
    },
    select_within(dist, n, t, cand) {
      let c = 0;
      for (let i = 0; i < n; i++) if (view.getUint16(dist + 2 * i, true) <= t) view.setInt32(cand + 4 * c++, i, true);
      return c;
    },
    select_mask(mask, n, cand) {
      let c = 0;
      for (let i = 0; i < n; i++) if (u8[mask + i] !== 0) view.setInt32(cand + 4 * c++, i, true);
      return c;
    },
    dot_rows(cells, stride, scales, cand, nc, q, k, out) {
      const kf = Math.fround(k);
      for (let c = 0; c < nc; c++) {
        const r = view.getInt32(cand + 4 * c, true);
        let acc = 0;
        for (let d = 0, row = cells + r * stride; d < stride; d++) acc += i8[row + d] * view.getInt16(q + 2 * d, true);
        view.setFloat32(out + 4 * c, Math.fround(Math.fround(acc) * view.getFloat32(scales + 4 * r, true)) * kf, true);
      }
    },
    refine_rows(cells, stride, rows, nc, res, q, out) {
      const lanes = new Float64Array(8);
      for (let c = 0; c < nc; c++) {
        const row = cells + view.getInt32(rows + 4 * c, true) * stride;
        const residuals = res + c * stride;
        lanes.fill(0);
        for (let d = 0; d < stride; d++) lanes[d & 7] += (RESIDUAL_STEPS * i8[row + d] + i8[residuals + d]) * view.getFloat64(q + 8 * d, true);
        // Lanes 2j and 2j + 1 are the WebAssembly accumulator j.
        view.setFloat64(out + 8 * c, (lanes[0] + lanes[2] + (lanes[4] + lanes[6])) + (lanes[1] + lanes[3] + (lanes[5] + lanes[7])), true);
      }
    },
  };
}
