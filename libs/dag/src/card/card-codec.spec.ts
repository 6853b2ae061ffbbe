import type { CardNode, CardTree } from '@motif/core-types';
import { loadCatalog } from '../catalog/load-catalog';
import { ComponentGraph } from '../graph/component-graph';
import { randomValidStructure } from '../random/random-valid-structure';
import { treeOfStructure, walkTree } from './tree-views';
import { renderTree, renderTreeSized } from './card-codec';
import { isStyledText, renderStyledText } from './styled-text';

const catalog = loadCatalog('google-chat-cards-v2');
const graph = new ComponentGraph(catalog);

/** The two-pass renderer renderTree replaced: encode, then copy every value rendering its styled strings. */
function styledCopy(value: unknown): unknown {
  if (typeof value === 'string') return isStyledText(value) ? renderStyledText(value) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(styledCopy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = styledCopy((value as Record<string, unknown>)[key]);
  return out;
}
const twoPass = (tree: CardTree, id: string): unknown => styledCopy(renderTree(tree, id, catalog, { styled: false }));
const thrown = (f: () => unknown): string => {
  try {
    f();
    return 'none';
  } catch (error) {
    return String(error);
  }
};

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = ['plain', "{{ 'Online' | success_text | bold }}", 'é ☃ 😀 "quoted" \\ \n\u0001', "{{ 'x' | no_such_filter }}", ''];

/** Random valid trees with texts (styled, escaped, non-ASCII, broken styled text), numbers, nested objects. */
function randomTrees(n: number): CardTree[] {
  const rnd = seeded(7);
  return Array.from({ length: n }, () => {
    const tree = treeOfStructure(randomValidStructure(graph, rnd, { maxNodes: 15 }));
    walkTree(tree, (node: CardNode) => {
      if (rnd() < 0.5) node.params.text = TEXTS[Math.floor(rnd() * TEXTS.length)];
      if (rnd() < 0.2) node.params.columnCount = Math.floor(rnd() * 1e6) / 7;
      if (rnd() < 0.2) node.params.onClick = { openLink: { url: 'https://example.com/a?b=1' }, flags: [true, null, 3] };
      if (rnd() < 0.1) node.widget = { horizontalAlignment: TEXTS[Math.floor(rnd() * 2)] };
    });
    return tree;
  });
}

describe('renderTree (styled, one pass)', () => {
  it('gives the same message, key order included, as encoding then copying with styled strings rendered', () => {
    let compared = 0;
    for (const tree of randomTrees(400)) {
      const expected = thrown(() => twoPass(tree, 'c'));
      expect(thrown(() => renderTree(tree, 'c', catalog))).toBe(expected);
      if (expected !== 'none') continue;
      expect(JSON.stringify(renderTree(tree, 'c', catalog))).toBe(JSON.stringify(twoPass(tree, 'c')));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('keeps the two-pass value and first error where a param is named like a slot, a wrapper field like the child key, or keys are indexes', () => {
    const bad = "{{ 'x' | no_such_filter }}";
    const trees: CardTree[] = [
      [{ component: 'Section', params: { widgets: bad }, children: [{ component: 'DecoratedText', field: 'widgets', params: { text: "{{ 'a' | nope }}" } }] }],
      [{ component: 'Section', params: {}, children: [{ component: 'DecoratedText', field: 'widgets', params: { text: bad }, widget: { decoratedText: 'x' } }] }],
      [{ component: 'Section', params: { 7: "{{ 'a' | nope }}", header: 'h' }, children: [{ component: 'DecoratedText', field: 'widgets', params: { text: 't', 2: 'two' }, widget: { 1: bad } }] }],
      [{ component: 'Section', params: { widgets: 'shadowed' }, children: [{ component: 'DecoratedText', field: 'widgets', params: { text: 'ok' } }] }],
    ];
    for (const tree of trees) {
      const expected = thrown(() => twoPass(tree, 'c'));
      expect(thrown(() => renderTree(tree, 'c', catalog))).toBe(expected);
      if (expected === 'none') expect(JSON.stringify(renderTree(tree, 'c', catalog))).toBe(JSON.stringify(twoPass(tree, 'c')));
    }
  });

  it('renders styled card ids and numbers the cards of a message', () => {
    const tree: CardTree = [
      { component: 'Section', params: { header: 'a' } },
      { component: 'Card', params: {} },
      { component: 'Section', params: { header: 'b' } },
    ];
    expect(renderTree(tree, "{{ 'id' | bold }}", catalog)).toEqual(twoPass(tree, "{{ 'id' | bold }}"));
    expect(renderTree(tree, 'm', catalog).cardsV2.map((c) => c.cardId)).toEqual(['m', 'm-2', 'm-3']);
  });
});

describe('renderTreeSized', () => {
  it('bounds every card from above by the UTF-8 bytes of its JSON', () => {
    for (const tree of randomTrees(400)) {
      let sized;
      try {
        sized = renderTreeSized(tree, 'c', catalog);
      } catch {
        continue;
      }
      expect(JSON.stringify(sized.message)).toBe(JSON.stringify(renderTree(tree, 'c', catalog)));
      sized.message.cardsV2.forEach(({ card }, i) => {
        const bound = sized.cardBytesAtMost[i];
        expect(bound).toBeDefined();
        expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThanOrEqual(bound as number);
      });
    }
  });

  it('gives no bound for a card whose JSON only serialising can tell (a BigInt, a toJSON key)', () => {
    const big: CardTree = [{ component: 'Card', params: { n: BigInt(1) } }];
    const toJson: CardTree = [{ component: 'Card', params: { x: { toJSON: 'y' } } }];
    expect(renderTreeSized(big, 'c', catalog).cardBytesAtMost).toEqual([undefined]);
    expect(renderTreeSized(toJson, 'c', catalog).cardBytesAtMost).toEqual([undefined]);
    expect(renderTreeSized([{ component: 'Card', params: { n: 1 } }], 'c', catalog).cardBytesAtMost[0]).toBeGreaterThan(0);
  });
});
