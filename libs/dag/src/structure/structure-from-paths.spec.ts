import fc from 'fast-check';
import { MotifError } from '@motif/core-types';
import { loadCatalog } from '../catalog/load-catalog';
import { DslCodec } from '../dsl/dsl-codec';
import { ComponentGraph } from '../graph/component-graph';
import { randomValidStructure } from '../random/random-valid-structure';
import { structureFromPaths } from './structure-from-paths';
import { componentPathsOf } from './structure-metrics';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const codec = new DslCodec(catalog, graph);
const dslOf = (paths: string[]) => {
  const { structure, repairs } = structureFromPaths(paths, graph);
  return { dsl: codec.format(structure), repairs };
};

function invalid(paths: string[]): MotifError {
  try {
    structureFromPaths(paths, graph);
  } catch (e) {
    expect(e).toBeInstanceOf(MotifError);
    expect((e as MotifError).code).toBe('INVALID_STRUCTURE');
    return e as MotifError;
  }
  throw new Error('expected INVALID_STRUCTURE');
}

describe('structureFromPaths', () => {
  it('puts each component under the nearest open component that can hold it', () => {
    expect(dslOf(['Section', 'DecoratedText', 'ButtonList', 'Button'])).toEqual({ dsl: '§[δ, Ƀ[ᵬ]]', repairs: [] });
    expect(dslOf(['Section', 'DecoratedText', 'DecoratedText', 'ButtonList', 'Button'])).toEqual({ dsl: '§[δ×2, Ƀ[ᵬ]]', repairs: [] });
    expect(dslOf(['Section', 'DecoratedText', 'Button', 'ButtonList', 'Button', 'Button']).dsl).toBe('§[δ[ᵬ], Ƀ[ᵬ×2]]');
    expect(dslOf(['Card', 'CardHeader', 'Section', 'DecoratedText', 'Icon', 'Section', 'TextParagraph']).dsl).toBe('©[◆, §[δ[ɨ]], §[ʈ]]');
  });

  it('respects maxima: a full slot sends the next component further up', () => {
    // DecoratedText holds one button; the second Button needs a ButtonList in the Section
    const r = dslOf(['Section', 'DecoratedText', 'Button', 'Button']);
    expect(r.dsl).toBe('§[δ[ᵬ], Ƀ[ᵬ]]');
    expect(r.repairs).toEqual(['inserted ButtonList around Button (componentPaths[3]) under Section']);
    expect(dslOf(['Section', 'Columns', 'Column', 'Column']).dsl).toBe('§[¢[ç×2]]');
  });

  it('inserts a missing wrapper and reports it', () => {
    expect(dslOf(['Section', 'Button', 'Button'])).toEqual({
      dsl: '§[Ƀ[ᵬ×2]]',
      repairs: ['inserted ButtonList around Button (componentPaths[1]) under Section'],
    });
    expect(dslOf(['Section', 'Chip', 'Chip', 'Chip']).dsl).toBe('§[ȼ[ℂ×3]]');
  });

  it('gives a non-root first component the root that can hold it', () => {
    expect(dslOf(['DecoratedText', 'TextParagraph'])).toEqual({ dsl: '§[δ, ʈ]', repairs: ['inserted Section as the root holding DecoratedText (componentPaths[0])'] });
    expect(dslOf(['Button']).dsl).toBe('§[Ƀ[ᵬ]]');
  });

  it('accepts dotted module paths, symbols and snake case', () => {
    expect(
      dslOf(['card_framework.v2.section.Section', 'card_framework.v2.widgets.decorated_text.DecoratedText', 'button_list', 'ᵬ']).dsl,
    ).toBe('§[δ, Ƀ[ᵬ]]');
  });

  it('says why when no valid tree exists', () => {
    expect(invalid(['Section', 'Gizmo']).details.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_COMPONENT', path: 'componentPaths[1]' })]);
    const icon = invalid(['Icon']);
    expect(icon.details.issues).toEqual([expect.objectContaining({ code: 'INVALID_ROOT', message: expect.stringMatching(/no open component can hold Icon.*Icon goes in/) })]);
    expect(invalid(['Section', 'TextParagraph', 'Icon']).details.issues).toEqual([
      expect.objectContaining({ code: 'NOT_ALLOWED_CHILD', message: expect.stringMatching(/open: Section > TextParagraph/) }),
    ]);
    // a tree is built but misses a required child
    expect(invalid(['Card', 'CardHeader']).details.issues).toEqual([expect.objectContaining({ code: 'MISSING_REQUIRED', path: 'Card > sections' })]);
    expect((invalid([]).details.issues as Array<{ code: string }>)[0].code).toBe('MISSING_REQUIRED');
  });
});

describe('structureFromPaths on the paths of valid trees', () => {
  it('rebuilds a valid tree with the same component paths and no repairs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 2 }), (seed) => {
        let x = seed;
        const next = () => ((x = (x * 48271) % 2147483647) - 1) / 2147483646;
        const t = randomValidStructure(graph, next, { maxNodes: 20, maxDepth: 8 });
        const paths = componentPathsOf(t);
        const { structure, repairs } = structureFromPaths(paths, graph);
        expect(repairs).toEqual([]);
        expect(componentPathsOf(structure)).toEqual(paths);
      }),
      { numRuns: 500 },
    );
  });
});
