import { buildCacheKey, type CacheStats } from '@motif/core-types';
import { CircuitBreaker } from './circuit-breaker';
import { EmbeddedL2Cache } from './embedded-l2-cache';
import type { L2Cache } from './l2-cache';
import { TieredCacheImpl } from './tiered-cache';

/** A real (in-memory SQLite) L2 behind a switch that makes it fail or hang, and a call log. */
class SwitchableL2 implements L2Cache {
  readonly backend = 'embedded' as const;
  readonly inner = new EmbeddedL2Cache({ path: ':memory:', maxEntries: 1_000 });
  failing = false;
  calls: string[] = [];
  gate: Promise<void> | undefined;
  /** Holds a read's answer back after it was read: the window in which an invalidation can race it. */
  readGate: Promise<void> | undefined;

  private async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.calls.push(name);
    if (this.gate) await this.gate;
    if (this.failing) throw new Error('l2 down');
    return fn();
  }
  getMany(keys: readonly string[]) {
    return this.run('getMany', async () => {
      const out = await this.inner.getMany(keys);
      if (this.readGate) await this.readGate;
      return out;
    });
  }
  setMany(entries: ReadonlyArray<readonly [string, string]>, ttl: number) { return this.run('setMany', () => this.inner.setMany(entries, ttl)); }
  delete(keys: readonly string[]) { return this.run('delete', () => this.inner.delete(keys)); }
  deletePrefix(prefix: string) { return this.run('deletePrefix', () => this.inner.deletePrefix(prefix)); }
  state() { return this.inner.state(); }
  evictions() { return this.inner.evictions(); }
  entries() { return this.inner.entries(); }
  close() { return this.inner.close(); }
}

const key = (id: string, version?: number) => buildCacheKey({ namespace: 'default', kind: 'family', id, version });

function setup(opts: { threshold?: number; cooldownMs?: number } = {}) {
  let t = 0;
  const l2 = new SwitchableL2();
  const breaker = new CircuitBreaker({ failureThreshold: opts.threshold ?? 2, cooldownMs: opts.cooldownMs ?? 1_000, now: () => t });
  const cache = new TieredCacheImpl<{ n: number }>({
    l1: { maxEntries: 100, maxBytes: 1_000_000, ttlSeconds: 60 },
    l2,
    l2TtlSeconds: 600,
    breaker,
  });
  return { cache, l2, breaker, advance: (ms: number) => (t += ms) };
}

const tier = (cache: { stats(): CacheStats }, name: 'l1' | 'l2') => cache.stats().tiers.find((s) => s.tier === name)!;

