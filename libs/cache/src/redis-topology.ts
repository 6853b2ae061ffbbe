import type { MotifConfig } from '@motif/core-types';
import { ioredis, type RedisClientFactory } from './redis-l2-cache';

export interface HostPort {
  host: string;
  port: number;
}

/** `host:port` (IPv6 in brackets: `[::1]:6379`) → address. The config schema already checked the shape. */
export function parseHostPort(value: string): HostPort {
  const i = value.lastIndexOf(':');
  return { host: value.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(value.slice(i + 1)) };
}

/**
 * The client factory for `redis.sentinel` or `redis.cluster` (undefined for a plain `redis.url`).
 * The fail-fast defaults RedisL2Cache passes (timeouts, no offline queue, key prefix) are kept;
 * for a Cluster they move to where ioredis expects them (top level vs. per node).
 */
export function redisClientFactoryFor(redis: MotifConfig['redis']): RedisClientFactory | undefined {
  const { sentinel, cluster } = redis;
  if (sentinel) {
    return (_role, defaults) =>
      new (ioredis().Redis)({
        ...defaults,
        name: sentinel.name,
        sentinels: sentinel.sentinels.map(parseHostPort),
        ...(sentinel.password ? { sentinelPassword: sentinel.password } : {}),
      });
  }
  if (cluster) {
    return (_role, defaults) => {
      const { keyPrefix, enableOfflineQueue, retryStrategy, ...perNode } = defaults;
      return new (ioredis().Cluster)(cluster.nodes.map(parseHostPort), {
        keyPrefix,
        enableOfflineQueue,
        clusterRetryStrategy: retryStrategy,
        redisOptions: perNode,
      });
    };
  }
  return undefined;
}
