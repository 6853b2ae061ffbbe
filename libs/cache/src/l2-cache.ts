import type { CacheTierStats, TierState } from '@motif/core-types';

/**
 * A shared second tier holding serialized payloads (the tiered cache does the encoding).
 * Implementations may reject (Redis down, timeout); the tiered cache counts and absorbs that.
 */
export interface L2Cache {
  readonly backend: Extract<CacheTierStats['backend'], 'redis' | 'embedded'>;
  /** One round trip for all keys; result aligned with `keys`. */
  getMany(keys: readonly string[]): Promise<Array<string | undefined>>;
  /** One round trip; `ttlSeconds` applies to every entry. */
  setMany(entries: ReadonlyArray<readonly [string, string]>, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  deletePrefix(prefix: string): Promise<void>;
  /** Whether the backend can take a call right now (e.g. the Redis connection is ready). */
  state(): TierState;
  /** Entries the backend itself evicted to stay within its bound (not TTL expiry). */
  evictions(): number;
  /** Entry count when cheap to know. */
  entries?(): number | undefined;
  close(): Promise<void>;
}

/** Messages the tiered caches of several processes exchange so each drops stale L1 entries. */
export interface InvalidationMessage {
  origin: string;
  keys?: string[];
  prefixes?: string[];
}

/** A backend that can broadcast invalidations to the other processes sharing it. */
export interface InvalidationBus {
  /** Delivers other processes' messages; `onResync` fires when messages may have been missed (reconnect). */
  subscribe(onMessage: (m: InvalidationMessage) => void, onResync: () => void): void;
}
