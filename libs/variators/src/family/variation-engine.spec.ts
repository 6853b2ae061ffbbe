import { isMotifError, REJECTION_REASONS, type PatternVariation, type VariationFamily } from '@motif/core-types';
import { canonicalizeStructure, checkTreeParams, walkTree } from '@motif/dag';
import { isWellFormedJinja } from '../params/string-kinds';
import { chatCardsEngine } from '../testing/dag-fixture';
import { patternOf, statusCard } from '../testing/pattern-fixture';
import { stableStringify, VARIATION_ENGINE_VERSION } from './variation-engine';

const { engine, catalog, graph, validator, codec } = chatCardsEngine();
const identity = (v: PatternVariation): string => `${v.dslNotation}|${stableStringify(v.instanceParams)}`;
const buttonsOf = (v: PatternVariation): number => v.componentPaths.filter((c) => c === 'Button').length;
const textsOf = (v: PatternVariation): string[] => {
  const out: string[] = [];
  walkTree(v.tree, (n) => {
    if (n.component === 'DecoratedText' && typeof n.params.text === 'string') out.push(n.params.text);
  });
  return out;
};

describe('VariationEngine', () => {
  const family: VariationFamily = engine.generate(statusCard(), { structure: 5, parameter: 5, seed: 'fixed' });

  it('puts the original first, then parameter, structure and combined variations', () => {
    expect(family.variations.map((v) => v.variationType)).toEqual([
      'original',
      ...Array(5).fill('parameter'),
      ...Array(5).fill('structure'),
      ...Array(5).fill('combined'),
    ]);
    const v0 = family.variations[0];
    expect(v0.structure).toEqual(statusCard().structure);
    expect(v0.instanceParams).toEqual(statusCard().instanceParams);
    expect(v0.operations).toEqual([]);
    expect(family.shortfall).toBe(0);
    expect(family.engineVersion).toBe(VARIATION_ENGINE_VERSION);
    expect(family.options).toEqual({ structure: 5, parameter: 5 });
  });

  it('numbers variations and cache keys from the parent id', () => {
    family.variations.forEach((v, i) => {
      expect(v.index).toBe(i);
      expect(v.variationId).toBe(`status-card:v${i}`);
      expect(v.parentId).toBe('status-card');
      expect(v.cacheKey).toBe(`motif:1:default:variation:status-card:v${i}`);
    });
    expect(family.cacheKeys).toEqual(family.variations.map((v) => v.cacheKey));
  });

  it('keeps structures valid, DSL derived from them and parsing back to them; parameter variations keep the structure', () => {
    for (const v of family.variations) {
      expect(validator.validate(v.structure).valid).toBe(true);
      expect(v.dslNotation).toBe(codec.format(v.structure, 'compact'));
      expect(canonicalizeStructure(codec.parse(v.dslNotation), graph)).toEqual(v.structure);
      if (v.variationType !== 'original') expect(v.operations.length).toBeGreaterThan(0);
      if (v.variationType === 'parameter') expect(v.dslNotation).toBe(family.variations[0].dslNotation);
      if (v.variationType === 'structure' || v.variationType === 'combined') expect(v.operations[0]).toMatch(/^(swap-sibling|add-child|remove-optional|expand-repeated) /);
      for (const text of textsOf(v)) expect(isWellFormedJinja(text)).toBe(true);
      expect(checkTreeParams(v.tree, catalog, { unknownKeys: 'error' })).toEqual([]);
    }
  });

  it('changes parameters in parameter and combined variations, the structure in structure and combined ones', () => {
    const v0 = family.variations[0];
    for (const v of family.variations.slice(1)) {
      const sameStructure = JSON.stringify(canonicalizeStructure(v.structure, graph)) === JSON.stringify(canonicalizeStructure(v0.structure, graph));
      if (v.variationType === 'parameter') expect(sameStructure).toBe(true);
      else expect(sameStructure).toBe(false);
      if (v.variationType === 'combined') expect(v.operations.some((op) => op.startsWith('param '))).toBe(true);
    }
  });

  it('has no duplicates and nothing equal to the original except v0', () => {
    const ids = family.variations.map(identity);
    expect(new Set(ids).size).toBe(ids.length);
    // A tiny pattern with a large request: still no duplicates, and the engine stops instead of looping.
    const tiny = engine.generate(patternOf('tiny', '§[Đ]', {}), { structure: 100, parameter: 20, seed: 1 });
    const tinyIds = tiny.variations.map(identity);
    expect(new Set(tinyIds).size).toBe(tinyIds.length);
    // A lone Divider has no presentation of its own; its Section only has `collapsible`.
    expect(tiny.variations.filter((v) => v.variationType === 'parameter').map((v) => v.operations)).toEqual([['param set collapsible of Section at Section: (unset) → true']]);
    expect(tiny.shortfall).toBe(100 + 20 + 20 - (tiny.variations.length - 1));
    expect(tiny.shortfall).toBeGreaterThan(0);
  });

  it('moves params with their nodes: the flat view follows the tree (Button ×2 → ×3 gives 3 buttons, each with an action of the source)', () => {
    const actions = new Set(
      (statusCard().instanceParams.buttons as Array<{ url: string }>).map((b) => b.url),
    );
    let grown = 0;
    for (let s = 0; s < 20; s++) {
      const f = engine.generate(statusCard(), { structure: 10, parameter: 0, seed: `lists-${s}` });
      for (const v of f.variations) {
        const buttons = (v.instanceParams.buttons ?? []) as Array<{ onClick?: { openLink?: { url: string } }; url?: string }>;
        expect(buttons).toHaveLength(buttonsOf(v));
        for (const b of buttons) expect(actions.has(b.onClick?.openLink?.url ?? b.url ?? '')).toBe(true);
        if (buttonsOf(v) === 3) grown++;
      }
    }
    expect(grown).toBeGreaterThan(0);
  });

  it('gives every variation its own DSL and params: §[δ×3] with 40 structure variations has no repeated pair, and equal DSL means equal structure', () => {
    const rows = patternOf('rows', '§[δ×3]', { items: [{ text: 'CPU: 45%' }, { text: 'Memory: 67%' }, { text: 'Disk: 81%' }] });
    for (const pattern of [rows, patternOf('bare', '§[δ×3]', {})]) {
      for (const seed of [undefined, 1, 'slots']) {
        const f = engine.generate(pattern, { structure: 40, parameter: 0, ...(seed === undefined ? {} : { seed }) });
        const ids = f.variations.map(identity);
        expect(new Set(ids).size).toBe(ids.length);
        const byDsl = new Map<string, string>();
        for (const v of f.variations) {
          expect(canonicalizeStructure(codec.parse(v.dslNotation), graph)).toEqual(v.structure);
          const structure = JSON.stringify(v.structure);
          expect(byDsl.get(v.dslNotation) ?? structure).toBe(structure);
          byDsl.set(v.dslNotation, structure);
        }
        // Icons as startIcon and as endIcon: both appear, each with its own DSL.
        if (pattern === rows && seed === undefined) expect(f.variations.map((v) => v.dslNotation).some((d) => d.includes('endIcon:ɨ'))).toBe(f.variations.some((v) => v.tree.some((r) => JSON.stringify(r).includes('"endIcon"'))));
      }
    }
  });

  it('reports what it rejected and why; a rejected candidate never joins the family', () => {
    expect(Object.keys(family.rejected?.reasons ?? {})).toEqual([...REJECTION_REASONS]);
    expect(family.rejected?.total).toBe(Object.values(family.rejected?.reasons ?? {}).reduce((a, b) => a + b, 0));
    const refusing = chatCardsEngine({ check: () => ({ ok: false, reason: 'invalid-params' }) }).engine;
    const none = refusing.generate(statusCard(), { structure: 3, parameter: 3, seed: 'refuse' });
    expect(none.variations).toHaveLength(1);
    expect(none.shortfall).toBe(3 + 3 + 3);
    expect(none.rejected?.reasons['invalid-params']).toBeGreaterThan(0);
    expect(none.rejected?.total).toBe((none.rejected?.reasons['invalid-params'] ?? 0) + (none.rejected?.reasons.unfillable ?? 0));
  });

  it('asks about duplicates before the param check and rendering, and the family is the same either way', () => {
    const { engine: base } = chatCardsEngine();
    const checker = (base as unknown as { checker: import('./variation-check').VariationCheck }).checker;
    let askedBeforeParams = 0;
    let paramChecks = 0;
    const counting = chatCardsEngine({
      check: (tree, baseline, isDuplicate) => {
        const r = checker.check(tree, baseline, (dsl) => {
          const dup = isDuplicate?.(dsl) ?? false;
          if (dup) askedBeforeParams++;
          return dup;
        });
        if (r.ok || r.reason !== 'duplicate') paramChecks++;
        return r;
      },
    }).engine;
    const a = counting.generate(statusCard(), { structure: 20, parameter: 20, seed: 'dups' });
    const b = engine.generate(statusCard(), { structure: 20, parameter: 20, seed: 'dups' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(askedBeforeParams).toBe(a.rejected?.reasons.duplicate);
    expect(askedBeforeParams).toBeGreaterThan(0);
    expect(paramChecks + askedBeforeParams).toBe((a.rejected?.total ?? 0) - (a.rejected?.reasons.unfillable ?? 0) + a.variations.length - 1);
  });

  it('is reproducible: same seed → byte-identical family; another seed → another family', () => {
    const again = engine.generate(statusCard(), { structure: 5, parameter: 5, seed: 'fixed' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(family));
    const other = engine.generate(statusCard(), { structure: 5, parameter: 5, seed: 'other' });
    expect(JSON.stringify(other.variations)).not.toBe(JSON.stringify(family.variations));
    expect(family.seed).toBe('fixed');
    expect(engine.generate(statusCard(), { structure: 1, parameter: 1, seed: 42 }).seed).toBe('42');
  });

  it('derives the seed from the pattern id when none is given, and records it', () => {
    const a = engine.generate(statusCard(), { structure: 3, parameter: 3 });
    const b = engine.generate(statusCard(), { structure: 3, parameter: 3 });
    expect(a.seed).toBe('pattern:status-card');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const explicit = engine.generate(statusCard(), { structure: 3, parameter: 3, seed: 'pattern:status-card' });
    expect(JSON.stringify(explicit)).toBe(JSON.stringify(a));
    const renamed = engine.generate({ ...statusCard(), patternId: 'other-id' }, { structure: 3, parameter: 3 });
    expect(renamed.seed).toBe('pattern:other-id');
  });

  it('refuses a pattern with negative feedback unless forced', () => {
    const bad = patternOf('bad-one', '§[ʈ]', { text: 'The office is closed on Monday.' }, 'negative');
    let error: unknown;
    try {
      engine.generate(bad, { structure: 2, parameter: 2 });
    } catch (e) {
      error = e;
    }
    expect(isMotifError(error) && error.code).toBe('PRECONDITION_FAILED');
    expect((error as Error).message).toContain('bad-one');
    expect((error as Error).message).toContain('`--force` in the CLI');
    const forced = engine.generate(bad, { structure: 2, parameter: 2, force: true });
    expect(forced.variations.length).toBeGreaterThan(1);
  });

  it('rejects bad counts and invalid source structures with typed errors', () => {
    expect(() => engine.generate(statusCard(), { structure: -1, parameter: 1 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => engine.generate(statusCard(), { structure: 1.5, parameter: 1 })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    const broken = { ...statusCard(), structure: [{ component: 'Section', children: [{ component: 'Button' }] }] };
    expect(() => engine.generate(broken, { structure: 1, parameter: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_STRUCTURE' }));
  });

  it('reports diversity over its own structures', () => {
    expect(family.diversity.distinctStructures).toBe(new Set(family.variations.map((v) => v.dslNotation)).size);
    expect(family.diversity.edgeCoverage).toBeGreaterThan(0);
    expect(family.diversity.edgeCoverage).toBeLessThanOrEqual(1);
    expect(family.diversity.meanPairwiseDistance).toBeGreaterThan(0);
  });

  it('contains no timestamps of its own', () => {
    const text = JSON.stringify({ ...family, sourcePattern: undefined });
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  });
});
