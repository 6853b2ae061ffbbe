import { DEFAULT_HASHING_DIMENSION, USE_LITE_DIMENSION, type EmbedderKind, type Embedder, type EmbedderSet } from '@motif/core-types';
import { CachedEmbedder } from './cached-embedder';
import { HashingEmbedder } from './hashing-embedder';
import { ThreadedUseLiteEmbedder } from './threaded-use-lite-embedder';
import { UseLiteEmbedder } from './use-lite-embedder';

export interface EmbedderSetOptions {
  /** Hashing dimension (hashing only; use-lite is 512). */
  dimension?: number;
  /** LRU entries for query embeddings of the model (0 = none). */
  queryCacheEntries?: number;
  /** Sentences per use-lite model call. */
  batchSize?: number;
  /**
   * Where the use-lite model runs: `main` (default) on the calling thread; `worker` in a worker thread
   * (`ThreadedUseLiteEmbedder`), so loading it overlaps with the caller's own work. Same vectors either way.
   */
  modelThread?: 'main' | 'worker';
}

/** One embedder behind all three vectors; the set's id is the embedder's (how every store before use-lite was built). */
export function uniformEmbedderSet(embedder: Embedder): EmbedderSet {
  return { id: embedder.id, dimension: embedder.dimension, description: embedder, structure: embedder, params: embedder };
}

/** Accepts a single embedder where a set is expected (tests, tools). */
export const asEmbedderSet = (e: Embedder | EmbedderSet): EmbedderSet => ('description' in e ? e : uniformEmbedderSet(e));

/**
 * `hashing`: the HashingEmbedder for every vector (id `hashing-v1:…:384` by default, as before).
 * `use-lite`: the sentence model for the description (queries cached in an LRU); the structure and params texts
 * are symbols and `key=value` lists, not sentences, so they stay hashed — at 512-d, one dimension per store.
 */
export function createEmbedderSet(kind: EmbedderKind, options: EmbedderSetOptions = {}): EmbedderSet {
  if (kind === 'hashing') return uniformEmbedderSet(new HashingEmbedder({ dimension: options.dimension ?? DEFAULT_HASHING_DIMENSION }));
  const model = options.modelThread === 'worker' ? new ThreadedUseLiteEmbedder({ batchSize: options.batchSize }) : new UseLiteEmbedder({ batchSize: options.batchSize });
  const cacheEntries = options.queryCacheEntries ?? 1024;
  const description = cacheEntries > 0 ? new CachedEmbedder(model, cacheEntries) : model;
  const symbolic = new HashingEmbedder({ dimension: USE_LITE_DIMENSION });
  return {
    id: `${model.id}+${symbolic.id}`,
    dimension: USE_LITE_DIMENSION,
    description,
    structure: symbolic,
    params: symbolic,
    warm: async () => void (await (model instanceof ThreadedUseLiteEmbedder ? model.warm() : model.load())),
    close: async () => {
      if (model instanceof ThreadedUseLiteEmbedder) await model.close();
    },
  };
}
