// The public face of @motif/cache. `startRedisServer` (tests) lives in `@motif/cache/testing`.
export { TieredCacheImpl, type TieredCacheParts } from './tiered-cache';
export { createTieredCache, embeddedDatabasePath, type CreateTieredCacheOptions } from './create-tiered-cache';
export { cacheModule } from './cache-module';
export { LruL1Cache, type LruL1Options } from './lru-l1-cache';
export { EmbeddedL2Cache, type EmbeddedL2Options } from './embedded-l2-cache';
export { RedisL2Cache, type RedisL2Options, type RedisClientFactory } from './redis-l2-cache';
export { redisClientFactoryFor } from './redis-topology';
export type { L2Cache, InvalidationBus, InvalidationMessage } from './l2-cache';
export type { TierMetrics } from './tier-metrics';
export type { CircuitBreaker, CircuitBreakerOptions, BreakerState } from './circuit-breaker';
export type { LatencyReservoir } from './latency-reservoir';
