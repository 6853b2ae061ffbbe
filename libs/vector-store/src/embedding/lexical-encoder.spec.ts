import { fnv1a } from './hash';
import { LexicalEncoder } from './lexical-encoder';

describe('LexicalEncoder', () => {
  it('encodes term frequencies at hashed, sorted, unique indices', () => {
    const enc = new LexicalEncoder();
    const v = enc.encode('Buttons button BUTTON list');
    expect(v.indices).toEqual([fnv1a('button'), fnv1a('list')].sort((a, b) => a - b));
    expect(v.values[v.indices.indexOf(fnv1a('button'))]).toBe(3);
    expect(v.values[v.indices.indexOf(fnv1a('list'))]).toBe(1);
  });

  it('gives the FTS5 text as the same tokens', () => {
    expect(new LexicalEncoder().text('The DecoratedText widgets')).toBe('decorat text widget');
    expect(new LexicalEncoder({ stem: false, stopwords: false }).text('The widgets')).toBe('the widgets');
  });
});
