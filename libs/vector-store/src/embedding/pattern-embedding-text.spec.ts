import { CORPUS } from '../contract/test-patterns';
import { HashingEmbedder } from './hashing-embedder';
import { LexicalEncoder } from './lexical-encoder';
import { PatternIndexer } from './pattern-indexer';
import { flattenParams, patternEmbeddingTexts, structureText } from './pattern-embedding-text';

describe('patternEmbeddingTexts', () => {
  it('feeds description+tags, structure (DSL, components, edges), flattened params and lexical text', () => {
    const t = patternEmbeddingTexts(CORPUS.status());
    expect(t.description).toBe('Server status card with a green online label and refresh button\nops');
    expect(t.structure).toBe(
      '§[δ, Ƀ[ᵬ×2]] section decoratedtext buttonlist button button esectiondecoratedtext esectionbuttonlist ebuttonlistbutton ebuttonlistbutton',
    );
    expect(t.params.split('\n')).toEqual(['text=Online', 'topLabel=api-gateway', 'buttons.text=Refresh', 'buttons.text=Details']);
    expect(t.lexical).toContain('Section DecoratedText ButtonList Button');
    expect(t.lexical).toContain('Refresh');
    expect(t.lexical).not.toContain('topLabel');
  });

  it('flattens nested params with array indices dropped and long values cut', () => {
    expect(flattenParams({ a: { b: [1, { c: true }] }, d: null, e: 'x'.repeat(300) })).toEqual(['a.b=1', 'a.b.c=true', `e=${'x'.repeat(200)}`]);
  });

  it('structure text distinguishes ButtonList from Button', () => {
    expect(structureText([{ component: 'ButtonList', children: [{ component: 'Button' }] }])).toBe('buttonlist button ebuttonlistbutton');
  });
});

describe('PatternIndexer', () => {
  it('builds all vectors and the lexical data in one batch, equal to single records (async and sync forms)', async () => {
    const indexer = new PatternIndexer(new HashingEmbedder({ dimension: 48 }));
    const [a, b] = await indexer.toRecords([CORPUS.status(), CORPUS.gallery()]);
    const single = await indexer.toRecord(CORPUS.gallery());
    expect(Array.from(b.vectors.structure)).toEqual(Array.from(single.vectors.structure));
    const gallery = CORPUS.gallery();
    expect((await indexer.toRecord(gallery)).vectors).toEqual(indexer.toRecordSync(gallery).vectors);
    expect(a.vectors.description).toHaveLength(48);
    const terms = new LexicalEncoder().encodeTokens(['server', 'status', 'refresh', 'button', 'online']).indices;
    expect(a.vectors.lexical.indices).toEqual(expect.arrayContaining(terms));
    expect(a.vectors.lexical.indices.length).toBeGreaterThan(5);
  });
});
