import { LruL1Cache } from './lru-l1-cache';

function l1(overrides: Partial<ConstructorParameters<typeof LruL1Cache>[0]> = {}) {
  let t = 1_000;
  const cache = new LruL1Cache<string>({ maxEntries: 3, maxBytes: 1_000, ttlSeconds: 10, now: () => t, ...overrides });
  return { cache, advance: (ms: number) => (t += ms) };
}

describe('LruL1Cache', () => {
  it('counts hits and misses', () => {
    const { cache } = l1();
    cache.set('a', 'A', 10);
    expect(cache.get('a')).toBe('A');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ tier: 'l1', backend: 'lru-cache', hits: 1, misses: 1, hitRatio: 0.5 });
  });

  it('is bounded by entry count, evicting the least recently used and counting it', () => {
    const { cache } = l1({ maxEntries: 3 });
    cache.set('a', 'A', 1);
    cache.set('b', 'B', 1);
    cache.set('c', 'C', 1);
    cache.get('a');
    cache.set('d', 'D', 1);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toBe('A');
    expect(cache.size).toBe(3);
    expect(cache.stats().evictions).toBe(1);
  });

  it('peek neither counts nor makes the key most recent', () => {
    const { cache } = l1({ maxEntries: 2 });
    cache.set('a', 'A', 1);
    cache.set('b', 'B', 1);
    expect(cache.peek('a')).toBe('A');
    cache.set('c', 'C', 1);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('b')).toBe('B');
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 0 });
  });

  it('is bounded by bytes', () => {
    const { cache } = l1({ maxEntries: 100, maxBytes: 100 });
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    cache.set('c', 'C', 40);
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.peek('c')).toBe('C');
    expect(cache.stats()).toMatchObject({ evictions: 1, bytes: 80, entries: 2 });
  });

  it('refuses an entry larger than the whole byte budget and counts it', () => {
    const { cache } = l1({ maxBytes: 100 });
    cache.set('big', 'X', 101);
    expect(cache.peek('big')).toBeUndefined();
    expect(cache.stats().evictions).toBe(1);
  });

  it('expires entries after the TTL (injected clock), and honours a shorter per-entry TTL', () => {
    const { cache, advance } = l1({ ttlSeconds: 10 });
    cache.set('a', 'A', 1);
    cache.set('short', 'S', 1, 2);
    advance(2_001);
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    advance(8_000);
    expect(cache.get('a')).toBeUndefined();
  });

  it('never keeps an entry longer than its own TTL even if the per-entry TTL is longer', () => {
    const { cache, advance } = l1({ ttlSeconds: 1 });
    cache.set('a', 'A', 1, 3600);
    advance(1_001);
    expect(cache.get('a')).toBeUndefined();
  });

  it('deletes by prefix', () => {
    const { cache } = l1({ maxEntries: 10 });
    cache.set('motif:1:ns:family:p1', 'x', 1);
    cache.set('motif:1:ns:family:p1:v2', 'y', 1);
    cache.set('motif:1:ns:family:p2', 'z', 1);
    expect(cache.deletePrefix('motif:1:ns:family:p1')).toBe(2);
    expect(cache.peek('motif:1:ns:family:p2')).toBe('z');
  });
});
