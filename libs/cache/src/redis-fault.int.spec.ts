import { connect, createServer, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { MotifConfigSchema, type CacheTierStats, type MotifConfig } from '@motif/core-types';
import { createTieredCache } from './create-tiered-cache';
import type { RedisL2Cache } from './redis-l2-cache';
import { redisSuitesRun, startRedisServer, type RedisServerHandle } from './redis-server';
import type { TieredCacheImpl } from './tiered-cache';

const describeWithRedis = redisSuitesRun() ? describe : describe.skip;

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - t0 };
}

const l2 = (c: TieredCacheImpl<unknown>): CacheTierStats => c.stats().tiers[1];
const key = (id: string) => `motif:1:default:family:${id}`;

/** Budget of every Redis call in these tests; the fault below would otherwise block for seconds. */
const BUDGET_MS = 150;

describeWithRedis('Redis faults (killed, restarted, slow)', () => {
  let server: RedisServerHandle;
  let config: MotifConfig;
  const open: Array<TieredCacheImpl<unknown>> = [];
  const cache = async (): Promise<TieredCacheImpl<unknown>> => {
    const c = createTieredCache<unknown>(config, { breaker: { failureThreshold: 3, cooldownMs: 200 } });
    open.push(c);
    expect(await c.ready()).toBe(true);
    return c;
  };

  beforeEach(async () => {
    server = await startRedisServer();
    config = MotifConfigSchema.parse({ dataDir: '/unused', redis: { url: server.url, commandTimeoutMs: BUDGET_MS } });
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await server.stop();
  });

  it('keeps serving from L1 within the budget when Redis is killed, opens the breaker, and recovers after a restart', async () => {
    const a = await cache();
    await a.set(key('warm'), { n: 1 });

    await server.kill(); // SIGKILL mid-run

    // Warm entries come from L1; cold reads and writes resolve (not reject) within the budget.
    expect(await a.get(key('warm'))).toEqual({ n: 1 });
    for (let i = 0; i < 3; i++) {
      const read = await timed(() => a.get(key(`cold${i}`)));
      expect(read.value).toBeUndefined();
      expect(read.ms).toBeLessThan(BUDGET_MS * 4);
    }
    const write = await timed(() => a.set(key('written-while-down'), { n: 2 }));
    expect(write.ms).toBeLessThan(BUDGET_MS * 4);
    expect(await a.get(key('written-while-down'))).toEqual({ n: 2 });

    expect(a.breaker.state).toBe('open');
    expect(l2(a)).toMatchObject({ backend: 'redis', state: 'down' });
    expect(l2(a).errors).toBeGreaterThanOrEqual(3);
    expect(a.health().find((h) => h.name === 'cache.l2')).toMatchObject({ state: 'down' });

    await server.restart(); // same port, empty (no persistence)

    // Nobody calls reconnect: ioredis does, and the breaker's half-open trial closes the circuit.
    await eventually(async () => {
      await a.get(key('probe'));
      return l2(a).state === 'up';
    }, 5_000);
    expect(a.breaker.state).toBe('closed');

    await a.set(key('after'), { n: 3 });
    const b = await cache();
    expect(await b.get(key('after'))).toEqual({ n: 3 });
  });

  it('a process that missed invalidations during an outage drops its L1 when pub/sub reconnects', async () => {
    const a = await cache();
    const b = await cache();
    await a.set(key('f'), { n: 1 });
    expect(await b.get(key('f'))).toEqual({ n: 1 });

    await server.kill();
    await a.delete([key('f')]); // cannot reach Redis: b is not told
    expect(b.l1.peek(key('f'))).toEqual({ n: 1 });

    await server.restart();
    await eventually(() => b.l1.peek(key('f')) === undefined, 5_000);
    expect(await b.get(key('f'))).toBeUndefined();
  });

  it('answers within the budget while Redis is slow (paused)', async () => {
    const a = await cache();
    const admin = new Redis(server.url);
    try {
      await a.set(key('warm'), { n: 1 });
      await admin.call('CLIENT', 'PAUSE', '600', 'ALL');
      const warm = await timed(() => a.get(key('warm')));
      expect(warm.value).toEqual({ n: 1 });
      const cold = await timed(() => a.get(key('cold')));
      expect(cold.value).toBeUndefined();
      expect(cold.ms).toBeLessThan(BUDGET_MS * 4);
      expect(l2(a).errors).toBe(1);
      await admin.call('CLIENT', 'UNPAUSE');
    } finally {
      admin.disconnect();
    }
  });

  it('re-applies a delete that failed during a network partition (no stale L2 after it heals)', async () => {
    const proxy = await startTcpProxy(server.port);
    const a = createTieredCache<unknown>(
      { ...config, redis: { ...config.redis, url: `redis://127.0.0.1:${proxy.port}` } },
      { breaker: { failureThreshold: 1, cooldownMs: 100 } },
    );
    open.push(a);
    const admin = new Redis(server.url);
    try {
      expect(await (a.l2 as RedisL2Cache).ready()).toBe(true);
      await a.set(key('g'), { n: 1 });
      proxy.partition();
      await a.delete([key('g')]);
      expect(l2(a).errors).toBe(1);
      expect(await admin.exists(key('g'))).toBe(1); // Redis still holds the old value
      proxy.heal();
      a.l1.clear();
      // Until the delete is re-applied, the old L2 value reads as a miss.
      await eventually(async () => {
        expect(await a.get(key('g'))).toBeUndefined();
        return l2(a).state === 'up';
      }, 5_000);
      await a.settled();
      expect(await admin.exists(key('g'))).toBe(0);
    } finally {
      admin.disconnect();
      await proxy.close();
    }
  });
});

/** A loopback TCP proxy that can cut every connection (and refuse new ones) to simulate a partition. */
async function startTcpProxy(targetPort: number): Promise<{ port: number; partition(): void; heal(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server = createServer((client) => {
    if (cut) return client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    partition: () => {
      cut = true;
      for (const s of sockets) s.destroy();
    },
    heal: () => {
      cut = false;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
