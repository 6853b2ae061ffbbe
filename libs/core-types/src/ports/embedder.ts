/** Turns text into a dense vector. Identity and dimension are recorded with the store. */
export interface Embedder {
  /** Stable identity, including every parameter that changes the output (e.g. `hashing-v1:384`). */
  readonly id: string;
  readonly dimension: number;
  embed(text: string): Float32Array;
  embedBatch(texts: readonly string[]): Float32Array[];
}

export interface SparseVector {
  indices: number[];
  values: number[];
}
