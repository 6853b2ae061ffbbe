import { INT8_SCAN_WASM_BASE64 } from './int8-scan-wasm';

/** The part of the WebAssembly API used here (the project's TypeScript libs carry no WebAssembly types). */
export interface WasmModule {
  readonly __wasmModule: unique symbol;
}
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: WasmModule | null | undefined;

/** The Int8 scan kernel compiled once per process, or null where this runtime lacks WebAssembly SIMD. */
export function int8ScanModule(): WasmModule | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(INT8_SCAN_WASM_BASE64, 'base64');
    compiled = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  }
  return compiled;
}

export interface Int8ScanKernel {
  /** acc[i] += Σ_j weights[j] · column_j[i] over [0, n16) (addresses in bytes; see int8-scan.wat). */
  accumulate(ptrs: number, weights: number, nd: number, n16: number, acc: number): void;
  /** out[i] = acc[i] · scales[i] · k over [0, n4). */
  finish(acc: number, scales: number, n4: number, k: number, out: number): void;
  /** `finish` over [0, n16), −∞ where mask[i] is 0, and maxima[b] = the largest score of rows [16b, 16b + 16). */
  finish_masked(acc: number, scales: number, mask: number, n16: number, k: number, out: number, maxima: number): void;
}

/** The row-major kernels (RowIndex; see int8-scan.wat). Addresses in bytes; a plain-JS twin runs them without SIMD. */
export interface Int8RowKernel {
  /** dist[i] = popcount(signs_i XOR q) (u16) where mask[i] is set, else 65535; hist[h] += 1 per row kept. */
  hamming(signs: number, sstride: number, q: number, mask: number, n: number, dist: number, hist: number): void;
  /** Writes the rows i < n with dist[i] <= t to cand (i32) in order; returns how many. */
  select_within(dist: number, n: number, t: number, cand: number): number;
  /** Writes the rows i < n whose mask byte is set to cand (i32) in order; returns how many. */
  select_mask(mask: number, n: number, cand: number): number;
  /** out[c] = f32(Σ_d cells[r][d] · q[d]) · scales[r] · k for r = cand[c] (q: i16 weights, `stride` of them). */
  dot_rows(cells: number, stride: number, scales: number, cand: number, nc: number, q: number, k: number, out: number): void;
  /**
   * out[c] = Σ_d q[d] · (254 · cells[r][d] + res[c][d]) (f64) for r = rows[c]: the refinement's sum (q: f64 weights;
   * res: the nc residual rows side by side), summed in the order int8-scan.wat documents.
   */
  refine_rows(cells: number, stride: number, rows: number, nc: number, res: number, q: number, out: number): void;
}

/** A fresh memory of `bytes` (rounded up to 64 KiB pages) with the kernel bound to it, or null without SIMD. */
export function instantiateInt8Scan(bytes: number): { memory: WasmMemory; kernel: Int8ScanKernel & Int8RowKernel } | null {
  const module = int8ScanModule();
  if (!module || !wasm) return null;
  const memory = new wasm.Memory({ initial: Math.ceil(bytes / 65536) });
  const { exports } = new wasm.Instance(module, { env: { memory } });
  return { memory, kernel: exports as unknown as Int8ScanKernel & Int8RowKernel };
}
