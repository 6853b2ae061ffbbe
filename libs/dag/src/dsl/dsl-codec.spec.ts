import fc from 'fast-check';
import { MotifError, type Structure } from '@motif/core-types';
import { loadCatalog, parseCatalog } from '../catalog/load-catalog';
import { ComponentGraph } from '../graph/component-graph';
import { randomValidStructure } from '../random/random-valid-structure';
import { canonicalizeStructure } from '../structure/canonicalize-structure';
import { StructureValidator } from '../validator/structure-validator';
import { DslCodec } from './dsl-codec';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const codec = new DslCodec(catalog, graph);
const validator = new StructureValidator(graph);

const errorOf = (text: string) => {
  const r = codec.tryParse(text);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  return r.error;
};

describe('DslCodec.parse', () => {
  it('parses symbols, multipliers and nesting', () => {
    expect(codec.parse('§[δ×3, Ƀ[ᵬ×2]]')).toEqual([
      {
        component: 'Section',
        children: [
          { component: 'DecoratedText', field: 'widgets', count: 3 },
          { component: 'ButtonList', field: 'widgets', children: [{ component: 'Button', field: 'buttons', count: 2 }] },
        ],
      },
    ]);
  });

  it('repeats a node with its subtree, multiplier before or after the brackets', () => {
    const after = codec.parse('§[δ[ɨ]×2]');
    expect(after[0].children?.[0]).toEqual({ component: 'DecoratedText', field: 'widgets', count: 2, children: [{ component: 'Icon', field: 'startIcon' }] });
    expect(codec.parse('§[δ×2[ɨ]]')).toEqual(after);
  });

  it('accepts names, dotted paths, ×/*/x and whitespace', () => {
    const expected = codec.parse('§[δ×3, Ƀ[ᵬ×2]]');
    for (const text of [
      'Section[DecoratedText×3, ButtonList[Button*2]]',
      'Section[DecoratedText x3,ButtonList[Buttonx2]]',
      ' Section [ DecoratedText * 3 , ButtonList [ Button × 2 ] ] ',
      'card_framework.v2.section.Section[card_framework.v2.widgets.decorated_text.DecoratedText×3, button_list[Button×2]]',
      '§[δx3, Ƀ[ᵬ*2]]',
    ]) {
      expect(codec.parse(text)).toEqual(expected);
    }
  });

  it('parses several roots', () => {
    expect(codec.parse('§[ʈ], ©[§[Đ]]').map((n) => n.component)).toEqual(['Section', 'Card']);
  });

  it.each([
    ['§[δ, Ƀ[ᵬ]', 9, "']'", /unclosed '\[' opened at offset 1/],
    ['', 0, 'a component symbol or name', /missing component/],
    ['§[]', 2, 'a component symbol or name', /unexpected '\]'/],
    ['§[δ,]', 4, 'a component symbol or name', /unexpected/],
    ['§]', 1, "',' or end of input", /unbalanced/],
    ['§[δ]]', 4, "',' or end of input", /unbalanced/],
    ['§[δ] foo', 5, "',' or end of input", /unexpected 'f'/],
    ['§[Ж]', 2, 'a component symbol or name', /unknown symbol 'Ж'/],
    ['§[Widget]', 2, 'a component symbol or name', /unknown component 'Widget'/],
    ['§[δ×0]', 4, 'a count between 1 and 1000', /bad multiplier/],
    ['§[δ×]', 4, 'a count (1, 2, …)', /without a count/],
    ['§[δ×1001]', 4, 'a count between 1 and 1000', /too large/],
    ['§[δ×99999999999999999999]', 4, 'a count between 1 and 1000', /too large/],
    ['§[δ×2[ɨ]×3]', 8, "',' or ']' or end of input", /second multiplier/],
    ['§[δ×2x]', 5, "',' or ']' or '['", /unexpected 'x' after multiplier/],
    ['§[δ×2a]', 5, "',' or ']' or '['", /after multiplier/],
    ['§ § ', 2, "',' or end of input", /unexpected '§'/],
  ])('rejects %j at offset %d', (text, offset, expected, message) => {
    const error = errorOf(text);
    expect(error).toEqual({ offset, expected, message: expect.stringMatching(message) });
  });

  it('throws DSL_SYNTAX with offset and expectation', () => {
    expect(() => codec.parse('§[δ, Ƀ[ᵬ]')).toThrow(MotifError);
    try {
      codec.parse('§[δ, Ƀ[ᵬ]');
    } catch (e) {
      expect(e).toMatchObject({ code: 'DSL_SYNTAX', details: { offset: 9, expected: "']'" } });
    }
  });

  it('guards size and depth without recursion', () => {
    const deep = '§['.repeat(5000) + 'δ' + ']'.repeat(5000);
    expect(errorOf(deep).message).toMatch(/deeper than 32/);
    expect(errorOf('δ,'.repeat(12_000)).message).toMatch(/longer than 20000/);
    expect(errorOf('δ, '.repeat(2001) + 'δ').message).toMatch(/more than 2000 components/);
    expect(codec.tryParse(42 as unknown as string).ok).toBe(false);
  });

  it('does not check containment (the validator does)', () => {
    const s = codec.parse('§[ᵬ]');
    expect(s[0].children?.[0].component).toBe('Button');
    expect(validator.validate(s).valid).toBe(false);
  });

  it('handles multi-character symbols, longest match first', () => {
    const multi = new DslCodec(
      parseCatalog(
        {
          id: 'multi',
          version: '1',
          name: 'Multi',
          roots: ['Row'],
          components: [
            { name: 'Row', symbol: '::', edges: [{ field: 'cells', child: 'Cell', min: 0, max: null }, { field: 'cells', child: 'Wide', min: 0, max: null }] },
            { name: 'Cell', symbol: '#' },
            { name: 'Wide', symbol: '##' },
          ],
        },
        'mem',
      ),
    );
    expect(multi.parse('::[##×2, #, ##]')[0].children?.map((c) => [c.component, c.count ?? 1])).toEqual([
      ['Wide', 2],
      ['Cell', 1],
      ['Wide', 1],
    ]);
    expect(multi.format(multi.parse('Row[Wide, Wide, Cell]'))).toBe('::[##×2, #]');
    // `###` is `##` then a stray `#`: an error, not a silent success
    expect(multi.tryParse('::[###]')).toEqual({ ok: false, error: expect.objectContaining({ offset: 5, expected: "',' or ']'" }) });
  });
});

