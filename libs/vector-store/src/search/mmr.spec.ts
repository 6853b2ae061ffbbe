import { cosine, mmrOrder } from './mmr';

describe('mmrOrder', () => {
  const v = (...xs: number[]): Float32Array => Float32Array.from(xs);
  const candidates = [
    { relevance: 1.0, vector: v(1, 0) },
    { relevance: 0.95, vector: v(1, 0.01) }, // near-duplicate of the first
    { relevance: 0.7, vector: v(0, 1) },
  ];

  it('keeps relevance order at λ = 1 and promotes a different item at lower λ', () => {
    expect(mmrOrder(candidates, 1, 3)).toEqual([0, 1, 2]);
    expect(mmrOrder(candidates, 0.5, 3)).toEqual([0, 2, 1]);
    expect(mmrOrder(candidates, 0.5, 2)).toEqual([0, 2]);
  });

  it('cosine handles zero vectors', () => {
    expect(cosine(v(0, 0), v(1, 0))).toBe(0);
    expect(cosine(v(2, 0), v(1, 0))).toBeCloseTo(1, 10);
  });
});
