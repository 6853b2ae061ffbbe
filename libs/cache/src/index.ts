export { TieredCacheImpl, type TieredCacheParts } from './tiered-cache';
export { createTieredCache, embeddedDatabasePath, type CreateTieredCacheOptions } from './create-tiered-cache';
export { cacheModule } from './cache-module';
export { LruL1Cache, type LruL1Options } from './lru-l1-cache';
export { EmbeddedL2Cache, type EmbeddedL2Options } from './embedded-l2-cache';
export { RedisL2Cache, invalidationChannel, reconnectDelayMs, type RedisL2Options, type RedisClientFactory } from './redis-l2-cache';
export { redisClientFactoryFor, parseHostPort, type HostPort } from './redis-topology';
export type { L2Cache, InvalidationBus, InvalidationMessage } from './l2-cache';
export { CircuitBreaker, CircuitOpenError, type BreakerState, type CircuitBreakerOptions } from './circuit-breaker';
export { encodeEnvelope, decodeEnvelope, ENVELOPE_VERSION } from './serialization';
export { LatencyReservoir } from './latency-reservoir';
export {
  startRedisServer,
  redisServerAvailable,
  defaultRedisServerBinary,
  type RedisServerHandle,
  type RedisServerOptions,
} from './redis-server';
