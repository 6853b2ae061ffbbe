import type { CardNode, CardTree } from '@motif/core-types';
import { decodeCard, walkTree } from '@motif/dag';
import { SeededRandomSourceFactory } from '../random/seeded-random-source';
import { chatCardsDag } from '../testing/dag-fixture';
import { type TreeStrategy, TreeStructureVariator, type TreeVariation } from './tree-structure-variator';

const { catalog, graph } = chatCardsDag();
const variator = new TreeStructureVariator(catalog, graph);
const factory = new SeededRandomSourceFactory();
const card = (sections: unknown[]): CardTree => decodeCard({ sections }, catalog).tree;
const nodes = (tree: CardTree, component: string): CardNode[] => {
  const out: CardNode[] = [];
  walkTree(tree, (n) => void (n.component === component && out.push(n)));
  return out;
};
/** Variations of `tree` by `strategy` over many seeds. */
const many = (tree: CardTree, strategy: TreeStrategy, n = 300): TreeVariation[] =>
  Array.from({ length: n }, (_, i) => variator.vary(tree, factory.create(`t${i}`), strategy)).filter((v): v is TreeVariation => typeof v !== 'string');

const link = (url: string) => ({ openLink: { url } });
const statusTree = card([
  {
    widgets: [
      { decoratedText: { topLabel: 'Service', text: 'api-gateway' } },
      { buttonList: { buttons: [{ text: 'Refresh', onClick: { action: { function: 'refresh', parameters: [{ key: 'service', value: 'api-gateway' }] } } }, { text: 'Details', onClick: link('https://status.example.com/api') }] } },
    ],
  },
]);

describe('TreeStructureVariator', () => {
  it('never mutates the tree it varies', () => {
    const before = JSON.stringify(statusTree);
    for (const s of ['swap-sibling', 'add-child', 'remove-optional', 'expand-repeated'] as const) many(statusTree, s, 50);
    expect(JSON.stringify(statusTree)).toBe(before);
  });

  it('remove drops the node with its params', () => {
    const removed = many(statusTree, 'remove-optional').filter((v) => v.operations[0].startsWith('remove-optional Button at'));
    expect(removed.length).toBeGreaterThan(0);
    for (const v of removed) {
      const buttons = nodes(v.tree, 'Button');
      expect(buttons).toHaveLength(1);
      const gone = v.operations[0].includes('buttons[0]') ? 'Refresh' : 'Details';
      expect(JSON.stringify(v.tree)).not.toContain(`"${gone}"`);
    }
    // Removing the ButtonList leaves no `buttons` anywhere.
    const list = many(statusTree, 'remove-optional').find((v) => v.operations[0].startsWith('remove-optional ButtonList'));
    expect(list && JSON.stringify(list.tree)).not.toMatch(/Refresh|Details|buttons/);
  });

  it('swap carries the fields both components share and drops the rest (DecoratedText text → TextParagraph text)', () => {
    const swaps = many(statusTree, 'swap-sibling').filter((v) => v.operations[0].startsWith('swap-sibling DecoratedText→TextParagraph'));
    expect(swaps.length).toBeGreaterThan(0);
    for (const v of swaps) {
      expect(nodes(v.tree, 'TextParagraph').map((n) => n.params)).toEqual([{ text: 'api-gateway' }]);
      expect(v.operations[0]).toContain('kept text; dropped topLabel');
    }
  });

  it('does not offer what it cannot fill from the pattern: no Image without an image URL of its own, no input without a name', () => {
    const all = (['swap-sibling', 'add-child'] as const).flatMap((s) => many(statusTree, s));
    expect(all.length).toBeGreaterThan(100);
    for (const v of all) {
      for (const c of ['Image', 'SwitchControl', 'TextInput', 'SelectionInput', 'DateTimePicker']) expect(nodes(v.tree, c)).toEqual([]);
    }
    // With an Image in the pattern, a new Image takes that image's URL, and nothing of what it replaced.
    const withImage = card([{ widgets: [{ decoratedText: { text: 'Rex', topLabel: 'Dog' } }, { image: { imageUrl: 'https://pets.example.com/rex.jpg', altText: 'Rex' } }] }]);
    const toImage = many(withImage, 'swap-sibling').filter((v) => v.operations[0].startsWith('swap-sibling DecoratedText→Image'));
    expect(toImage.length).toBeGreaterThan(0);
    for (const v of toImage) for (const img of nodes(v.tree, 'Image')) expect(img.params).toEqual({ imageUrl: 'https://pets.example.com/rex.jpg' , ...(img.params.altText ? { altText: 'Rex' } : {}) });
  });

  it('a new Button reuses a sibling\'s onClick; a repeated row is a copy of the row it repeats', () => {
    const adds = many(statusTree, 'add-child').filter((v) => /^add-child Button to .*ButtonList > buttons/.test(v.operations[0]));
    expect(adds.length).toBeGreaterThan(0);
    const actions = nodes(statusTree, 'Button').map((b) => JSON.stringify(b.params.onClick));
    for (const v of adds) for (const b of nodes(v.tree, 'Button')) expect(actions).toContain(JSON.stringify(b.params.onClick));
    const expanded = many(statusTree, 'expand-repeated').filter((v) => v.operations[0].startsWith('expand-repeated DecoratedText'));
    expect(expanded.length).toBeGreaterThan(0);
    for (const v of expanded) expect(nodes(v.tree, 'DecoratedText').map((n) => n.params)).toEqual([{ topLabel: 'Service', text: 'api-gateway' }, { topLabel: 'Service', text: 'api-gateway' }]);
  });

  it('never repeats a form input (its name identifies it) or a widget with an id', () => {
    const form = card([{ widgets: [{ textInput: { name: 'reason', label: 'Reason' } }, { decoratedText: { text: 'x' }, id: 'row-1' }] }]);
    expect(many(form, 'expand-repeated')).toEqual([]);
    expect(variator.vary(form, factory.create('x'), 'expand-repeated')).toBe('nothing-to-vary');
  });
});
