import { LRUCache } from 'lru-cache';
import type { Embedder } from '@motif/core-types';

/**
 * An LRU of `embed` results in front of another embedder, for query texts: a repeated query is not embedded
 * again (with use-lite that is ~30 ms saved per search). `embedBatch` (imports, reindex) passes through
 * untouched, so bulk writes never evict the queries. Returned vectors are shared: treat them as read-only.
 */
export class CachedEmbedder implements Embedder {
  readonly id: string;
  readonly dimension: number;
  readonly sparse?: boolean;
  private readonly lru: LRUCache<string, Promise<Float32Array>>;
  hits = 0;
  misses = 0;

  constructor(
    readonly inner: Embedder,
    maxEntries: number,
  ) {
    this.id = inner.id;
    this.dimension = inner.dimension;
    this.sparse = inner.sparse;
    this.lru = new LRUCache({ max: Math.max(1, maxEntries) });
  }

  embed(text: string): Promise<Float32Array> {
    const cached = this.lru.get(text);
    if (cached) {
      this.hits++;
      return cached;
    }
    this.misses++;
    // The promise is cached, so concurrent identical queries share one embedding; a failure is not kept.
    const pending = this.inner.embed(text);
    this.lru.set(text, pending);
    pending.catch(() => this.lru.delete(text));
    return pending;
  }

  embedBatch(texts: readonly string[]): Promise<Float32Array[]> {
    return this.inner.embedBatch(texts);
  }

  get size(): number {
    return this.lru.size;
  }
}
