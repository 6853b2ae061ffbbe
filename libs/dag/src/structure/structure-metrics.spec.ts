import type { StructureNode } from '@motif/core-types';
import { loadCatalog } from '../catalog/load-catalog';
import { DslCodec } from '../dsl/dsl-codec';
import { componentPathsOf, countNodes, countWrittenNodes, structureDepth, structureEdges } from './structure-metrics';

const codec = new DslCodec(loadCatalog('google-chat-cards-v2'));

describe('structure metrics', () => {
  const s = codec.parse('§[δ[ɨ]×2, Ƀ[ᵬ×2]]');

  it('componentPathsOf: pre-order, counts expanded with their subtrees', () => {
    expect(componentPathsOf(s)).toEqual(['Section', 'DecoratedText', 'Icon', 'DecoratedText', 'Icon', 'ButtonList', 'Button', 'Button']);
    expect(componentPathsOf(codec.parse('§, ©[§[ʈ]]'))).toEqual(['Section', 'Card', 'Section', 'TextParagraph']);
    expect(componentPathsOf([])).toEqual([]);
  });

  it('componentPathsOf refuses to expand beyond the limit', () => {
    expect(() => componentPathsOf(codec.parse('§[δ[ɨ]×1000, ʈ×1000]'))).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
  });

  it('counts nodes expanded and as written', () => {
    expect(countNodes(s)).toBe(8);
    expect(countWrittenNodes(s)).toBe(5);
    expect(countNodes(codec.parse('§[¢[ç[ʈ, δ×2]×2]]'))).toBe(1 + 1 + 2 * (1 + 1 + 2));
  });

  it('measures depth', () => {
    expect(structureDepth(s)).toBe(3);
    expect(structureDepth([])).toBe(0);
    let deep: StructureNode = { component: 'Section' };
    for (let i = 0; i < 100_000; i++) deep = { component: 'Section', children: [deep] };
    expect(structureDepth([deep])).toBe(100_001); // iterative: no stack overflow
  });

  it('lists distinct parent → child edges in pre-order', () => {
    expect(structureEdges(codec.parse('©[◆, §[δ[ɨ], δ, Ƀ[ᵬ]], §[δ]]'))).toEqual([
      ['Card', 'CardHeader'],
      ['Card', 'Section'],
      ['Section', 'DecoratedText'],
      ['Section', 'ButtonList'],
      ['DecoratedText', 'Icon'],
      ['ButtonList', 'Button'],
    ]);
  });
});
