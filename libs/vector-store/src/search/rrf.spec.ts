import { reciprocalRankFusion } from './rrf';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over lists and keeps each signal rank and score', () => {
    const fused = reciprocalRankFusion(
      [
        { signal: 'a', items: [{ key: 'x', score: 0.9 }, { key: 'y', score: 0.5 }] },
        { signal: 'b', items: [{ key: 'y', score: 3 }, { key: 'z', score: 2 }] },
      ],
      10,
    );
    expect(fused.map((f) => f.key)).toEqual(['y', 'x', 'z']);
    expect(fused[0].rrfScore).toBeCloseTo(1 / 12 + 1 / 11, 12);
    expect(fused[0].signals).toEqual({ a: { rank: 2, score: 0.5 }, b: { rank: 1, score: 3 } });
    expect(fused[1].rrfScore).toBeCloseTo(1 / 11, 12);
  });

  it('breaks equal sums by key for a deterministic order', () => {
    const fused = reciprocalRankFusion([{ signal: 'a', items: [{ key: 'q', score: 1 }] }, { signal: 'b', items: [{ key: 'p', score: 1 }] }], 60);
    expect(fused.map((f) => f.key)).toEqual(['p', 'q']);
  });
});
