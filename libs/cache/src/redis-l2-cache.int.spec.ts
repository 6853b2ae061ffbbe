import { Redis } from 'ioredis';
import { MotifConfigSchema, type MotifConfig } from '@motif/core-types';
import { createTieredCache } from './create-tiered-cache';
import { RedisL2Cache } from './redis-l2-cache';
import { redisSuitesRun, startRedisServer, type RedisServerHandle } from './redis-server';
import type { TieredCacheImpl } from './tiered-cache';

const describeWithRedis = redisSuitesRun() ? describe : describe.skip;

/** Calls of one command so far, from `INFO commandstats` (no MONITOR needed). */
async function calls(admin: Redis, command: string): Promise<number> {
  const info = await admin.info('commandstats');
  const m = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info);
  return m ? Number(m[1]) : 0;
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const key = (i: number | string) => `motif:1:default:variation:p${i}`;

describeWithRedis('RedisL2Cache with a real redis-server', () => {
  let server: RedisServerHandle;
  let admin: Redis;
  let config: MotifConfig;
  const open: Array<TieredCacheImpl<unknown>> = [];

  const cache = async <V>(): Promise<TieredCacheImpl<V>> => {
    const c = createTieredCache<V>(config);
    open.push(c as TieredCacheImpl<unknown>);
    expect(await (c.l2 as RedisL2Cache).ready()).toBe(true);
    return c;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    admin = new Redis(server.url);
    config = MotifConfigSchema.parse({ dataDir: '/nonexistent-not-used', redis: { url: server.url, keyPrefix: 'test:', commandTimeoutMs: 500 } });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await admin.flushall();
    await admin.config('RESETSTAT');
  });
  afterAll(async () => {
    admin.disconnect();
    await server.stop();
  });

  it('stores entries under the key prefix, in the versioned envelope, with the L2 TTL', async () => {
    const c = await cache<{ n: number }>();
    await c.set(key(1), { n: 1 });
    await c.set(key(2), { n: 2 }, 30);
    expect(await admin.get(`test:${key(1)}`)).toBe('{"v":1,"d":{"n":1}}');
    const ttl1 = await admin.ttl(`test:${key(1)}`);
    expect(ttl1).toBeGreaterThan(86_000);
    expect(ttl1).toBeLessThanOrEqual(config.cache.l2TtlSeconds);
    expect(await admin.ttl(`test:${key(2)}`)).toBeLessThanOrEqual(30);
  });

  it('lets Redis expire entries after their TTL', async () => {
    const c = await cache<number>();
    await c.set(key('short'), 1, 1);
    c.l1.clear();
    await eventually(async () => (await admin.exists(`test:${key('short')}`)) === 0, 3_000);
    expect(await c.get(key('short'))).toBeUndefined();
  });

  it('reads a batch of 100 with one MGET and writes it with one pipeline', async () => {
    const writer = await cache<{ i: number }>();
    const entries = Array.from({ length: 100 }, (_, i) => [key(i), { i }] as const);
    const l2 = writer.l2 as RedisL2Cache;
    const tripsBefore = l2.roundTrips;
    await writer.setMany(entries);
    expect(l2.roundTrips - tripsBefore).toBe(1);
    expect(await calls(admin, 'set')).toBe(100);

    const reader = await cache<{ i: number }>();
    const [mgetBefore, getBefore] = [await calls(admin, 'mget'), await calls(admin, 'get')];
    const out = await reader.getMany(entries.map(([k]) => k));
    expect(out).toEqual(entries.map(([, v]) => v));
    expect((await calls(admin, 'mget')) - mgetBefore).toBe(1);
    expect((await calls(admin, 'get')) - getBefore).toBe(0);
    expect(reader.stats().tiers[1]).toMatchObject({ backend: 'redis', state: 'up', hits: 100 });
  });

  it('deletes exactly the given keys with one UNLINK, never SCAN or KEYS, and leaves other keys alone', async () => {
    const c = await cache<number>();
    await c.setMany([[`${key(1)}:v1`, 1], [`${key(1)}:v2`, 2], [key(2), 3]]);
    await admin.set('unrelated', 'x');
    await c.delete([`${key(1)}:v1`, `${key(1)}:v2`]);
    expect(await admin.exists(`test:${key(1)}:v1`, `test:${key(1)}:v2`)).toBe(0);
    expect(await admin.exists(`test:${key(2)}`, 'unrelated')).toBe(2);
    expect(await calls(admin, 'unlink')).toBe(1);
    expect(await calls(admin, 'scan')).toBe(0);
    expect(await calls(admin, 'keys')).toBe(0);
  });

  it('reads an envelope of another version as a miss', async () => {
    const c = await cache<number>();
    await admin.set(`test:${key('old')}`, '{"v":0,"d":1}');
    expect(await c.get(key('old'))).toBeUndefined();
  });

  describe('coherence across processes sharing one Redis', () => {
    it('a delete in one process drops the other process’s L1 copy', async () => {
      const a = await cache<{ n: number }>();
      const b = await cache<{ n: number }>();
      await a.set(key(1), { n: 1 });
      expect(await b.get(key(1))).toEqual({ n: 1 });
      expect(b.l1.peek(key(1))).toEqual({ n: 1 });
      await a.delete([key(1)]);
      await eventually(() => b.l1.peek(key(1)) === undefined);
      expect(await b.get(key(1))).toBeUndefined();
    });

    it('a many-key delete (family regenerated) reaches the other process', async () => {
      const a = await cache<number>();
      const b = await cache<number>();
      await a.setMany([[`${key(1)}:v1`, 1], [`${key(1)}:v2`, 2], [key(2), 3]]);
      await b.getMany([`${key(1)}:v1`, `${key(1)}:v2`, key(2)]);
      expect(b.l1.size).toBe(3);
      await a.delete([`${key(1)}:v1`, `${key(1)}:v2`]);
      await eventually(() => b.l1.size === 1);
      expect(b.l1.peek(key(2))).toBe(3);
    });

    it('an overwrite in one process makes the other read the new value; a process ignores its own messages', async () => {
      const a = await cache<{ n: number }>();
      const b = await cache<{ n: number }>();
      await a.set(key(1), { n: 1 });
      expect(await b.get(key(1))).toEqual({ n: 1 });
      await b.set(key('marker'), { n: 0 });
      expect(await a.get(key('marker'))).toEqual({ n: 0 });
      await a.set(key(1), { n: 2 });
      await eventually(() => b.l1.peek(key(1)) === undefined);
      expect(await b.get(key(1))).toEqual({ n: 2 });
      // Channel order: once a sees b's later message, it has already seen its own set message,
      // which must not have emptied a's L1.
      await b.delete([key('marker')]);
      await eventually(() => a.l1.peek(key('marker')) === undefined);
      expect(a.l1.peek(key(1))).toEqual({ n: 2 });
    });
  });
});
