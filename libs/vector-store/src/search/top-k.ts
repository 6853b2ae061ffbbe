/**
 * Indices of the `k` highest scores among `n` entries allowed by `mask` (all when absent), best first.
 * A bounded min-heap in typed arrays: O(n log k) without allocating per entry.
 */
export function topK(scores: Float32Array, n: number, k: number, mask?: Uint8Array): Array<{ index: number; score: number }> {
  if (k <= 0) return [];
  const heapIdx = new Int32Array(k);
  const heapScore = new Float32Array(k);
  let size = 0;
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < size && (heapScore[l] < heapScore[m] || (heapScore[l] === heapScore[m] && heapIdx[l] > heapIdx[m]))) m = l;
      if (r < size && (heapScore[r] < heapScore[m] || (heapScore[r] === heapScore[m] && heapIdx[r] > heapIdx[m]))) m = r;
      if (m === i) return;
      const ti = heapIdx[i];
      const ts = heapScore[i];
      heapIdx[i] = heapIdx[m];
      heapScore[i] = heapScore[m];
      heapIdx[m] = ti;
      heapScore[m] = ts;
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const s = scores[i];
    if (size < k) {
      // sift up
      let j = size++;
      heapIdx[j] = i;
      heapScore[j] = s;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (heapScore[p] < heapScore[j] || (heapScore[p] === heapScore[j] && heapIdx[p] > heapIdx[j])) break;
        const ti = heapIdx[p];
        const ts = heapScore[p];
        heapIdx[p] = heapIdx[j];
        heapScore[p] = heapScore[j];
        heapIdx[j] = ti;
        heapScore[j] = ts;
        j = p;
      }
    } else if (s > heapScore[0]) {
      heapIdx[0] = i;
      heapScore[0] = s;
      siftDown(0);
    }
  }
  const out: Array<{ index: number; score: number }> = [];
  for (let i = 0; i < size; i++) out.push({ index: heapIdx[i], score: heapScore[i] });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
