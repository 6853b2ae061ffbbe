// `@motif/cache/testing`: a throwaway Redis server for integration tests (Debian's redis-server).
export {
  startRedisServer,
  redisServerAvailable,
  defaultRedisServerBinary,
  findOnPath,
  redisSuitesRun,
  REDIS_SERVER_MISSING,
  type RedisServerHandle,
  type RedisServerOptions,
} from '../redis-server';
