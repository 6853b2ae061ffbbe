import type { Structure } from '@motif/core-types';
import { componentSet, expandedComponents, expandedEdges, structureCounts, structureSimilarity } from './structure-features';

const status: Structure = [{ component: 'Section', children: [{ component: 'DecoratedText' }, { component: 'ButtonList', children: [{ component: 'Button', count: 2 }] }] }];

describe('structure features', () => {
  it('expands counts with their subtree in pre-order', () => {
    const s: Structure = [{ component: 'Columns', children: [{ component: 'Column', count: 2, children: [{ component: 'TextParagraph' }] }] }];
    expect(expandedComponents(s)).toEqual(['Columns', 'Column', 'TextParagraph', 'Column', 'TextParagraph']);
    expect(expandedEdges(s)).toEqual([['Columns', 'Column'], ['Column', 'TextParagraph'], ['Columns', 'Column'], ['Column', 'TextParagraph']]);
    expect(componentSet(status)).toEqual(['Button', 'ButtonList', 'DecoratedText', 'Section']);
  });

  it('similarity is 1 for equal trees, lower for changed counts, lower still for other widgets', () => {
    expect(structureSimilarity(status, status)).toBe(1);
    const threeButtons: Structure = [{ component: 'Section', children: [{ component: 'DecoratedText' }, { component: 'ButtonList', children: [{ component: 'Button', count: 3 }] }] }];
    const grid: Structure = [{ component: 'Section', children: [{ component: 'Grid', children: [{ component: 'GridItem', count: 2 }] }] }];
    const near = structureSimilarity(status, threeButtons);
    const far = structureSimilarity(status, grid);
    expect(near).toBeLessThan(1);
    expect(far).toBeLessThan(near);
    expect(structureSimilarity(status, grid)).toBeCloseTo(structureSimilarity(grid, status), 12);
    expect(structureSimilarity([], [])).toBe(1);
  });
});

describe('structure counts without expansion', () => {
  it('multiplies counts down the tree, so a multiplier bomb costs nothing', () => {
    const bomb = [{ component: 'Section', count: 1000, children: [{ component: 'ButtonList', count: 1000, children: [{ component: 'Button', count: 1000 }] }] }];
    const { components, edges } = structureCounts(bomb);
    expect(components.get('Button')).toBe(1e9);
    expect(edges.get('ButtonList>Button')).toBe(1e9);
    expect(structureSimilarity(bomb, bomb)).toBe(1);
    expect(structureSimilarity(bomb, [{ component: 'Section' }])).toBeLessThan(0.01);
  });
});
