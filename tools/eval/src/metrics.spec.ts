import { retrievalMetrics } from './metrics';

describe('retrievalMetrics', () => {
  it('computes recall@1, recall@5 and MRR from ranks (0 = missed)', () => {
    expect(retrievalMetrics([1, 2, 6, 0])).toEqual({ queries: 4, recallAt1: 0.25, recallAt5: 0.5, mrr: (1 + 1 / 2 + 1 / 6) / 4 });
    expect(retrievalMetrics([])).toEqual({ queries: 0, recallAt1: 0, recallAt5: 0, mrr: 0 });
  });
});
