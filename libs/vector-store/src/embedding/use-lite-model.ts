/*
 * The use-lite model itself: tokenise, run the TensorFlow.js graph, normalise. No dependency on the rest of Motif
 * (plain Errors, the dimension passed in), so a worker thread can run it without loading Motif's schemas;
 * `UseLiteEmbedder` (this thread) and `use-lite-worker` (a worker thread) both embed through it.
 */

import { enableCompileCache } from '../early-start/compile-cache';
import { readUseLiteModelFiles, type ModelJson } from './use-lite-model-files';
import { UseLiteTokenizer } from './use-lite-tokenizer';

/*
 * The parts of @energetic-ai/core (TensorFlow.js with its WebAssembly backend) this file uses, declared here on
 * purpose: its published .d.ts files import TensorFlow.js type packages it does not install, so importing its types
 * would resolve to `any`. It is required lazily (see `runtime`), so `motif --help` never pays for it. The model's
 * files are read by `readUseLiteModelFiles` and its text tokenised by `UseLiteTokenizer`, not by
 * @energetic-ai/embeddings' loader: same graph, same ids, ~0.1 s sooner on a cold start.
 */
interface Tensor {
  dataSync(): Float32Array | Int32Array | Uint8Array;
  dispose(): void;
  readonly shape: number[];
}
interface TfCore {
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor;
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor;
  getBackend(): string;
  ready(): Promise<void>;
  loadGraphModelSync(source: [ModelJson, ArrayBuffer]): GraphModel;
}
interface GraphModel {
  executeAsync(inputs: Record<string, Tensor>): Promise<Tensor | Tensor[]>;
}
interface UseModel {
  tokenizer: UseLiteTokenizer;
  model: GraphModel;
}

/** The model could not load, or gave a wrong output: what `UseLiteEmbedder` reports as an INTERNAL MotifError. */
export class UseLiteModelError extends Error {}

/** Loads the model once and embeds batches with it, one model call at a time (one graph executes at a time anyway). */
export class UseLiteModel {
  private readonly batchSize: number;
  private loading: Promise<{ tf: TfCore; model: UseModel }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Milliseconds the last `load()` took. */
  loadMs = 0;

  constructor(
    readonly dimension: number,
    batchSize = 32,
  ) {
    this.batchSize = Math.max(1, batchSize);
  }

  /** Loads the model once (later calls wait for the same load; a failed load is tried again next time). */
  async load(): Promise<void> {
    await this.runtime();
  }

  /** The TensorFlow.js backend in use (after `load()`). */
  async backend(): Promise<string> {
    return (await this.runtime()).tf.getBackend();
  }

  embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    const run = this.queue.then(() => this.compute(texts));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runtime(): Promise<{ tf: TfCore; model: UseModel }> {
    this.loading ??= (async () => {
      const t0 = performance.now();
      try {
        // TensorFlow.js is one 1.7 MB file: compiled through V8's code cache, it loads in about half the time.
        enableCompileCache([require.resolve('@energetic-ai/core')]);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const tf = require('@energetic-ai/core') as TfCore;
        // The backend's WebAssembly compiles on V8's own threads while this one reads the files.
        const ready = tf.ready();
        ready.catch(() => undefined); // awaited below, unless reading the files throws first
        const files = readUseLiteModelFiles();
        const tokenizer = new UseLiteTokenizer(files.vocabulary);
        await ready;
        const model = tf.loadGraphModelSync([files.modelJson, files.weights]);
        this.loadMs = performance.now() - t0;
        return { tf, model: { tokenizer, model } };
      } catch (cause) {
        this.loading = undefined;
        throw new UseLiteModelError(`cannot load the use-lite embedding model: ${(cause as Error).message}`, { cause });
      }
    })();
    return this.loading;
  }

  private async compute(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = new Array(texts.length);
    if (texts.length === 0) return out;
    const { tf, model } = await this.runtime();
    const encoded = texts.map((t, i) => ({ i, ids: model.tokenizer.encode(t.normalize('NFKC').trim()) }));
    // A text with no tokens gets the zero vector (as with the hashing embedder) and never reaches the model:
    // an empty row would shift every row after it in the sparse input.
    const live = encoded.filter((e) => {
      if (e.ids.length > 0) return true;
      out[e.i] = new Float32Array(this.dimension);
      return false;
    });
    live.sort((a, b) => a.ids.length - b.ids.length);
    for (let start = 0; start < live.length; start += this.batchSize) {
      const chunk = live.slice(start, start + this.batchSize);
      const vectors = await this.run(tf, model, chunk.map((c) => c.ids));
      chunk.forEach((c, k) => (out[c.i] = vectors[k]));
    }
    return out;
  }

  private async run(tf: TfCore, model: UseModel, rows: readonly number[][]): Promise<Float32Array[]> {
    let n = 0;
    for (const r of rows) n += r.length;
    const indices = new Int32Array(n * 2);
    const values = new Int32Array(n);
    let k = 0;
    rows.forEach((ids, row) => {
      for (let col = 0; col < ids.length; col++, k++) {
        indices[2 * k] = row;
        indices[2 * k + 1] = col;
        values[k] = ids[col];
      }
    });
    const inputs = { indices: tf.tensor2d(indices, [n, 2], 'int32'), values: tf.tensor1d(values, 'int32') };
    let result: Tensor | Tensor[] | undefined;
    try {
      result = await model.model.executeAsync(inputs);
      const tensor = Array.isArray(result) ? result[0] : result;
      const flat = tensor.dataSync();
      const dim = this.dimension;
      if (flat.length !== rows.length * dim) {
        throw new UseLiteModelError(`use-lite returned ${flat.length} values for ${rows.length} sentences (expected ${rows.length * dim})`);
      }
      return rows.map((_, row) => normalised(flat.subarray(row * dim, (row + 1) * dim)));
    } finally {
      inputs.indices.dispose();
      inputs.values.dispose();
      for (const t of result === undefined ? [] : Array.isArray(result) ? result : [result]) t.dispose();
    }
  }
}

function normalised(v: ArrayLike<number>): Float32Array {
  const out = new Float32Array(v.length);
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  if (norm === 0) return out;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * inv;
  return out;
}
