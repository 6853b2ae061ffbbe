import type { Embedder } from '@motif/core-types';
import { CachedEmbedder } from './cached-embedder';
import { HashingEmbedder } from './hashing-embedder';

/** Counts what reaches the inner embedder. */
function counting(): Embedder & { single: string[]; batches: number } {
  const inner = new HashingEmbedder({ dimension: 16 });
  const calls = { single: [] as string[], batches: 0 };
  return Object.assign(calls, {
    id: inner.id,
    dimension: inner.dimension,
    embed: async (t: string) => (calls.single.push(t), inner.embedSync(t)),
    embedBatch: async (ts: readonly string[]) => (calls.batches++, ts.map((t) => inner.embedSync(t))),
  });
}

describe('CachedEmbedder (LRU of query embeddings)', () => {
  it('embeds a repeated query once, shares a pending embedding, and evicts the least recently used', async () => {
    const inner = counting();
    const cached = new CachedEmbedder(inner, 2);
    const a = await cached.embed('status card');
    expect(await cached.embed('status card')).toBe(a);
    await Promise.all([cached.embed('gallery'), cached.embed('gallery')]);
    expect(inner.single).toEqual(['status card', 'gallery']);
    await cached.embed('status card'); // most recent now: 'gallery' is the one evicted next
    await cached.embed('poll');
    await cached.embed('status card');
    await cached.embed('gallery');
    expect(inner.single).toEqual(['status card', 'gallery', 'poll', 'gallery']);
    expect([cached.hits, cached.misses]).toEqual([4, 4]);
    expect(cached.id).toBe(inner.id);
  });

  it('passes batches through without caching them, and does not keep a failure', async () => {
    const inner = counting();
    const cached = new CachedEmbedder(inner, 10);
    await cached.embedBatch(['a', 'b']);
    expect(cached.size).toBe(0);
    expect(inner.batches).toBe(1);
    let fail = true;
    const flaky = new CachedEmbedder({ ...inner, embed: async (t: string) => { if (fail) throw new Error('model not loaded'); return inner.embed(t); } }, 10);
    await expect(flaky.embed('x')).rejects.toThrow('model not loaded');
    fail = false;
    await expect(flaky.embed('x')).resolves.toHaveLength(16);
  });
});