describe('TieredCacheImpl', () => {
  it('writes through to both tiers, in a versioned envelope in L2', async () => {
    const { cache, l2 } = setup();
    await cache.set(key('a'), { n: 1 });
    expect(cache.l1.peek(key('a'))).toEqual({ n: 1 });
    expect(await l2.inner.getMany([key('a')])).toEqual(['{"v":1,"d":{"n":1}}']);
  });

  it('reads through to L2 on an L1 miss and promotes the hit into L1', async () => {
    const { cache, l2 } = setup();
    await l2.inner.setMany([[key('a'), '{"v":1,"d":{"n":7}}']], 60);
    expect(await cache.get(key('a'))).toEqual({ n: 7 });
    l2.calls = [];
    expect(await cache.get(key('a'))).toEqual({ n: 7 });
    expect(l2.calls).toEqual([]);
    expect(tier(cache, 'l1')).toMatchObject({ hits: 1, misses: 1 });
    expect(tier(cache, 'l2')).toMatchObject({ hits: 1, misses: 0, hitRatio: 1, state: 'up' });
  });

  it('getMany asks L2 once for all L1 misses and aligns results with the keys', async () => {
    const { cache, l2 } = setup();
    await cache.set(key('l1'), { n: 1 });
    await l2.inner.setMany([[key('l2a'), '{"v":1,"d":{"n":2}}'], [key('l2b'), '{"v":1,"d":{"n":3}}']], 60);
    l2.calls = [];
    const out = await cache.getMany([key('l2a'), key('l1'), key('none'), key('l2b'), key('l2a')]);
    expect(out).toEqual([{ n: 2 }, { n: 1 }, undefined, { n: 3 }, { n: 2 }]);
    expect(l2.calls).toEqual(['getMany']);
    expect(cache.l1.peek(key('l2b'))).toEqual({ n: 3 });
  });

  it('setMany writes the batch to L2 in one call', async () => {
    const { cache, l2 } = setup();
    await cache.setMany([[key('a'), { n: 1 }], [key('b'), { n: 2 }]]);
    expect(l2.calls).toEqual(['setMany']);
    expect(await l2.inner.getMany([key('a'), key('b')])).toHaveLength(2);
    expect(cache.l1.size).toBe(2);
  });

  it('delete removes exactly the given keys from both tiers, in one L2 call', async () => {
    const { cache, l2 } = setup();
    await cache.setMany([[key('p1', 1), { n: 1 }], [key('p1', 2), { n: 2 }], [key('p2', 1), { n: 3 }], [key('x'), { n: 4 }]]);
    l2.calls.length = 0;
    await cache.delete([key('p1', 1), key('p1', 2), key('x')]);
    expect(l2.calls).toEqual(['delete']);
    expect(await cache.getMany([key('p1', 1), key('p1', 2), key('x')])).toEqual([undefined, undefined, undefined]);
    expect(await l2.inner.getMany([key('p1', 1), key('p1', 2), key('p2', 1), key('x')])).toEqual([undefined, undefined, expect.any(String), undefined]);
    expect(await cache.get(key('p2', 1))).toEqual({ n: 3 });
  });

  it('keeps its own copy: mutating the object after set does not change the cached value', async () => {
    const { cache } = setup();
    const value = { n: 1 };
    await cache.set(key('a'), value);
    value.n = 99;
    expect(await cache.get(key('a'))).toEqual({ n: 1 });
  });

  it('reads another envelope version as a miss', async () => {
    const { cache, l2 } = setup();
    await l2.inner.setMany([[key('a'), '{"v":99,"d":{"n":1}}']], 60);
    expect(await cache.get(key('a'))).toBeUndefined();
    expect(tier(cache, 'l2')).toMatchObject({ misses: 1, errors: 0 });
  });

  it('a schema-version bump addresses new keys, so old entries are never read', async () => {
    const { cache } = setup();
    await cache.set(buildCacheKey({ namespace: 'default', kind: 'family', id: 'p', schemaVersion: 1 }), { n: 1 });
    expect(await cache.get(buildCacheKey({ namespace: 'default', kind: 'family', id: 'p', schemaVersion: 2 }))).toBeUndefined();
  });

  it('reports per-tier stats with latency percentiles', async () => {
    const { cache } = setup();
    await cache.set(key('a'), { n: 1 });
    for (let i = 0; i < 3; i++) await cache.get(key('a'));
    await cache.get(key('missing'));
    const [l1, l2] = cache.stats().tiers;
    expect(l1).toMatchObject({ tier: 'l1', backend: 'lru-cache', hits: 3, misses: 1, hitRatio: 0.75, entries: 1 });
    expect(l1.latency.unit).toBe('us');
    expect(l1.latency.p99).toBeGreaterThan(0);
    expect(l2).toMatchObject({ tier: 'l2', backend: 'embedded', hits: 0, misses: 1, entries: 1 });
    expect(l2.latency.p50).toBeGreaterThan(0);
  });

  it('does not promote a value read before an invalidation that completed while the read was in flight', async () => {
    const { cache, l2 } = setup();
    await l2.inner.setMany([[key('a'), '{"v":1,"d":{"n":1}}']], 60);
    let release!: () => void;
    l2.readGate = new Promise((r) => (release = r));
    const read = cache.get(key('a')); // has read the old value, answer held back
    await new Promise((r) => setImmediate(r));
    l2.readGate = undefined;
    await cache.delete([key('a')]); // completes entirely meanwhile
    release();
    expect(await read).toEqual({ n: 1 }); // the caller still gets what was there when it asked
    expect(cache.l1.peek(key('a'))).toBeUndefined(); // but it is not cached as current
    expect(await cache.get(key('a'))).toBeUndefined();
  });

  describe('when L2 fails', () => {
    it('serves from L1, never throws, counts errors and opens the breaker', async () => {
      const { cache, l2, breaker } = setup({ threshold: 2 });
      await cache.set(key('warm'), { n: 1 });
      l2.failing = true;
      await expect(cache.get(key('cold1'))).resolves.toBeUndefined();
      await expect(cache.set(key('new'), { n: 2 })).resolves.toBeUndefined();
      expect(breaker.state).toBe('open');
      l2.calls = [];
      expect(await cache.get(key('warm'))).toEqual({ n: 1 });
      expect(await cache.get(key('new'))).toEqual({ n: 2 });
      expect(await cache.get(key('cold2'))).toBeUndefined();
      expect(l2.calls).toEqual([]); // skipped while open: no request waits on a dead tier
      expect(tier(cache, 'l2')).toMatchObject({ state: 'down', errors: 2 });
      expect(cache.health()[1]).toMatchObject({ name: 'cache.l2', state: 'down' });
    });

    it('recovers after the cool-down and re-applies the invalidations L2 missed', async () => {
      const { cache, l2, advance } = setup({ threshold: 1, cooldownMs: 1_000 });
      await cache.set(key('a'), { n: 1 });
      l2.failing = true;
      await cache.delete([key('a')]); // L2 keeps the old value for now
      expect(tier(cache, 'l2').state).toBe('down');
      l2.failing = false;
      advance(1_000);
      expect(tier(cache, 'l2').state).toBe('degraded');
      // The old value is still in L2, but the pending invalidation makes it a miss.
      expect(await cache.get(key('a'))).toBeUndefined();
      await cache.settled();
      expect(await l2.inner.getMany([key('a')])).toEqual([undefined]);
      expect(tier(cache, 'l2').state).toBe('up');
    });

    it('never serves an L2 value older than a failed overwrite', async () => {
      const { cache, l2, advance } = setup({ threshold: 1, cooldownMs: 10 });
      await cache.set(key('a'), { n: 1 });
      l2.failing = true;
      await cache.set(key('a'), { n: 2 });
      cache.l1.clear(); // e.g. evicted from L1
      l2.failing = false;
      advance(10);
      expect(await cache.get(key('a'))).toBeUndefined();
    });
  });

  it('refuses a value JSON cannot carry with a typed error', async () => {
    const { cache } = setup();
    await expect(cache.set(key('bad'), undefined as unknown as { n: number })).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('a successful write after recovery replaces a pending invalidation of the same key', async () => {
    const { cache, l2, advance } = setup({ threshold: 1, cooldownMs: 10 });
    l2.failing = true;
    await cache.set(key('a'), { n: 1 }); // fails: a is pending
    l2.failing = false;
    advance(10);
    await cache.set(key('a'), { n: 2 });
    await cache.settled();
    cache.l1.clear();
    expect(await cache.get(key('a'))).toEqual({ n: 2 });
  });

  it('works with L1 only, reporting L2 as disabled', async () => {
    const cache = new TieredCacheImpl<number>({ l1: { maxEntries: 10, maxBytes: 10_000, ttlSeconds: 60 }, l2: null, l2TtlSeconds: 60 });
    await cache.set('k', 1);
    expect(await cache.get('k')).toBe(1);
    expect(cache.stats().tiers[1]).toMatchObject({ backend: 'none', state: 'disabled' });
    await cache.close();
  });
});
