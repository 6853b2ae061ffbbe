import { HashingEmbedder } from './hashing-embedder';

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i], 0);

describe('HashingEmbedder', () => {
  it('is deterministic, L2-normalised and of the configured dimension', () => {
    const e = new HashingEmbedder({ dimension: 128 });
    const a = e.embedSync('Server status card with refresh button');
    expect(a).toHaveLength(128);
    expect(Array.from(e.embedSync('Server status card with refresh button'))).toEqual(Array.from(a));
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(Array.from(new HashingEmbedder({ dimension: 128 }).embedSync('Server status card with refresh button'))).toEqual(Array.from(a));
  });

  it('puts related texts closer than unrelated ones (words and character n-grams)', () => {
    const e = new HashingEmbedder({ dimension: 256 });
    const q = e.embedSync('status card with refresh buttons');
    expect(dot(q, e.embedSync('server status card, refresh button'))).toBeGreaterThan(dot(q, e.embedSync('image gallery of product photos')) + 0.3);
    // n-grams match a morphological variant that words alone miss.
    const words = new HashingEmbedder({ dimension: 256, charNgrams: [], stem: false });
    const grams = new HashingEmbedder({ dimension: 256, charNgrams: [3], stem: false });
    expect(dot(grams.embedSync('approval'), grams.embedSync('approvals'))).toBeGreaterThan(dot(words.embedSync('approval'), words.embedSync('approvals')) + 0.3);
  });

  it('uses signed hashing: unrelated vectors are near-orthogonal, not all positive', () => {
    const e = new HashingEmbedder({ dimension: 384 });
    const v = e.embedSync('alpha beta gamma delta epsilon zeta');
    expect(Array.from(v).some((x) => x < 0)).toBe(true);
    expect(Math.abs(dot(v, e.embedSync('quarterly revenue spreadsheet')))).toBeLessThan(0.3);
  });

  it('encodes every output-changing parameter in its id', () => {
    expect(new HashingEmbedder().id).toBe('hashing-v1:words+c3:stem+stop:384');
    expect(new HashingEmbedder({ dimension: 64, charNgrams: [], stem: false, stopwords: false }).id).toBe('hashing-v1:words:64');
    expect(new HashingEmbedder({ charNgrams: [3, 4], wordBigrams: true, ngramWeight: 0.5 }).id).toBe('hashing-v1:words+c3+c4+bi:stem+stop+nw0.5:384');
    expect(() => new HashingEmbedder({ dimension: 1 })).toThrow(RangeError);
  });

  it('returns a zero vector for text without tokens and batches like single calls', async () => {
    const e = new HashingEmbedder({ dimension: 32 });
    expect(Array.from(e.embedSync('  ,,, '))).toEqual(new Array(32).fill(0));
    const [a, b] = await e.embedBatch(['one card', 'two cards']);
    expect(Array.from(await e.embed('one card'))).toEqual(Array.from(a));
    expect(Array.from(a)).toEqual(Array.from(e.embedSync('one card')));
    expect(Array.from(b)).toEqual(Array.from(e.embedSync('two cards')));
  });
});
