/** Cosine similarity (vectors need not be normalised; zero vectors give 0). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export interface MmrCandidate {
  relevance: number;
  vector: Float32Array | null;
}

/**
 * Maximal marginal relevance: repeatedly picks argmax λ·relevance − (1 − λ)·max cosine to the already picked.
 * λ = 1 keeps the relevance order; lower values trade relevance for diversity. Returns candidate indices.
 */
export function mmrOrder(candidates: readonly MmrCandidate[], lambda: number, limit: number): number[] {
  const picked: number[] = [];
  const left = new Set(candidates.map((_, i) => i));
  while (picked.length < limit && left.size > 0) {
    let best = -1;
    let bestValue = -Infinity;
    for (const i of left) {
      const c = candidates[i];
      let maxSim = 0;
      for (const j of picked) {
        const v = candidates[j].vector;
        if (c.vector && v) maxSim = Math.max(maxSim, cosine(c.vector, v));
      }
      const value = lambda * c.relevance - (1 - lambda) * maxSim;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    picked.push(best);
    left.delete(best);
  }
  return picked;
}
