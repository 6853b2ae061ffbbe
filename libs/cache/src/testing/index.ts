// `@motif/cache/testing`: a throwaway Redis server for integration tests (Debian's redis-server).
export {
  startRedisServer,
  redisServerAvailable,
  defaultRedisServerBinary,
  type RedisServerHandle,
  type RedisServerOptions,
} from '../redis-server';
