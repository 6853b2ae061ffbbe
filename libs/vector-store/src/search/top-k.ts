/**
 * The `k` best entries offered, best first (ties: lower index first), in a bounded min-heap of typed arrays:
 * O(n log k) without allocating per entry. Once full, an entry enters only if strictly better than `worst`; a
 * caller scanning many entries compares with `worst` itself first (at 100k rows almost every entry stops there).
 * Entries must be offered in increasing index order.
 */
export class TopKHeap {
  private readonly heapIdx: Int32Array;
  // Doubles hold Float32 and Float64 scores exactly, so either compares and ties as it is.
  private readonly heapScore: Float64Array;
  size = 0;
  /** The lowest kept score once `k` are kept; −Infinity before. */
  worst = Number.NEGATIVE_INFINITY;

  constructor(readonly k: number) {
    this.heapIdx = new Int32Array(Math.max(0, k));
    this.heapScore = new Float64Array(Math.max(0, k));
  }

  get full(): boolean {
    return this.size >= this.k;
  }

  offer(index: number, score: number): void {
    const { heapIdx, heapScore, k } = this;
    // Heap order: the root is the worst kept entry (lowest score, then highest index).
    if (this.size < k) {
      let j = this.size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (heapScore[p] < score || (heapScore[p] === score && heapIdx[p] > index)) break;
        heapIdx[j] = heapIdx[p];
        heapScore[j] = heapScore[p];
        j = p;
      }
      heapIdx[j] = index;
      heapScore[j] = score;
      if (this.size === k) this.worst = heapScore[0];
      return;
    }
    // Later indices lose ties, so only a strictly better score enters.
    if (!(score > this.worst)) return;
    const size = this.size;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= size) break;
      let m = l;
      const r = l + 1;
      if (r < size && (heapScore[r] < heapScore[l] || (heapScore[r] === heapScore[l] && heapIdx[r] > heapIdx[l]))) m = r;
      if (heapScore[m] > score || (heapScore[m] === score && heapIdx[m] < index)) break;
      heapIdx[j] = heapIdx[m];
      heapScore[j] = heapScore[m];
      j = m;
    }
    heapIdx[j] = index;
    heapScore[j] = score;
    this.worst = heapScore[0];
  }

  /** The kept entries, best first. */
  sorted(): Array<{ index: number; score: number }> {
    const out: Array<{ index: number; score: number }> = [];
    for (let e = 0; e < this.size; e++) out.push({ index: this.heapIdx[e], score: this.heapScore[e] });
    return out.sort((a, b) => b.score - a.score || a.index - b.index);
  }
}

/** Indices of the `k` highest scores among `n` entries allowed by `mask` (all when absent), best first. */
export function topK(scores: Float32Array, n: number, k: number, mask?: Uint8Array): Array<{ index: number; score: number }> {
  if (k <= 0) return [];
  const heap = new TopKHeap(k);
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (heap.full && !(s > heap.worst)) continue;
    if (mask !== undefined && mask[i] === 0) continue;
    heap.offer(i, s);
  }
  return heap.sorted();
}