describe('DslCodec.format', () => {
  it('prints compact and expanded canonical forms', () => {
    const s = codec.parse('Section[DecoratedText, DecoratedText, DecoratedText, ButtonList[Button, Button]]');
    expect(codec.format(s)).toBe('§[δ×3, Ƀ[ᵬ×2]]');
    expect(codec.format(s, 'expanded')).toBe('Section[DecoratedText×3, ButtonList[Button×2]]');
    expect(codec.format(codec.parse('§[δ×2[ɨ]]'))).toBe('§[δ[ɨ]×2]');
    expect(codec.format(codec.parse('§, §'))).toBe('§×2');
  });

  it('refuses unknown components', () => {
    expect(() => codec.format([{ component: 'Nope' }])).toThrow(expect.objectContaining({ code: 'INVALID_STRUCTURE' }));
  });
});

describe('DSL properties', () => {
  const seeded = fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => {
    let x = seed || 1;
    return () => {
      // xorshift32: a deterministic uniform source from a fast-check seed
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 2 ** 32;
    };
  });
  const tree = fc
    .tuple(seeded, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 8 }))
    .map(([next, maxNodes, maxDepth]) => randomValidStructure(graph, next, { maxNodes, maxDepth }));

  it('parse(format(t)) equals t for random valid trees, in both styles', () => {
    fc.assert(
      fc.property(tree, (t: Structure) => {
        expect(validator.validate(t)).toEqual({ valid: true, issues: [] });
        expect(codec.parse(codec.format(t))).toEqual(t);
        expect(canonicalizeStructure(codec.parse(codec.format(t, 'expanded')), graph)).toEqual(t);
      }),
      { numRuns: 500 },
    );
  });

  it('returns a tree or a positioned error for any string, never throws', () => {
    const alphabet = fc.constantFrom(...'§δɃᵬ©◆ɨʈ[],×*x2 0Sectionµ\u0000\ud83d'.split(''), 'Button', 'δ[', '×12');
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')));
    fc.assert(
      fc.property(text, (s) => {
        const r = codec.tryParse(s);
        if (r.ok) {
          expect(Array.isArray(r.structure)).toBe(true);
          // a successful parse formats and re-parses to the same canonical tree
          expect(canonicalizeStructure(codec.parse(codec.format(r.structure)), graph)).toEqual(canonicalizeStructure(r.structure, graph));
        } else {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(s.length);
          expect(r.error.expected.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('DslCodec.formatCanonical', () => {
  it('prints a canonical structure exactly as format does, without canonicalising it again', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const next = () => ((state = (state * 48271) % 2147483647) / 2147483647);
        const canonical = canonicalizeStructure(randomValidStructure(graph, next, { maxNodes: 15 }), graph);
        for (const style of ['compact', 'expanded'] as const) expect(codec.formatCanonical(canonical, style)).toBe(codec.format(canonical, style));
      }),
      { numRuns: 300 },
    );
  });
});
