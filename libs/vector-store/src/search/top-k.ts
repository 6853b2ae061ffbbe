/**
 * Indices of the `k` highest scores among `n` entries allowed by `mask` (all when absent), best first.
 * A bounded min-heap in typed arrays: O(n log k) without allocating per entry.
 */
export function topK(scores: Float32Array, n: number, k: number, mask?: Uint8Array): Array<{ index: number; score: number }> {
  if (k <= 0) return [];
  const heapIdx = new Int32Array(k);
  const heapScore = new Float32Array(k);
  let size = 0;
  // Heap order: the root is the worst kept entry (lowest score, then highest index).
  const before = (a: number, b: number): boolean => heapScore[a] < heapScore[b] || (heapScore[a] === heapScore[b] && heapIdx[a] > heapIdx[b]);
  const swap = (a: number, b: number): void => {
    const ti = heapIdx[a];
    const ts = heapScore[a];
    heapIdx[a] = heapIdx[b];
    heapScore[a] = heapScore[b];
    heapIdx[b] = ti;
    heapScore[b] = ts;
  };
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = scores[i];
    if (size < k) {
      let j = size++;
      heapIdx[j] = i;
      heapScore[j] = s;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (before(p, j)) break;
        swap(j, p);
        j = p;
      }
    } else if (s > heapScore[0]) {
      heapIdx[0] = i;
      heapScore[0] = s;
      for (let j = 0; ; ) {
        const l = 2 * j + 1;
        let m = j;
        if (l < size && before(l, m)) m = l;
        if (l + 1 < size && before(l + 1, m)) m = l + 1;
        if (m === j) break;
        swap(j, m);
        j = m;
      }
    }
  }
  const out: Array<{ index: number; score: number }> = [];
  for (let i = 0; i < size; i++) out.push({ index: heapIdx[i], score: heapScore[i] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
