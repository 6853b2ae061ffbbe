/**
 * Indices of the `k` highest scores among `n` entries allowed by `mask` (all when absent), best first.
 * A bounded min-heap in typed arrays: O(n log k) without allocating per entry. Once the heap is full the scan
 * compares each score with the worst kept one before anything else (at 100k rows almost every entry stops there).
 */
export function topK(scores: Float32Array, n: number, k: number, mask?: Uint8Array): Array<{ index: number; score: number }> {
  if (k <= 0) return [];
  const heapIdx = new Int32Array(k);
  const heapScore = new Float32Array(k);
  let size = 0;
  let i = 0;
  // Heap order: the root is the worst kept entry (lowest score, then highest index).
  for (; i < n && size < k; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = scores[i];
    let j = size++;
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (heapScore[p] < s || (heapScore[p] === s && heapIdx[p] > i)) break;
      heapIdx[j] = heapIdx[p];
      heapScore[j] = heapScore[p];
      j = p;
    }
    heapIdx[j] = i;
    heapScore[j] = s;
  }
  let worst = size === k ? heapScore[0] : Infinity;
  for (; i < n; i++) {
    const s = scores[i];
    // Later indices lose ties, so only a strictly better score enters.
    if (!(s > worst)) continue;
    if (mask !== undefined && mask[i] === 0) continue;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= size) break;
      let m = l;
      const r = l + 1;
      if (r < size && (heapScore[r] < heapScore[l] || (heapScore[r] === heapScore[l] && heapIdx[r] > heapIdx[l]))) m = r;
      if (heapScore[m] > s || (heapScore[m] === s && heapIdx[m] < i)) break;
      heapIdx[j] = heapIdx[m];
      heapScore[j] = heapScore[m];
      j = m;
    }
    heapIdx[j] = i;
    heapScore[j] = s;
    worst = heapScore[0];
  }
  const out: Array<{ index: number; score: number }> = [];
  for (let e = 0; e < size; e++) out.push({ index: heapIdx[e], score: heapScore[e] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
