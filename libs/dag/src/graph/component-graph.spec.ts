import { loadCatalog, parseCatalog } from '../catalog/load-catalog';
import { ComponentGraph } from './component-graph';

const graph = new ComponentGraph(loadCatalog('google-chat-cards-v2'));

// A recursive catalog (a container inside a container), as other domains have.
const recursive = new ComponentGraph(
  parseCatalog(
    {
      id: 'boxes',
      version: '1',
      name: 'Boxes',
      roots: ['Box'],
      maxDepth: 5,
      components: [
        { name: 'Box', symbol: '▢', edges: [{ field: 'items', child: 'Box', min: 0, max: null }, { field: 'items', child: 'Text', min: 0, max: null }] },
        { name: 'Text', symbol: '≡' },
      ],
    },
    'mem',
  ),
);

describe('ComponentGraph', () => {
  it('lists children and parents', () => {
    expect(graph.children('ButtonList')).toEqual(['Button']);
    expect(graph.children('DecoratedText')).toEqual(['Icon', 'Button', 'SwitchControl']);
    expect(graph.parents('Button').sort()).toEqual(['ButtonList', 'CardFixedFooter', 'CollapseControl', 'DecoratedText']);
    expect(graph.children('Icon')).toEqual([]);
    expect(graph.children('Nope')).toEqual([]);
  });

  it('gives slot alternatives in context, not the union over parents', () => {
    const inSection = graph.slotAlternatives('Section', 'DecoratedText');
    const inColumn = graph.slotAlternatives('Column', 'DecoratedText');
    expect(inSection).toContain('Divider');
    expect(inSection).toContain('Carousel');
    expect(inSection).not.toContain('DecoratedText');
    expect(inSection).not.toContain('CollapseControl'); // another field
    expect(inColumn).not.toContain('Divider');
    expect(inColumn.sort()).toEqual(['ButtonList', 'ChipList', 'DateTimePicker', 'Image', 'SelectionInput', 'TextInput', 'TextParagraph']);
    // an exclusive group makes the other field's child an alternative
    expect(graph.slotAlternatives('DecoratedText', 'Button').sort()).toEqual(['Icon', 'SwitchControl']);
    expect(graph.slotAlternatives('NestedWidget', 'Image').sort()).toEqual(['ButtonList', 'TextParagraph']);
    expect(graph.slotAlternatives('ButtonList', 'Button')).toEqual([]);
    expect(graph.slotAlternatives('Section', 'Button')).toEqual([]);
  });

  it('walks ancestors and descendants with a depth limit', () => {
    expect(graph.ancestors('Icon', 1).sort()).toEqual(['Button', 'Chip', 'DecoratedText']);
    expect(graph.ancestors('Icon')).toEqual(expect.arrayContaining(['Section', 'Card', 'Message', 'ButtonList', 'Column']));
    expect(graph.descendants('ButtonList', 1)).toEqual(['Button']);
    expect(graph.descendants('ButtonList')).toEqual(['Button', 'Icon']);
    expect(graph.descendants('Icon')).toEqual([]);
    expect(graph.descendants('Card', 2)).toContain('DecoratedText');
    expect(graph.descendants('Card', 2)).not.toContain('Icon');
  });

  it('finds shortest containment paths', () => {
    expect(graph.shortestPath('Card', 'Button')).toEqual(['Card', 'CardFixedFooter', 'Button']);
    expect(graph.shortestPath('Section', 'Icon')).toEqual(['Section', 'DecoratedText', 'Icon']);
    expect(graph.shortestPath('Icon', 'Section')).toBeNull();
    expect(graph.shortestPath('Section', 'Section')).toEqual(['Section']);
    expect(graph.shortestPath('Nope', 'Section')).toBeNull();
  });

  it('says whether a parent can hold a child, directly or through a wrapper', () => {
    expect(graph.canContain('ButtonList', 'Button')).toEqual({ allowed: true, direct: true });
    expect(graph.canContain('Section', 'Button')).toEqual({ allowed: true, direct: false, via: 'ButtonList' });
    expect(graph.canContain('Section', 'Chip')).toEqual({ allowed: true, direct: false, via: 'ChipList' });
    expect(graph.canContain('Section', 'Column')).toEqual({ allowed: true, direct: false, via: 'Columns' });
    expect(graph.canContain('Section', 'CarouselCard')).toEqual({ allowed: true, direct: false, via: 'Carousel' });
    expect(graph.canContain('Column', 'Button')).toEqual({ allowed: true, direct: false, via: 'ButtonList' });
    // parameter-less intermediate
    expect(graph.canContain('CarouselCard', 'TextParagraph')).toEqual({ allowed: true, direct: false, via: 'NestedWidget' });
    expect(graph.canContain('Section', 'Icon')).toEqual({ allowed: false, direct: false });
    expect(graph.canContain('Card', 'DecoratedText').allowed).toBe(false);
    expect(graph.requiredWrapper('Section', 'Button')).toBe('ButtonList');
    expect(graph.requiredWrapper('ButtonList', 'Button')).toBeNull();
    expect(graph.requiredWrapper('Section', 'Icon')).toBeNull();
  });

  it('reports roots, leaves and stats', () => {
    expect(graph.roots()).toEqual(['Card', 'Section', 'Message']);
    expect(graph.leaves().sort()).toEqual(['CardHeader', 'DateTimePicker', 'Divider', 'Icon', 'Image', 'SelectionInput', 'SwitchControl', 'TextInput', 'TextParagraph']);
    expect(graph.stats()).toEqual({ components: 26, edges: 46, roots: 3, leaves: 9, maxDepth: 9, acyclic: true });
    expect(graph.isAcyclic()).toBe(true);
  });

  it('gives edges and the edge for a pair', () => {
    expect(graph.edges()).toHaveLength(46);
    expect(graph.edges()[0]).toEqual({ parent: 'Message', field: 'cardsV2', child: 'Card', min: 1, max: null });
    expect(graph.edgesOf('Columns')).toEqual([{ field: 'columnItems', child: 'Column', min: 1, max: 2 }]);
    expect(graph.edgeFor('DecoratedText', 'Icon')?.field).toBe('startIcon');
    expect(graph.edgeFor('DecoratedText', 'Icon', 'endIcon')?.field).toBe('endIcon');
    expect(graph.edgeFor('DecoratedText', 'Icon', 'button')).toBeUndefined();
  });

  it('supports recursive catalogs: cycle reported, traversals bounded', () => {
    expect(recursive.isAcyclic()).toBe(false);
    expect(recursive.stats()).toMatchObject({ acyclic: false, maxDepth: null });
    expect(recursive.canContain('Box', 'Box').direct).toBe(true);
    expect(recursive.descendants('Box')).toEqual(['Text']);
    expect(recursive.ancestors('Box')).toEqual([]);
    expect(recursive.ancestors('Text', 3)).toEqual(['Box']);
    expect(recursive.shortestPath('Box', 'Text')).toEqual(['Box', 'Text']);
  });
});

describe('ComponentGraph.rootFor', () => {
  it('prefers a direct root, then the declared wrapper', () => {
    expect(graph.rootFor('DecoratedText')).toEqual({ root: 'Section' });
    expect(graph.rootFor('Section')).toEqual({ root: 'Card' });
    expect(graph.rootFor('Button')).toEqual({ root: 'Section', via: 'ButtonList' });
    expect(graph.rootFor('CardFixedFooter')).toEqual({ root: 'Card' });
    expect(graph.rootFor('Icon')).toBeNull();
  });
});
