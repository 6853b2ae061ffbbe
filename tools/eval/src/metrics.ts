/** Ranks (1-based) of the expected item per query; 0 = not retrieved. */
export interface RetrievalMetrics {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrr: number;
}

export function retrievalMetrics(ranks: readonly number[]): RetrievalMetrics {
  const n = ranks.length;
  if (n === 0) return { queries: 0, recallAt1: 0, recallAt5: 0, mrr: 0 };
  let r1 = 0;
  let r5 = 0;
  let rr = 0;
  for (const rank of ranks) {
    if (rank === 1) r1++;
    if (rank >= 1 && rank <= 5) r5++;
    if (rank >= 1) rr += 1 / rank;
  }
  return { queries: n, recallAt1: r1 / n, recallAt5: r5 / n, mrr: rr / n };
}
