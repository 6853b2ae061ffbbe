import fc from 'fast-check';
import type { Structure, StructureNode } from '@motif/core-types';
import { loadCatalog } from '../catalog/load-catalog';
import { ComponentGraph } from '../graph/component-graph';
import { canonicalizeStructure } from './canonicalize-structure';

const graph = new ComponentGraph(loadCatalog('google-chat-cards-v2'));

describe('canonicalizeStructure', () => {
  it('merges adjacent identical sibling subtrees into a count', () => {
    const s: Structure = [
      {
        component: 'Section',
        children: [
          { component: 'DecoratedText', children: [{ component: 'Icon' }] },
          { component: 'DecoratedText', count: 2, children: [{ component: 'Icon' }] },
          { component: 'DecoratedText' },
          { component: 'ButtonList', children: [{ component: 'Button', count: 1 }, { component: 'Button' }], count: 1 },
        ],
      },
    ];
    expect(canonicalizeStructure(s)).toEqual([
      {
        component: 'Section',
        children: [
          { component: 'DecoratedText', count: 3, children: [{ component: 'Icon' }] },
          { component: 'DecoratedText' },
          { component: 'ButtonList', children: [{ component: 'Button', count: 2 }] },
        ],
      },
    ]);
  });

  it('does not merge siblings that differ in field or subtree, nor non-adjacent ones', () => {
    const s: Structure = [
      { component: 'DecoratedText', children: [{ component: 'Icon', field: 'startIcon' }, { component: 'Icon', field: 'endIcon' }] },
      { component: 'Divider' },
      { component: 'DecoratedText', children: [{ component: 'Icon', field: 'startIcon' }, { component: 'Icon', field: 'endIcon' }] },
    ];
    expect(canonicalizeStructure(s)).toEqual(s);
  });

  it('fills every field by first fit, as the validator places children (with a graph)', () => {
    const s: Structure = [{ component: 'Section', children: [{ component: 'DecoratedText', children: [{ component: 'Icon' }, { component: 'Button' }] }] }];
    expect(canonicalizeStructure(s, graph)).toEqual([
      { component: 'Section', children: [{ component: 'DecoratedText', field: 'widgets', children: [{ component: 'Icon', field: 'startIcon' }, { component: 'Button', field: 'button' }] }] },
    ]);
  });

  it('emits keys in a stable order and leaves the input untouched', () => {
    const s: Structure = [{ children: [{ component: 'Divider' }, { component: 'Divider' }], component: 'Section' } as StructureNode];
    const before = JSON.stringify(s);
    const out = canonicalizeStructure(s, graph);
    expect(JSON.stringify(out)).toBe('[{"component":"Section","children":[{"component":"Divider","count":2,"field":"widgets"}]}]');
    expect(JSON.stringify(s)).toBe(before);
  });

  it('is idempotent', () => {
    const names = ['Section', 'DecoratedText', 'Icon', 'Divider', 'ButtonList', 'Button'];
    const node: fc.Memo<StructureNode> = fc.memo((n) =>
      fc.record(
        {
          component: fc.constantFrom(...names),
          count: fc.integer({ min: 1, max: 3 }),
          children: n > 1 ? fc.array(node(n - 1), { maxLength: 4 }) : fc.constant([]),
        },
        { requiredKeys: ['component'] },
      ),
    );
    fc.assert(
      fc.property(fc.array(node(4), { maxLength: 4 }), (s) => {
        const once = canonicalizeStructure(s, graph);
        expect(canonicalizeStructure(once, graph)).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
