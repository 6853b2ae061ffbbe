import fc from 'fast-check';
import type { Structure } from '@motif/core-types';
import { canonicalizeStructure, randomValidStructure } from '@motif/dag';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { chatCardsDag } from '../testing/dag-fixture';
import { CanonicalFormatter } from './canonical-form';
import { StructureVariator } from './structure-variator';

const { graph, validator, codec } = chatCardsDag();
const formatter = new CanonicalFormatter(graph);
const factory = new SeededRandomSourceFactory();

describe('CanonicalFormatter', () => {
  it('merges identical neighbours, fills unambiguous fields and prints the compact DSL', () => {
    const raw: Structure = [
      { component: 'Section', count: 1, children: [{ component: 'DecoratedText' }, { component: 'DecoratedText', count: 2 }, { component: 'ButtonList', children: [{ component: 'Button' }, { component: 'Button' }] }] },
    ];
    const form = formatter.of(raw);
    expect(form.dsl).toBe('§[δ×3, Ƀ[ᵬ×2]]');
    expect(form.structure).toEqual([
      { component: 'Section', children: [{ component: 'DecoratedText', count: 3, field: 'widgets' }, { component: 'ButtonList', field: 'widgets', children: [{ component: 'Button', count: 2, field: 'buttons' }] }] },
    ]);
    expect(formatter.of(codec.parse('§[δ×3, Ƀ[ᵬ×2]]')).key).toBe(form.key);
    expect(formatter.of(codec.parse('§[δ×2, Ƀ[ᵬ×2]]')).key).not.toBe(form.key);
    // A non-default slot is part of the shape, and the DSL says it (`endIcon:`): the trees differ in both.
    const start = formatter.of([{ component: 'DecoratedText', children: [{ component: 'Icon', field: 'startIcon' }] }]);
    const end = formatter.of([{ component: 'DecoratedText', children: [{ component: 'Icon', field: 'endIcon' }] }]);
    expect(start.dsl).toBe('δ[ɨ]');
    expect(end.dsl).toBe('δ[endIcon:ɨ]');
    expect(start.key).not.toBe(end.key);
  });

  it('equals dag: canonicalizeStructure (bytes), DslCodec.format (text) and canonical identity (key) on random and varied trees', () => {
    const variator = new StructureVariator(graph, validator);
    const keys = new Map<string, string>();
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 40 }), (seed, maxNodes) => {
        const rng = factory.create(seed);
        let tree: Structure = randomValidStructure(graph, () => rng.float(), { maxNodes });
        for (let step = 0; step < 6; step++) {
          const form = formatter.of(tree);
          const canonical = canonicalizeStructure(tree, graph);
          expect(JSON.stringify(form.structure)).toBe(JSON.stringify(canonical));
          expect(form.dsl).toBe(codec.format(tree, 'compact'));
          // Same key ⇔ same canonical JSON.
          const json = JSON.stringify(canonical);
          const seen = keys.get(form.key);
          if (seen !== undefined) expect(seen).toBe(json);
          keys.set(form.key, json);
          const next = variator.vary(tree, rng);
          if (!next) break;
          tree = next.structure;
        }
      }),
      { numRuns: 600, seed: 7 },
    );
    expect(new Set(keys.values()).size).toBe(keys.size);
  });
});
