import type { SparseVector } from '@motif/core-types';
import { topK } from '../search/top-k';

/** BM25 parameters, the same as SQLite FTS5's `bm25()` defaults. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

interface Postings {
  slots: Int32Array;
  tfs: Uint16Array;
  n: number;
}

/**
 * In-memory BM25 over the stored sparse term-frequency vectors (hashed terms of the shared tokenizer — the same
 * terms FTS5 indexes). Cost per query = total postings of the query's terms, instead of FTS5's per-match
 * bm25() evaluation and sort, which grows past the latency budget when common words match most rows.
 * IDF is FTS5's: ln((N − df + 0.5) / (df + 0.5)), floored at 1e-6. Deleted rows keep counting in N and df until
 * the next open (ranking effect only; they are never returned).
 */
export class Bm25Index {
  private readonly postings = new Map<number, Postings>();
  private docLen = new Float32Array(1024);
  private docs = 0;
  private totalLen = 0;
  private scratch = new Float64Array(1024);
  private touched = new Int32Array(1024);

  add(slot: number, vector: SparseVector): void {
    if (slot >= this.docLen.length) {
      let next = this.docLen.length;
      while (next <= slot) next *= 2;
      const grown = new Float32Array(next);
      grown.set(this.docLen);
      this.docLen = grown;
      this.scratch = new Float64Array(next);
      this.touched = new Int32Array(next);
    }
    let len = 0;
    for (let i = 0; i < vector.indices.length; i++) {
      const tf = vector.values[i];
      len += tf;
      let p = this.postings.get(vector.indices[i]);
      if (!p) {
        p = { slots: new Int32Array(4), tfs: new Uint16Array(4), n: 0 };
        this.postings.set(vector.indices[i], p);
      }
      if (p.n === p.slots.length) {
        const slots = new Int32Array(p.n * 2);
        slots.set(p.slots);
        const tfs = new Uint16Array(p.n * 2);
        tfs.set(p.tfs);
        p.slots = slots;
        p.tfs = tfs;
      }
      p.slots[p.n] = slot;
      p.tfs[p.n] = Math.min(65535, tf);
      p.n++;
    }
    this.docLen[slot] = len;
    this.docs++;
    this.totalLen += len;
  }

  get bytes(): number {
    let b = this.docLen.byteLength + this.scratch.byteLength;
    for (const p of this.postings.values()) b += p.slots.byteLength + p.tfs.byteLength + 48;
    return b;
  }

  /** Top `k` allowed slots by BM25 over the distinct query terms, best first; slots without a match are absent. */
  search(terms: readonly number[], k: number, mask: Uint8Array): Array<{ slot: number; score: number }> {
    if (this.docs === 0) return [];
    const scores = this.scratch;
    const touched = this.touched;
    let count = 0;
    const avgdl = this.totalLen / this.docs || 1;
    for (const term of new Set(terms)) {
      const p = this.postings.get(term);
      if (!p) continue;
      const idf = Math.max(1e-6, Math.log((this.docs - p.n + 0.5) / (p.n + 0.5)));
      for (let i = 0; i < p.n; i++) {
        const slot = p.slots[i];
        if (slot >= mask.length || mask[slot] === 0) continue;
        const tf = p.tfs[i];
        if (scores[slot] === 0) touched[count++] = slot;
        scores[slot] += (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * this.docLen[slot]) / avgdl));
      }
    }
    // Heap selection over the matched slots only (sorting every match costs more than scoring at 100k rows).
    const compact = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      compact[i] = scores[touched[i]];
      scores[touched[i]] = 0;
    }
    return topK(compact, count, k).map(({ index, score }) => ({ slot: touched[index], score }));
  }
}
