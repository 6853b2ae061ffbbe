import { BM25_B, BM25_K1, Bm25Index } from './bm25-index';

let seed = 5;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** BM25 by the formula, every term over every row: the reference the pruned search must equal. */
function naive(docs: Array<Map<number, number>>, terms: number[], k: number, mask: Uint8Array, corpus = docs): Array<{ slot: number; score: number }> {
  const n = corpus.length;
  const avgdl = corpus.reduce((s, d) => s + [...d.values()].reduce((a, b) => a + b, 0), 0) / n;
  const scored: Array<{ slot: number; score: number }> = [];
  docs.forEach((d, slot) => {
    if (!mask[slot]) return;
    const len = [...d.values()].reduce((a, b) => a + b, 0);
    let score = 0;
    let matched = false;
    for (const t of new Set(terms)) {
      const tf = d.get(t);
      if (!tf) continue;
      matched = true;
      const df = corpus.filter((x) => x.has(t)).length;
      const idf = Math.max(1e-6, Math.log((n - df + 0.5) / (df + 0.5)));
      score += (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * len) / avgdl));
    }
    if (matched) scored.push({ slot, score: Math.fround(score) });
  });
  return scored.sort((a, b) => b.score - a.score || a.slot - b.slot).slice(0, k);
}

describe('Bm25Index', () => {
  it('skipping floored (very common) terms until the end returns the full evaluation', () => {
    // Term 0 is in ~90 % of rows and term 1 in ~60 % (IDF floored), terms 2–9 are rarer.
    const docs: Array<Map<number, number>> = Array.from({ length: 600 }, () => {
      const d = new Map<number, number>();
      if (rnd() < 0.9) d.set(0, 1 + Math.floor(rnd() * 3));
      if (rnd() < 0.6) d.set(1, 1);
      for (let t = 2; t < 10; t++) if (rnd() < 0.05 * (t - 1)) d.set(t, 1 + Math.floor(rnd() * 2));
      return d;
    });
    const index = new Bm25Index();
    docs.forEach((d, slot) => index.add(slot, { indices: [...d.keys()], values: [...d.values()] }));
    const all = new Uint8Array(docs.length).fill(1);
    const some = Uint8Array.from(docs, () => (rnd() < 0.3 ? 1 : 0));
    const queries = [[0, 2], [1, 3, 0], [0, 1, 9], [0, 1], [2], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [9, 0]];
    for (const mask of [all, some]) {
      for (const terms of queries) {
        for (const k of [1, 10, 50, 400]) {
          const got = index.search(terms, k, mask);
          const want = naive(docs, terms, k, mask);
          expect(got.map((h) => h.score)).toEqual(want.map((h) => expect.closeTo(h.score, 5)));
          // Rows per distinct score agree (equal scores may come in another order).
          const bucket = (hits: Array<{ slot: number; score: number }>): string[] => hits.map((h) => `${h.score.toFixed(5)}:${h.slot}`).sort();
          const lastScore = want[want.length - 1]?.score;
          expect(bucket(got.filter((h) => h.score !== lastScore))).toEqual(bucket(want.filter((h) => h.score !== lastScore)));
        }
      }
    }
  });

  it('sums dense and touched-row postings alike, and leaves nothing behind for the next query', () => {
    // Terms 0–2 match 30–60 % of the rows (dense sums); 3–5 a handful each (touched rows); 3 also a row past the mask.
    const docs: Array<Map<number, number>> = Array.from({ length: 400 }, (_, slot) => {
      const d = new Map<number, number>();
      for (let t = 0; t < 3; t++) if (rnd() < 0.3 + 0.15 * t) d.set(t, 1 + Math.floor(rnd() * 4));
      for (let t = 3; t < 6; t++) if (rnd() < 0.02 || (t === 3 && slot === 399)) d.set(t, 1 + Math.floor(rnd() * 2));
      if (d.size === 0) d.set(7, 1);
      return d;
    });
    const index = new Bm25Index();
    docs.forEach((d, slot) => index.add(slot, { indices: [...d.keys()], values: [...d.values()] }));
    const masks = [new Uint8Array(docs.length).fill(1), Uint8Array.from(docs.slice(0, 399), () => (rnd() < 0.5 ? 1 : 0))];
    const queries = [[0, 1], [3], [0, 3, 4], [4, 5], [2], [3, 5], [0, 1, 2, 3, 4, 5], [8]];
    for (let round = 0; round < 2; round++) {
      for (const mask of masks) {
        for (const terms of queries) {
          const got = index.search(terms, 20, mask);
          const want = naive(docs.slice(0, mask.length), terms, 20, mask, docs);
          expect(got.map((h) => h.score)).toEqual(want.map((h) => expect.closeTo(h.score, 5)));
          const lastScore = want[want.length - 1]?.score;
          const bucket = (hits: Array<{ slot: number; score: number }>): string[] => hits.filter((h) => h.score !== lastScore).map((h) => `${h.score.toFixed(5)}:${h.slot}`).sort();
          expect(bucket(got)).toEqual(bucket(want));
        }
      }
    }
  });
});
