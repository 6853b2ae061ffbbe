import { checkTreeParams, renderTree } from '@motif/dag';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { messageProblems } from './card-v2-rules';
import { chatCardsEngine } from './dag-fixture';
import { inventedValues, orphanParams } from './fact-audit';
import { patternOfTree } from './pattern-fixture';
import { randomValidCard } from './random-valid-card';

const { engine, catalog, graph } = chatCardsEngine();

describe('randomValidCard and the variations of random cards', () => {
  it('makes valid cards, and every variation of them is valid, invents nothing and leaves no orphan param', () => {
    const rng = new SeededRandomSourceFactory().create('random-cards-spec');
    let cards = 0;
    let variations = 0;
    for (let i = 0; i < 120 && cards < 60; i++) {
      const tree = randomValidCard(graph, rng);
      if (!tree) continue;
      cards++;
      const pattern = patternOfTree(`random-${i}`, tree);
      for (const v of engine.generate(pattern, { structure: 4, parameter: 4, seed: i }).variations.slice(1)) {
        expect(checkTreeParams(v.tree, catalog, { unknownKeys: 'error' })).toEqual([]);
        expect(messageProblems(renderTree(v.tree, 'v', catalog))).toEqual([]);
        expect(inventedValues(tree, v.tree, catalog)).toEqual([]);
        expect(orphanParams(tree, v.tree, catalog)).toEqual([]);
        variations++;
      }
    }
    expect(cards).toBeGreaterThanOrEqual(40);
    expect(variations).toBeGreaterThan(cards * 4);
  });
});
