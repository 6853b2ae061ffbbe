import type { CardTree } from '@motif/core-types';
import { type Catalog, decodeCard, paramsInSlot, walkTree } from '@motif/dag';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { chatCardsDag } from '../testing/dag-fixture';
import { inventedValues, textContent } from '../testing/fact-audit';
import { patternOf } from '../testing/pattern-fixture';
import { shippedExamples } from '../testing/shipped-examples';
import { stableStringify } from './stable-stringify';
import { PresentationVariator, restyle } from './presentation-variator';

const { catalog } = chatCardsDag();
const variator = new PresentationVariator(catalog);
const factory = new SeededRandomSourceFactory();

/** Each node's content: its component and every non-presentation param (text by content, style aside), as a sorted multiset. */
function contentOf(tree: CardTree, cat: Catalog): string[] {
  const out: string[] = [];
  walkTree(tree, (node, parent) => {
    const specs = paramsInSlot(cat, parent?.component, node.field, node.component);
    const content = Object.fromEntries(
      Object.entries(node.params)
        .filter(([k]) => !specs[k]?.presentation)
        .map(([k, v]) => [k, typeof v === 'string' ? textContent(v) : v]),
    );
    out.push(`${node.component}|${node.field ?? ''}|${stableStringify(content)}|${stableStringify(node.widget ?? {})}`);
  });
  return out.sort();
}

describe('PresentationVariator', () => {
  it('varies form, never facts: on every shipped example, content is unchanged and every new value comes from the catalog or the pattern', () => {
    let changed = 0;
    for (const p of shippedExamples()) {
      const before = JSON.stringify(p.tree);
      for (let i = 0; i < 40; i++) {
        const v = variator.vary(p.tree, factory.create(`${p.patternId}-${i}`));
        if (v.operations.length === 0) continue;
        changed++;
        expect(contentOf(v.tree, catalog)).toEqual(contentOf(p.tree, catalog));
        expect(inventedValues(p.tree, v.tree, catalog)).toEqual([]);
        for (const op of v.operations) expect(op).toMatch(/^param (set|change|style|reorder) /);
      }
      expect(JSON.stringify(p.tree)).toBe(before);
    }
    expect(changed).toBeGreaterThan(500);
  });

  it('keeps the issue\'s facts: URLs, prices, action values', () => {
    const product = patternOf('product', '§[δ, Ƀ[ᵬ]]', { text: '$49.99', topLabel: 'Price', buttons: [{ text: 'Buy', url: 'https://shop.example.com/item/42' }] });
    const status = decodeCard(
      { sections: [{ widgets: [{ decoratedText: { text: 'Online', topLabel: 'api-gateway' } }, { buttonList: { buttons: [{ text: 'Restart', onClick: { action: { function: 'restart', parameters: [{ key: 'service', value: 'api-gateway' }] } } }] } }] }] },
      catalog,
    ).tree;
    for (const tree of [product.tree, status]) {
      for (let i = 0; i < 200; i++) {
        const json = JSON.stringify(variator.vary(tree, factory.create(`facts-${i}`)).tree);
        expect(json).not.toMatch(/variant=|item\/4[013-9]|API-GATEWAY|\$5\d|\$4[0-8]/);
        if (tree === product.tree) expect(json).toContain('https://shop.example.com/item/42');
        if (tree === product.tree) expect(json).toMatch(/\$49\.99/);
        else expect(json).toContain('"value":"api-gateway"');
      }
    }
  });

  it('reorders sibling rows and buttons with their params', () => {
    const tree = decodeCard({ sections: [{ widgets: [{ buttonList: { buttons: [{ text: 'A', onClick: { openLink: { url: 'https://a.example.com' } } }, { text: 'B', onClick: { openLink: { url: 'https://b.example.com' } } }] } }] }] }, catalog).tree;
    const swapped = Array.from({ length: 50 }, (_, i) => variator.vary(tree, factory.create(`o${i}`))).find((v) => v.operations.some((o) => o.startsWith('param reorder buttons')));
    expect(swapped).toBeDefined();
    const buttons = swapped?.tree[0].children?.[0].children?.[0].children ?? [];
    expect(buttons.map((b) => [b.params.text, (b.params.onClick as { openLink: { url: string } }).openLink.url])).toEqual([
      ['B', 'https://b.example.com'],
      ['A', 'https://a.example.com'],
    ]);
  });

  it('restyles text: Chat\'s <b>/<i> around plain text, Jinja colour and emphasis filters; the literal and other filters stay', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const rng = factory.create(`s${i}`);
      seen.add(restyle('Online', rng));
      expect(restyle("{{ '49.99' | price('EUR') }}", rng)).toBe("{{ '49.99' | price('EUR') }}");
      const jinja = restyle("{{ 'Online' | success_text | bold }}", rng);
      expect(jinja).toMatch(/^\{\{ 'Online'( \| (success_text|error_text|warning_text|info_text|bold|italic))* \}\}$/);
    }
    expect([...seen].sort()).toEqual(['<b>Online</b>', '<i>Online</i>']);
    expect(restyle('<b>Online</b>', { ...factory.create('x'), pick: <T>(xs: readonly T[]) => xs[0] })).toBe('Online');
  });
});
