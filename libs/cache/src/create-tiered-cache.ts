import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock, MotifConfig } from '@motif/core-types';
import type { CircuitBreakerOptions } from './circuit-breaker';
import { EmbeddedL2Cache } from './embedded-l2-cache';
import type { L2Cache } from './l2-cache';
import { RedisL2Cache, type RedisClientFactory } from './redis-l2-cache';
import { redisClientFactoryFor } from './redis-topology';
import { TieredCacheImpl } from './tiered-cache';

export interface CreateTieredCacheOptions {
  /** Replace the L2 chosen from config (`null`: L1 only). */
  l2?: L2Cache | null;
  /** Build the ioredis clients yourself: Sentinel, Cluster, TLS options (see README). */
  redisClientFactory?: RedisClientFactory;
  breaker?: CircuitBreakerOptions;
  /** Clock for L1 TTLs and embedded-L2 expiry (tests); `now` (epoch ms) wins if both are given. */
  clock?: Clock;
  now?: () => number;
  /** Id in invalidation messages (default: a random UUID per instance). */
  origin?: string;
  latencyReservoirSize?: number;
}

/** The embedded store's SQLite file, which the embedded L2 shares. */
export const embeddedDatabasePath = (config: MotifConfig): string => join(config.dataDir, 'motif.db');

/**
 * Builds the configured cache: L2 on Redis when `redis.url` (REDIS_URL), `redis.sentinel` or
 * `redis.cluster` is set or a client factory is given, otherwise the embedded SQLite L2 in `<dataDir>/motif.db`.
 */
export function createTieredCache<V>(config: MotifConfig, input: CreateTieredCacheOptions = {}): TieredCacheImpl<V> {
  const clock = input.clock;
  const options: CreateTieredCacheOptions = { ...input, now: input.now ?? (clock ? () => clock.now().getTime() : undefined) };
  const l2 = options.l2 !== undefined ? options.l2 : defaultL2(config, options);
  return new TieredCacheImpl<V>({
    l1: {
      maxEntries: config.cache.l1MaxEntries,
      maxBytes: config.cache.l1MaxBytes,
      ttlSeconds: config.cache.l1TtlSeconds,
      now: options.now,
      latencyReservoirSize: options.latencyReservoirSize,
    },
    l2,
    l2TtlSeconds: config.cache.l2TtlSeconds,
    breaker: { ...options.breaker },
    latencyReservoirSize: options.latencyReservoirSize,
  });
}

function defaultL2(config: MotifConfig, options: CreateTieredCacheOptions): L2Cache {
  const clientFactory = options.redisClientFactory ?? redisClientFactoryFor(config.redis);
  if (config.redis.url || clientFactory) {
    return new RedisL2Cache({
      url: config.redis.url,
      keyPrefix: config.redis.keyPrefix,
      commandTimeoutMs: config.redis.commandTimeoutMs,
      origin: options.origin ?? randomUUID(),
      clientFactory,
    });
  }
  return new EmbeddedL2Cache({ path: embeddedDatabasePath(config), maxEntries: config.cache.l2MaxEntries, now: options.now });
}
