import type { Structure, StructureNode } from '@motif/core-types';
import { loadCatalog, parseCatalog } from '../catalog/load-catalog';
import { DslCodec } from '../dsl/dsl-codec';
import { ComponentGraph } from '../graph/component-graph';
import { StructureValidator } from './structure-validator';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);
const validator = new StructureValidator(graph);
const codec = new DslCodec(catalog, graph);
const check = (dsl: string) => validator.validate(codec.parse(dsl));
const n = (component: string, children?: StructureNode[], extra: Partial<StructureNode> = {}): StructureNode => ({
  component,
  ...extra,
  ...(children ? { children } : {}),
});

describe('StructureValidator', () => {
  it.each(['§[δ[ɨ]×2, Ƀ[ᵬ×2]]', '§[δ[ᵬ], Ƀ[ᵬ×2]]', '©[◆, §[δ]]', '§[¢[ç[ʈ, δ×2]×2]]', 'μ[©[§[ʈ]]×2]', '§[⟳[▭[ŋ[ʈ], ŋ[Ƀ[ᵬ]]]]]',
    '©[§[δ], ▁[ᵬ×2]]', '§[δ[ɨ, ►]]', '§[⌄[ᵬ×2], ʈ]', '§[ℊ[ǵ[ǐ]×3]]', '§[ȼ[ℂ[ɨ]×2]]', '§, ©[§[Đ]]'])('accepts %s', (dsl) => {
    expect(check(dsl)).toEqual({ valid: true, issues: [] });
  });

  it('asks for a wrapper, with the fix', () => {
    expect(check('Section[Button]').issues).toEqual([
      {
        code: 'NEEDS_WRAPPER',
        path: 'Section > widgets[0] Button',
        message: expect.stringMatching(/wrap it in ButtonList/),
        fix: 'wrap Button in ButtonList',
      },
    ]);
    expect(check('§[ℂ]').issues[0]).toMatchObject({ code: 'NEEDS_WRAPPER', fix: 'wrap Chip in ChipList' });
    expect(check('§[ç]').issues[0]).toMatchObject({ code: 'NEEDS_WRAPPER', fix: 'wrap Column in Columns' });
  });

  it('paths name fields and positions, counts expanded', () => {
    const issues = check('©[§, §[δ×2, ᵬ]]').issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'NEEDS_WRAPPER', path: 'Card > sections[1] Section > widgets[2] Button' })]);
  });

  it('reports children a parent may not hold', () => {
    const [issue] = check('§[ɨ]').issues;
    expect(issue).toMatchObject({ code: 'NOT_ALLOWED_CHILD', path: 'Section > children[0] Icon' });
    expect(issue.message).toMatch(/Icon is not allowed in Section.*Icon goes in/);
    expect(check('§[Đ[ɨ]]').issues[0]).toMatchObject({ code: 'NOT_ALLOWED_CHILD', message: expect.stringMatching(/Divider cannot contain anything/) });
  });

  it('reports a child in the wrong field', () => {
    const s: Structure = [n('Section', [n('DecoratedText', [n('Icon', undefined, { field: 'button' })])])];
    expect(validator.validate(s).issues).toEqual([
      expect.objectContaining({ code: 'NOT_ALLOWED_CHILD', path: 'Section > widgets[0] DecoratedText > button[0] Icon', fix: 'move Icon to DecoratedText.startIcon' }),
    ]);
    const ok: Structure = [n('Section', [n('DecoratedText', [n('Icon', undefined, { field: 'endIcon' })])])];
    expect(validator.validate(ok).valid).toBe(true);
  });

  it('enforces maxima, shared group maxima and exclusive choices', () => {
    expect(check('§[¢[ç×3]]').issues).toEqual([expect.objectContaining({ code: 'TOO_MANY', path: 'Section > widgets[0] Columns > columnItems' })]);
    expect(check('§[δ[ᵬ, ►]]').issues).toEqual([
      expect.objectContaining({ code: 'TOO_MANY', path: 'Section > widgets[0] DecoratedText > button|switchControl|endIcon', message: expect.stringMatching(/at most one of a button, a switch control or an end icon/) }),
    ]);
    expect(check('§[δ×60, ʈ×41]').issues).toEqual([expect.objectContaining({ code: 'TOO_MANY', message: expect.stringMatching(/at most 100 widgets/) })]);
    expect(check('§[δ×60, ʈ×40]').valid).toBe(true);
    expect(check('§[δ[ɨ×3]]').issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TOO_MANY', path: 'Section > widgets[0] DecoratedText > endIcon' })]));
    expect(check('§[⟳[▭[ŋ[ʈ, ǐ]]]]').issues).toEqual([expect.objectContaining({ code: 'TOO_MANY', message: expect.stringMatching(/exactly one of/) })]);
  });

  it('enforces minima: MISSING_REQUIRED when none, TOO_FEW when some', () => {
    expect(check('§[Ƀ]').issues).toEqual([expect.objectContaining({ code: 'MISSING_REQUIRED', path: 'Section > widgets[0] ButtonList > buttons', message: 'ButtonList.buttons needs at least 1 Button' })]);
    expect(check('©[◆]').issues).toEqual([expect.objectContaining({ code: 'MISSING_REQUIRED', path: 'Card > sections' })]);
    expect(check('§[⟳[▭[ŋ]]]').issues).toEqual([expect.objectContaining({ code: 'MISSING_REQUIRED', path: expect.stringMatching(/NestedWidget > textParagraph\|buttonList\|image$/) })]);
    expect(check('©[§, ▁]').issues).toEqual([expect.objectContaining({ code: 'MISSING_REQUIRED', path: 'Card > fixedFooter[0] CardFixedFooter > primaryButton' })]);
    // Card v2: a fixed footer's secondary button needs a primary one.
    expect(check('©[§, ▁[secondaryButton:ᵬ]]').issues).toEqual([expect.objectContaining({ code: 'MISSING_REQUIRED', path: 'Card > fixedFooter[0] CardFixedFooter > primaryButton' })]);
    const twoNeeded = new StructureValidator(
      new ComponentGraph(
        parseCatalog({ id: 'pairs', version: '1', name: 'P', roots: ['Pair'], components: [{ name: 'Pair', symbol: '⊕', edges: [{ field: 'items', child: 'Item', min: 2, max: 2 }] }, { name: 'Item', symbol: '∘' }] }, 'mem'),
      ),
    );
    expect(twoNeeded.validate([n('Pair', [n('Item')])]).issues).toEqual([expect.objectContaining({ code: 'TOO_FEW', message: 'Pair.items needs at least 2 Items (has 1)' })]);
  });

  it('reports invalid roots with a fix, and unknown components', () => {
    expect(check('δ').issues).toEqual([expect.objectContaining({ code: 'INVALID_ROOT', path: 'DecoratedText', fix: 'put DecoratedText inside Section' })]);
    expect(check('ᵬ').issues[0]).toMatchObject({ code: 'INVALID_ROOT', fix: 'put Button inside Section > ButtonList' });
    expect(validator.validate([n('Section', [n('Widget')])]).issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_COMPONENT', path: 'Section > children[0] Widget' })]);
    expect(validator.validate([n('Gadget')]).issues[0]).toMatchObject({ code: 'UNKNOWN_COMPONENT', path: 'Gadget' });
    expect(validator.validate([]).issues[0].code).toBe('MISSING_REQUIRED');
  });

  it('returns every issue, not just the first', () => {
    const issues = check('§[ᵬ, Ƀ, ɨ], δ').issues.map((i) => i.code);
    expect(issues).toEqual(expect.arrayContaining(['NEEDS_WRAPPER', 'MISSING_REQUIRED', 'NOT_ALLOWED_CHILD', 'INVALID_ROOT']));
    expect(issues).toHaveLength(4);
  });

  it('labels roots of a forest', () => {
    expect(check('§, §[ᵬ]').issues[0].path).toBe('roots[1] Section > widgets[0] Button');
  });

  it('bounds depth and size against hostile input', () => {
    // 10 000 nested sections: one TOO_DEEP issue, no stack overflow
    let deep: StructureNode = n('Section');
    for (let i = 0; i < 10_000; i++) deep = n('Section', [deep]);
    const deepResult = validator.validate([deep]);
    expect(deepResult.issues.some((i) => i.code === 'TOO_DEEP')).toBe(true);
    const wide = validator.validate([n('Section', Array.from({ length: 50_000 }, () => n('Divider')))]);
    expect(wide.issues.some((i) => i.code === 'TOO_MANY' && /exceeds 2000 components/.test(i.message))).toBe(true);
    const multiplied = validator.validate(codec.parse('©[§[¢[ç[δ×900]×2]]×2]'));
    expect(multiplied.issues.some((i) => /exceeds 2000 components/.test(i.message))).toBe(true);
    expect(validator.validate([n('Section', [n('Divider', undefined, { count: 0 })])]).issues[0]).toMatchObject({ code: 'TOO_FEW' });
    expect(validator.validate([n('Section', [n('Divider', undefined, { count: 1.5 })])]).valid).toBe(false);
  });

  it('rejects malformed nodes without throwing', () => {
    const bad = [{ component: 'Section', children: [null, { nope: 1 }, 'x'] }] as unknown as Structure;
    expect(validator.validate(bad).issues.map((i) => i.code)).toEqual(['UNKNOWN_COMPONENT', 'UNKNOWN_COMPONENT', 'UNKNOWN_COMPONENT']);
    expect(validator.validate({ component: 'Section' }).valid).toBe(true);
  });

  it('assertValid throws INVALID_STRUCTURE with the issues', () => {
    expect(() => validator.assertValid(codec.parse('§[ᵬ]'))).toThrow(expect.objectContaining({ code: 'INVALID_STRUCTURE', details: { issues: [expect.objectContaining({ code: 'NEEDS_WRAPPER' })] } }));
    expect(() => validator.assertValid(codec.parse('§[Ƀ[ᵬ]]'))).not.toThrow();
  });

  it('uses a tighter depth bound declared by a recursive catalog', () => {
    const boxes = new StructureValidator(
      new ComponentGraph(
        parseCatalog({ id: 'boxes', version: '1', name: 'B', roots: ['Box'], maxDepth: 3, components: [{ name: 'Box', symbol: '▢', edges: [{ field: 'items', child: 'Box', min: 0, max: null }] }] }, 'mem'),
      ),
    );
    const nest = (d: number): StructureNode => (d === 1 ? n('Box') : n('Box', [nest(d - 1)]));
    expect(boxes.validate([nest(3)]).valid).toBe(true);
    expect(boxes.validate([nest(4)]).issues).toEqual([expect.objectContaining({ code: 'TOO_DEEP', path: 'Box > items[0] Box > items[0] Box' })]);
  });
});
