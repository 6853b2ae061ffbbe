import fc from 'fast-check';
import { loadCatalog } from '../catalog/load-catalog';
import { DslCodec } from '../dsl/dsl-codec';
import { ComponentGraph } from '../graph/component-graph';
import { randomValidStructure } from '../random/random-valid-structure';
import { profileSimilarity, structureDistance, structureProfile, structureSimilarity } from './structure-similarity';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const codec = new DslCodec(catalog, graph);
const sim = (a: string, b: string) => structureSimilarity(codec.parse(a), codec.parse(b));

describe('structureSimilarity', () => {
  it('is 1 for identical trees (however written) and 0 for disjoint ones', () => {
    expect(sim('§[δ×2, Ƀ[ᵬ]]', 'Section[DecoratedText, DecoratedText, ButtonList[Button]]')).toBe(1);
    expect(sim('§[δ]', '©[◆, §[ʈ]]')).toBeGreaterThan(0);
    expect(sim('§', '©')).toBe(0);
    expect(structureSimilarity([], [])).toBe(1);
  });

  it('is 0 for two different single leaves (no shared component; no edges is no evidence of a shared shape)', () => {
    // The retired vector-store copy said 0.5 here: its empty edge multisets counted as identical.
    expect(structureSimilarity([{ component: 'DecoratedText' }], [{ component: 'Button' }])).toBe(0);
    expect(structureSimilarity([{ component: 'Button', count: 2 }], [{ component: 'Button' }])).toBe(0.5);
  });

  it('costs nothing on a multiplier bomb', () => {
    const bomb = [{ component: 'Section', count: 1000, children: [{ component: 'ButtonList', count: 1000, children: [{ component: 'Button', count: 1000 }] }] }];
    expect(structureSimilarity(bomb, bomb)).toBe(1);
    expect(structureSimilarity(bomb, [{ component: 'Section' }])).toBeLessThan(0.01);
  });

  it('ranks closer variations higher', () => {
    const base = '§[δ×3, Ƀ[ᵬ×2]]';
    const near = sim(base, '§[δ×3, Ƀ[ᵬ]]');
    const mid = sim(base, '§[δ, Ƀ[ᵬ]]');
    const far = sim(base, '§[ℊ[ǵ×4]]');
    expect(near).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(far);
    expect(structureDistance(codec.parse(base), codec.parse('§[δ, Ƀ[ᵬ]]'))).toBeCloseTo(1 - mid, 10);
  });

  it('is symmetric and within [0, 1] on random trees', () => {
    const rng = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => {
      let x = seed;
      return () => ((x = (x * 48271) % 2147483647) - 1) / 2147483646;
    });
    fc.assert(
      fc.property(rng, rng, (r1, r2) => {
        const a = randomValidStructure(graph, r1);
        const b = randomValidStructure(graph, r2);
        const s = structureSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(structureSimilarity(b, a)).toBeCloseTo(s, 12);
        expect(structureSimilarity(a, a)).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('structureProfile / profileSimilarity', () => {
  it('gives the same figure as structureSimilarity', () => {
    const a = codec.parse('©[◆, §[δ×2, Ƀ[ᵬ×2]]]');
    const b = codec.parse('§[δ, Ƀ[ᵬ]]');
    const pa = structureProfile(a);
    expect(pa.componentTotal).toBe(8);
    expect(pa.edgeTotal).toBe(7);
    expect(pa.edges.get('ButtonList')?.get('Button')).toBe(2);
    expect(profileSimilarity(pa, structureProfile(b))).toBe(structureSimilarity(a, b));
  });
});
