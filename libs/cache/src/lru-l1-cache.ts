import { LRUCache } from 'lru-cache';
import type { CacheTierStats } from '@motif/core-types';
import { TierMetrics } from './tier-metrics';

export interface LruL1Options {
  maxEntries: number;
  maxBytes: number;
  ttlSeconds: number;
  /** Milliseconds clock for TTLs; injected by tests. */
  now?: () => number;
  latencyReservoirSize?: number;
}

interface Slot<V> {
  value: V;
}

/**
 * In-process tier: lru-cache bounded by entry count and by bytes (the size of the
 * serialized form, which the tiered cache computes once when it encodes for L2), with TTL.
 * Values are kept as decoded objects so a hit costs a map lookup: treat them as read-only.
 */
export class LruL1Cache<V> {
  readonly metrics: TierMetrics;
  private readonly lru: LRUCache<string, Slot<V>>;

  constructor(private readonly options: LruL1Options) {
    this.metrics = new TierMetrics(options.latencyReservoirSize);
    const now = options.now;
    this.lru = new LRUCache<string, Slot<V>>({
      max: options.maxEntries,
      maxSize: options.maxBytes,
      ttl: options.ttlSeconds * 1000,
      // Entries carry their own size (passed to set); this guard only catches a forgotten size.
      sizeCalculation: () => 1,
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.metrics.evictions++;
      },
      ...(now ? { perf: { now }, ttlResolution: 0 } : {}),
    });
  }

  get(key: string): V | undefined {
    const slot = this.lru.get(key);
    if (slot === undefined) {
      this.metrics.misses++;
      return undefined;
    }
    this.metrics.hits++;
    return slot.value;
  }

  /** Looks without touching counters or recency (lru-cache's `get` would make the key most recent). */
  peek(key: string): V | undefined {
    return this.lru.peek(key)?.value;
  }

  /**
   * `sizeBytes` is the entry's weight against `maxBytes`; an entry larger than the
   * whole budget is not kept (lru-cache refuses it) and that counts as an eviction.
   */
  set(key: string, value: V, sizeBytes: number, ttlSeconds?: number): void {
    const ttl = Math.min(this.options.ttlSeconds, ttlSeconds ?? this.options.ttlSeconds) * 1000;
    const size = Math.max(1, Math.ceil(sizeBytes));
    if (size > this.options.maxBytes) {
      this.lru.delete(key);
      this.metrics.evictions++;
      return;
    }
    this.lru.set(key, { value }, { size, ttl });
  }

  delete(key: string): boolean {
    return this.lru.delete(key);
  }

  /** Drops every key starting with `prefix` (a scan of L1 only: bounded by maxEntries). */
  deletePrefix(prefix: string): number {
    let n = 0;
    for (const key of [...this.lru.keys()]) {
      if (key.startsWith(prefix) && this.lru.delete(key)) n++;
    }
    return n;
  }

  clear(): void {
    this.lru.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  stats(): CacheTierStats {
    return this.metrics.snapshot('l1', 'lru-cache', 'up', { entries: this.lru.size, bytes: this.lru.calculatedSize });
  }
}
