import type { Structure } from '@motif/core-types';
import { chatCardsDag } from '../testing/dag-fixture';
import { diversityOf } from './diversity';

const { graph, codec } = chatCardsDag();
const s = (dsl: string): Structure => codec.parse(dsl);

describe('diversityOf', () => {
  // The Chat catalog has 42 distinct parent→child pairs (Section alone holds 12 widget kinds + CollapseControl).
  const catalogPairs = new Set(graph.edges().map((e) => `${e.parent}>${e.child}`)).size;

  it('counts the catalog pairs the hand computation assumes', () => {
    expect(catalogPairs).toBe(42);
  });

  it('matches a hand-computed small family', () => {
    // A = §[δ], B = §[ʈ], C = §[δ, ʈ].
    // distance = 1 − mean(weighted Jaccard of edges, of components):
    //   A–B: edges 0/2, components 1/3 → 1 − 1/6 = 5/6;  A–C and B–C: edges 1/2, components 2/3 → 1 − 7/12 = 5/12.
    //   mean = (5/6 + 5/12 + 5/12) / 3 = 5/9.  Edges touched: Section>DecoratedText, Section>TextParagraph = 2/42.
    expect(diversityOf([s('§[δ]'), s('§[ʈ]'), s('§[δ, ʈ]')], graph)).toEqual({
      distinctStructures: 3,
      edgeCoverage: Math.round((2 / 42) * 1e6) / 1e6,
      meanPairwiseDistance: Math.round((5 / 9) * 1e6) / 1e6,
    });
  });

  it('counts duplicates once as structures but in every pair', () => {
    // Adding D = A (written differently: ×1 omitted vs explicit) gives pairs A–D = 0, B–D = 5/6, C–D = 5/12:
    // mean = (5/6·2 + 5/12·3 + 0) / 6 = 35/72.
    const d: Structure = [{ component: 'Section', count: 1, children: [{ component: 'DecoratedText', field: 'widgets' }] }];
    expect(diversityOf([s('§[δ]'), s('§[ʈ]'), s('§[δ, ʈ]'), d], graph)).toEqual({
      distinctStructures: 3,
      edgeCoverage: Math.round((2 / 42) * 1e6) / 1e6,
      meanPairwiseDistance: Math.round((35 / 72) * 1e6) / 1e6,
    });
  });

  it('is zero for a single structure and counts expanded nested edges', () => {
    expect(diversityOf([s('§[δ]')], graph)).toEqual({ distinctStructures: 1, edgeCoverage: Math.round((1 / 42) * 1e6) / 1e6, meanPairwiseDistance: 0 });
    expect(diversityOf([s('©[◆, §[Ƀ[ᵬ[ɨ]]]]')], graph).edgeCoverage).toBe(Math.round((5 / 42) * 1e6) / 1e6);
  });
});
