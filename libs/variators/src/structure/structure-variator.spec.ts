import type { Structure, StructureNode } from '@motif/core-types';
import { canonicalizeStructure } from '@motif/dag';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { chatCardsDag } from '../testing/dag-fixture';
import { STRUCTURE_STRATEGIES, type StructureStrategy, StructureVariator } from './structure-variator';

const { graph, validator, codec } = chatCardsDag();
const variator = new StructureVariator(graph, validator);
const factory = new SeededRandomSourceFactory();
const parse = (dsl: string): Structure => codec.parse(dsl);
const fmt = (s: Structure): string => codec.format(s, 'expanded');

/** Every result of `strategy` on `dsl` over `n` seeds (nulls dropped). */
function outcomes(dsl: string, strategy: StructureStrategy, n = 200): Array<{ structure: Structure; operations: string[] }> {
  const s = parse(dsl);
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = variator.vary(s, factory.create(`${strategy}-${dsl}-${i}`), strategy);
    if (r) out.push(r);
  }
  return out;
}

function* nodesOf(structure: Structure, parent?: StructureNode): Generator<{ node: StructureNode; parent?: StructureNode }> {
  for (const node of structure) {
    yield { node, parent };
    yield* nodesOf(node.children ?? [], node);
  }
}

const EXAMPLES = ['§[δ, Ƀ[ᵬ×2]]', '©[◆, §[δ[ɨ]×2, Ƀ[ᵬ×2]]]', '§[ℊ[ǵ×6]]', '§[¢[ç[ʈ, δ×2]×2]]', '§[ȼ[ℂ×3]]', '§[τ, ◄, Ƀ[ᵬ]]', '§[ʈ]'];

describe('StructureVariator', () => {
  it.each(STRUCTURE_STRATEGIES)('%s returns valid, changed structures and names the operation', (strategy) => {
    let produced = 0;
    for (const dsl of EXAMPLES) {
      const before = JSON.stringify(canonicalizeStructure(parse(dsl), graph));
      for (const r of outcomes(dsl, strategy, 40)) {
        produced++;
        expect(validator.validate(r.structure)).toEqual({ valid: true, issues: [] });
        expect(JSON.stringify(canonicalizeStructure(r.structure, graph))).not.toBe(before);
        expect(r.operations).toHaveLength(1);
        expect(r.operations[0].startsWith(`${strategy} `)).toBe(true);
      }
    }
    expect(produced).toBeGreaterThan(100);
  });

  it('never mutates its input', () => {
    const s = parse('©[◆, §[δ[ɨ]×2, Ƀ[ᵬ×2]]]');
    const before = JSON.stringify(s);
    for (let i = 0; i < 200; i++) variator.vary(s, factory.create(`pure-${i}`));
    expect(JSON.stringify(s)).toBe(before);
  });

  it('swaps in context: a DecoratedText button only becomes a switch control, a Column widget only another column widget', () => {
    const inText = outcomes('§[δ[ᵬ]]', 'swap-sibling', 300).map((r) => r.operations[0]).filter((op) => op.startsWith('swap-sibling Button→'));
    expect(inText.length).toBeGreaterThan(0);
    for (const op of inText) expect(op).toMatch(/^swap-sibling Button→(SwitchControl|Icon) at Section > widgets\[0\] DecoratedText > button\[0\]$/);

    const allowed = new Set(graph.slotAlternatives('Column', 'TextParagraph', 'widgets'));
    expect(allowed.has('Divider')).toBe(false);
    const seen = new Set<string>();
    for (const r of outcomes('§[¢[ç[ʈ]]]', 'swap-sibling', 300)) {
      const m = /^swap-sibling TextParagraph→(\w+) at .*Column > widgets\[0\]$/.exec(r.operations[0]);
      if (m) seen.add(m[1]);
    }
    expect(seen.size).toBeGreaterThan(2);
    for (const c of seen) expect(allowed.has(c)).toBe(true);
  });

  it('inserts the required wrapper when adding a child that cannot stand alone', () => {
    const wrapped = outcomes('§[ʈ]', 'add-child', 400).filter((r) => r.operations[0].startsWith('add-child Button (in ButtonList)'));
    expect(wrapped.length).toBeGreaterThan(0);
    for (const r of wrapped) {
      const section = r.structure[0];
      expect(section.children?.some((c) => c.component === 'Button')).toBe(false);
      expect(section.children?.some((c) => c.component === 'ButtonList' && c.children?.[0].component === 'Button')).toBe(true);
    }
  });

  it('adds within max multiplicity: a second CardHeader is never added', () => {
    for (const r of outcomes('©[◆, §]', 'add-child', 300)) {
      expect(r.structure[0].children?.filter((c) => c.component === 'CardHeader')).toHaveLength(1);
    }
  });

  it('never removes the root, a required node or one needed for a minimum count', () => {
    expect(variator.vary(parse('©[§]'), factory.create('r'), 'remove-optional')).toBeNull();
    expect(variator.vary(parse('§'), factory.create('r'), 'remove-optional')).toBeNull();
    const results = outcomes('©[§[Ƀ[ᵬ×2]]]', 'remove-optional', 300).map((r) => fmt(r.structure));
    expect(new Set(results)).toEqual(new Set(['Card[Section]', 'Card[Section[ButtonList[Button]]]']));
    const footers = outcomes('©[§, ▁[ᵬ]]', 'remove-optional', 100).map((r) => fmt(r.structure));
    expect(new Set(footers)).toEqual(new Set(['Card[Section]']));
  });

  it('expands repeatable nodes within their maximum only', () => {
    for (const r of outcomes('§[¢[ç]]', 'expand-repeated', 300)) {
      for (const { node } of nodesOf(r.structure)) if (node.component === 'Column') expect(node.count ?? 1).toBeLessThanOrEqual(2);
    }
    expect(outcomes('§[¢[ç]]', 'expand-repeated', 300).some((r) => fmt(r.structure) === 'Section[Columns[Column×2]]')).toBe(true);
    // CardHeader (max 1) and the root are never repeated.
    for (const r of outcomes('©[◆, §]', 'expand-repeated', 200)) {
      expect(r.structure).toHaveLength(1);
      expect(r.structure[0].children?.find((c) => c.component === 'CardHeader')?.count).toBeUndefined();
    }
  });

  it('returns null when no strategy can produce a valid variation', () => {
    const nothing = new StructureVariator(graph, { validate: () => ({ valid: false, issues: [] }) });
    expect(nothing.vary(parse('§[δ]'), factory.create('x'))).toBeNull();
  });
});
