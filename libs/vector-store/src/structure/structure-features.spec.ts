import type { Structure } from '@motif/core-types';
import * as vectorStore from '../index';
import * as features from './structure-features';
import { componentSet, expandedComponents, expandedEdges } from './structure-features';

const status: Structure = [{ component: 'Section', children: [{ component: 'DecoratedText' }, { component: 'ButtonList', children: [{ component: 'Button', count: 2 }] }] }];

describe('structure features', () => {
  it('expands counts with their subtree in pre-order', () => {
    const s: Structure = [{ component: 'Columns', children: [{ component: 'Column', count: 2, children: [{ component: 'TextParagraph' }] }] }];
    expect(expandedComponents(s)).toEqual(['Columns', 'Column', 'TextParagraph', 'Column', 'TextParagraph']);
    expect(expandedEdges(s)).toEqual([['Columns', 'Column'], ['Column', 'TextParagraph'], ['Columns', 'Column'], ['Column', 'TextParagraph']]);
    expect(componentSet(status)).toEqual(['Button', 'ButtonList', 'DecoratedText', 'Section']);
  });

  it('has no structural similarity of its own: the searcher uses libs/dag\'s', () => {
    expect(Object.keys(features)).not.toContain('structureSimilarity');
    expect(Object.keys(vectorStore)).not.toContain('structureSimilarity');
  });
});
