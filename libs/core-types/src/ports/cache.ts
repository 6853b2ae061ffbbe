import type { CacheStats } from '../domain/stats';
import type { Closeable } from './lifecycle';

/** Two-tier cache: read-through L1 → L2 (promotion on L2 hit), write-through to both. */
export interface TieredCache<V> extends Closeable {
  get(key: string): Promise<V | undefined>;
  /** One L2 round trip for all L1 misses. Result is aligned with `keys`. */
  getMany(keys: readonly string[]): Promise<Array<V | undefined>>;
  set(key: string, value: V, ttlSeconds?: number): Promise<void>;
  setMany(entries: ReadonlyArray<readonly [string, V]>, ttlSeconds?: number): Promise<void>;
  /** Deletes exactly these keys in both tiers (one L2 round trip) and tells other processes to drop their L1 copies. */
  delete(keys: readonly string[]): Promise<void>;
  stats(): CacheStats;
  /** Resolves once the shared tier answers (true) or the timeout passes (false); servers await it at start-up. */
  ready?(timeoutMs?: number): Promise<boolean>;
}
