import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Container } from 'inversify';
import { MotifConfigSchema, TOKENS, type MotifConfig, type TieredCache } from '@motif/core-types';
import { cacheModule } from './cache-module';
import { createTieredCache, embeddedDatabasePath } from './create-tiered-cache';
import { EmbeddedL2Cache } from './embedded-l2-cache';
import { RedisL2Cache } from './redis-l2-cache';

describe('createTieredCache', () => {
  let dir: string;
  let config: MotifConfig;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'motif-cache-'));
    config = MotifConfigSchema.parse({ dataDir: join(dir, 'data') });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the embedded L2 in <dataDir>/motif.db when no Redis is configured, warm across restarts', async () => {
    const first = createTieredCache<{ id: string }>(config);
    expect(first.l2).toBeInstanceOf(EmbeddedL2Cache);
    await first.set('motif:1:default:family:p1', { id: 'p1' });
    await first.close();
    expect(embeddedDatabasePath(config)).toBe(join(dir, 'data', 'motif.db'));

    const second = createTieredCache<{ id: string }>(config);
    expect(await second.get('motif:1:default:family:p1')).toEqual({ id: 'p1' });
    expect(second.stats().tiers[1]).toMatchObject({ backend: 'embedded', hits: 1, state: 'up' });
    await second.close();
  });

  it('takes time from an injected Clock (L1 TTL and embedded L2 expiry)', async () => {
    let t = Date.UTC(2026, 0, 1);
    const cache = createTieredCache<number>(config, { clock: { now: () => new Date(t) } });
    await cache.set('k', 1, 10);
    t += 10_001;
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.stats().tiers[1].misses).toBe(1); // expired in L2 too, not only in L1
    await cache.close();
  });

  it('sizes L1 from config.cache', async () => {
    const small = createTieredCache<number>({ ...config, cache: { ...config.cache, l1MaxEntries: 2 } }, { l2: null });
    await small.setMany([['a', 1], ['b', 2], ['c', 3]]);
    expect(small.l1.size).toBe(2);
    expect(small.stats().tiers[0].evictions).toBe(1);
    await small.close();
  });

  it('chooses Redis when redis.url is set (fail-fast while no server answers)', async () => {
    const cache = createTieredCache<number>({ ...config, redis: { ...config.redis, url: 'redis://127.0.0.1:1' } }, { breaker: { failureThreshold: 1 } });
    expect(cache.l2).toBeInstanceOf(RedisL2Cache);
    const t0 = Date.now();
    await expect(cache.get('k')).resolves.toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(1_000);
    expect(cache.stats().tiers[1]).toMatchObject({ backend: 'redis', state: 'down', errors: 1 });
    await cache.close();
  });
});

describe('cacheModule', () => {
  it('binds TOKENS.FamilyCache to one cache built from TOKENS.Config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-cache-'));
    try {
      const container = new Container();
      container.bind<MotifConfig>(TOKENS.Config).toConstantValue(MotifConfigSchema.parse({ dataDir: dir }));
      container.load(cacheModule);
      const a = container.get<TieredCache<unknown>>(TOKENS.FamilyCache);
      expect(container.get<TieredCache<unknown>>(TOKENS.FamilyCache)).toBe(a);
      await a.set('k', { x: 1 });
      expect(await a.get('k')).toEqual({ x: 1 });
      await a.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
