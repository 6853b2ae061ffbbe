import fc from 'fast-check';
import type { Structure } from '@motif/core-types';
import { randomValidStructure } from '@motif/dag';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { chatCardsDag } from '../testing/dag-fixture';
import { StructureVariator } from './structure-variator';

const { graph, validator } = chatCardsDag();
const factory = new SeededRandomSourceFactory();

describe('StructureVariator property', () => {
  it('produces zero invalid structures over thousands of variations of random valid trees', () => {
    const variator = new StructureVariator(graph, validator);
    let produced = 0;
    let invalid = 0;
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: 40 }), (seed, maxNodes) => {
        const rng = factory.create(seed);
        let tree: Structure = randomValidStructure(graph, () => rng.float(), { maxNodes });
        expect(validator.validate(tree).valid).toBe(true);
        // Chain variations: each one starts from the previous, so trees drift far from the generator's shapes.
        for (let step = 0; step < 12; step++) {
          const out = variator.vary(tree, rng);
          if (!out) break;
          produced++;
          if (!validator.validate(out.structure).valid) invalid++;
          tree = out.structure;
        }
      }),
      { numRuns: 500, seed: 20261124 },
    );
    expect(invalid).toBe(0);
    expect(produced).toBeGreaterThan(5000);
  });
});
