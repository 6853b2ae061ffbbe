/**
 * Turns text into a dense vector. Identity and dimension are recorded with the store.
 * Asynchronous: a model-backed embedder loads its weights on first use and may run off the main loop.
 */
export interface Embedder {
  /** Stable identity, including every parameter that changes the output (e.g. `hashing-v1:384`). */
  readonly id: string;
  readonly dimension: number;
  /**
   * True when most of a vector's dimensions are zero (feature hashing): the embedded store then scores it by its
   * non-zero dimensions. Absent or false: dense vectors (a sentence model), held row by row with sign bits.
   */
  readonly sparse?: boolean;
  embed(text: string): Promise<Float32Array>;
  /** Same vectors as `embed` on each text (within float tolerance), computed together. */
  embedBatch(texts: readonly string[]): Promise<Float32Array[]>;
}

/** What a store records about the vectors it holds. */
export interface EmbedderIdentity {
  id: string;
  dimension: number;
}

/**
 * The embedders behind the three named dense vectors of a pattern. All share one dimension, and `id` names the
 * combination: a store built with one set refuses another (EMBEDDER_MISMATCH) until it is reindexed.
 */
export interface EmbedderSet extends EmbedderIdentity {
  /** Natural-language text: the description (and a query's text, for the description vector). */
  readonly description: Embedder;
  /** The structure text (DSL symbols, component and edge tokens). */
  readonly structure: Embedder;
  /** The flattened `key=value` params (and a query's text, for the params vector). */
  readonly params: Embedder;
  /** Loads model weights now instead of on the first embedding (servers); a no-op for weightless embedders. */
  warm?(): Promise<void>;
  /** Ends what the set runs besides the caller's thread (a model worker); the container's owner calls it once. */
  close?(): Promise<void>;
}

export interface SparseVector {
  indices: number[];
  values: number[];
}
