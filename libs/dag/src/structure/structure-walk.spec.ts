import type { Structure } from '@motif/core-types';
import { componentCounts, edgeCounts, forEachCounted, forEachExpanded } from './structure-walk';

const bomb: Structure = [{ component: 'Section', count: 1000, children: [{ component: 'ButtonList', count: 1000, children: [{ component: 'Button', count: 1000 }] }] }];

describe('structure walks', () => {
  it('multiplies counts down the tree, visiting each written node once, so a multiplier bomb costs three steps', () => {
    const visits: Array<[string, number, string | null]> = [];
    forEachCounted(bomb, (node, times, parent) => visits.push([node.component, times, parent?.component ?? null]));
    expect(visits).toEqual([['Section', 1000, null], ['ButtonList', 1e6, 'Section'], ['Button', 1e9, 'ButtonList']]);
    expect(componentCounts(bomb).get('Button')).toBe(1e9);
    expect(edgeCounts(bomb).get('ButtonList')?.get('Button')).toBe(1e9);
  });

  it('expands in pre-order with each occurrence’s parent, and stops past a limit', () => {
    const s: Structure = [{ component: 'Columns', children: [{ component: 'Column', count: 2, children: [{ component: 'TextParagraph' }] }] }];
    const seen: string[] = [];
    forEachExpanded(s, (node, parent) => seen.push(`${parent?.component ?? '-'}>${node.component}`));
    expect(seen).toEqual(['->Columns', 'Columns>Column', 'Column>TextParagraph', 'Columns>Column', 'Column>TextParagraph']);
    expect(() => forEachExpanded(bomb, () => undefined, 100)).toThrow(RangeError);
  });

  it('takes counts of 1, 0 or none as one, and ignores malformed children', () => {
    const s = [{ component: 'A', count: 0, children: [{ component: 'B', count: 1 }, { component: 'B' }] }, { component: 'C', children: 'nope' }] as unknown as Structure;
    expect([...componentCounts(s)]).toEqual([['A', 1], ['B', 2], ['C', 1]]);
  });
});
