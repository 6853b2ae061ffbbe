import { Cluster, Redis } from 'ioredis';
import { MotifConfigSchema } from '@motif/core-types';
import { parseHostPort, redisClientFactoryFor } from './redis-topology';

const redisConfig = (redis: Record<string, unknown>) => MotifConfigSchema.parse({ dataDir: '/unused', redis }).redis;
const defaults = { lazyConnect: true, keyPrefix: 'app:', enableOfflineQueue: false, commandTimeout: 100, maxRetriesPerRequest: 1 };

describe('redisClientFactoryFor', () => {
  it('parses host:port, IPv6 included', () => {
    expect(parseHostPort('cache-1.internal:26379')).toEqual({ host: 'cache-1.internal', port: 26379 });
    expect(parseHostPort('[::1]:7000')).toEqual({ host: '::1', port: 7000 });
  });

  it('has nothing to add for a plain URL', () => {
    expect(redisClientFactoryFor(redisConfig({ url: 'redis://127.0.0.1:6379' }))).toBeUndefined();
  });

  it('connects through Sentinel to the named master, keeping the fail-fast defaults', () => {
    const factory = redisClientFactoryFor(redisConfig({ sentinel: { name: 'motif', sentinels: ['s1:26379', 's2:26380'], password: 'pw' } }));
    const client = factory?.('data', defaults) as Redis;
    try {
      expect(client).toBeInstanceOf(Redis);
      expect(client.options).toMatchObject({
        name: 'motif',
        sentinels: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }],
        sentinelPassword: 'pw',
        keyPrefix: 'app:',
        enableOfflineQueue: false,
        commandTimeout: 100,
      });
    } finally {
      client.disconnect();
    }
  });

  it('builds a Cluster client with the key prefix at the top level and the rest per node', () => {
    const factory = redisClientFactoryFor(redisConfig({ cluster: { nodes: ['n1:7000', 'n2:7001'] } }));
    const client = factory?.('data', defaults) as Cluster;
    try {
      expect(client).toBeInstanceOf(Cluster);
      expect(client.options).toMatchObject({ keyPrefix: 'app:', enableOfflineQueue: false, redisOptions: { commandTimeout: 100, maxRetriesPerRequest: 1 } });
      expect(client.options.redisOptions).not.toHaveProperty('keyPrefix');
    } finally {
      client.disconnect();
    }
  });
});
