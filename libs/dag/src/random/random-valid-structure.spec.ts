import fc from 'fast-check';
import { loadCatalog, parseCatalog } from '../catalog/load-catalog';
import { ComponentGraph } from '../graph/component-graph';
import { countNodes, structureDepth } from '../structure/structure-metrics';
import { StructureValidator } from '../validator/structure-validator';
import { randomValidStructure } from './random-valid-structure';

const graph = new ComponentGraph(loadCatalog('google-chat-cards-v2'));
const validator = new StructureValidator(graph);

// Park–Miller with a scrambled seed (consecutive small seeds would otherwise start alike).
const lcg = (seed: number) => {
  let x = (Number((BigInt(seed) * 2654435761n) % 2147483646n) + 1) | 0;
  return () => ((x = (x * 48271) % 2147483647) - 1) / 2147483646;
};

describe('randomValidStructure', () => {
  it('draws valid trees within the bounds', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 9 }), (seed, maxNodes, maxDepth) => {
        let t;
        try {
          t = randomValidStructure(graph, lcg(seed), { maxNodes, maxDepth });
        } catch (e) {
          // only when nothing fits the bounds at all
          expect((e as { code?: string }).code).toBe('INVALID_STRUCTURE');
          expect(maxNodes * maxDepth).toBeLessThan(8);
          return;
        }
        expect(validator.validate(t).issues).toEqual([]);
        expect(countNodes(t)).toBeLessThanOrEqual(maxNodes);
        expect(structureDepth(t)).toBeLessThanOrEqual(maxDepth);
      }),
      { numRuns: 600 },
    );
  });

  it('is reproducible from the source and varied across seeds', () => {
    expect(randomValidStructure(graph, lcg(7))).toEqual(randomValidStructure(graph, lcg(7)));
    const shapes = new Set(Array.from({ length: 200 }, (_, i) => JSON.stringify(randomValidStructure(graph, lcg(i), { maxNodes: 15 }))));
    expect(shapes.size).toBeGreaterThan(100);
    const components = new Set(
      Array.from({ length: 500 }, (_, i) => JSON.stringify(randomValidStructure(graph, lcg(i), { maxNodes: 30, maxDepth: 9 })).match(/"component":"(\w+)"/g) ?? []).flat(),
    );
    expect(components.size).toBe(26); // every component is reachable
  });

  it('honours a requested root', () => {
    for (let i = 0; i < 20; i++) expect(randomValidStructure(graph, lcg(i), { root: 'Card' })[0].component).toBe('Card');
  });

  it('bounds depth in a recursive catalog', () => {
    const boxes = new ComponentGraph(
      parseCatalog(
        {
          id: 'boxes', version: '1', name: 'Boxes', roots: ['Box'],
          components: [
            { name: 'Box', symbol: '▢', edges: [{ field: 'items', child: 'Box', min: 0, max: null }, { field: 'items', child: 'Text', min: 1, max: null }] },
            { name: 'Text', symbol: '≡' },
          ],
        },
        'mem',
      ),
    );
    const v = new StructureValidator(boxes);
    for (let i = 0; i < 200; i++) {
      const t = randomValidStructure(boxes, lcg(i), { maxDepth: 4, maxNodes: 40, growth: 0.8 });
      expect(v.validate(t).valid).toBe(true);
      expect(structureDepth(t)).toBeLessThanOrEqual(4);
    }
  });
});

describe('randomValidStructure for a subtree', () => {
  it('grows a valid subtree from a non-root component', () => {
    for (let i = 0; i < 50; i++) {
      const t = randomValidStructure(graph, lcg(i), { root: 'ButtonList', maxNodes: 6 });
      expect(t[0].component).toBe('ButtonList');
      // only the root is out of place: wrapped in a Section it validates
      expect(validator.validate([{ component: 'Section', children: t }]).valid).toBe(true);
    }
  });

  it('refuses bounds nothing fits and unknown roots', () => {
    expect(() => randomValidStructure(graph, lcg(1), { root: 'Card', maxNodes: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_STRUCTURE' }));
    expect(() => randomValidStructure(graph, lcg(1), { root: 'Nope' })).toThrow(expect.objectContaining({ code: 'INVALID_STRUCTURE' }));
  });
});
