import type { DenseVectorName, FeedbackLabel, SparseVector } from '@motif/core-types';
import type { DenseScanEngine } from './column-index';
import { MemoryIndex, type IndexedRow } from './memory-index';

let seed = 11;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
const unit = (dim: number, density: number): Float32Array => {
  const v = Float32Array.from({ length: dim }, () => (Math.abs(rnd()) < density ? rnd() : 0));
  let sq = 0;
  for (const x of v) sq += x * x;
  const inv = 1 / (Math.sqrt(sq) || 1);
  return v.map((x) => x * inv);
};
const LABELS: FeedbackLabel[] = [null, 'positive', 'negative'];

function rows(count: number, dim: number, density: number): IndexedRow[] {
  return Array.from({ length: count }, (_, i) => {
    const v = unit(dim, density);
    const lexical: SparseVector = { indices: [i % 7, 100 + (i % 13)], values: [1, 1 + (i % 3)] };
    return {
      rowid: i + 1,
      namespace: i % 4 === 0 ? 'other' : 'main',
      labels: { feedback: LABELS[i % 3], contentFeedback: null, formFeedback: null },
      components: i % 2 ? ['Button'] : ['Image'],
      vectors: { description: v, structure: unit(dim, density), params: v } as Record<DenseVectorName, Float32Array>,
      lexical,
    };
  });
}

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
};

/** Top-k rowids by the float32 inner product over the allowed rows (the exact scan recall is measured against). */
function exactTop(data: IndexedRow[], q: Float32Array, k: number, allow: (r: IndexedRow) => boolean): Array<{ rowid: number; score: number }> {
  return data
    .filter(allow)
    .map((r) => ({ rowid: r.rowid, score: dot(r.vectors.description, q) }))
    .sort((a, b) => b.score - a.score || a.rowid - b.rowid)
    .slice(0, k);
}

describe('MemoryIndex dense search', () => {
  // Recall@10 against the float32 exact scan, ties counted as hits (a returned row scoring at least the 10th exact score).
  for (const [dim, density] of [[384, 0.1], [512, 1]] as const) {
    it(`Int8 SIMD scan keeps recall@10 ≥ 0.98 of the float32 exact scan (${dim}-d, density ${density})`, () => {
      const data = rows(1000, dim, density);
      const index = new MemoryIndex(dim, 1024, { engine: 'wasm' });
      data.forEach((r) => index.add(r));
      const mask = index.mask('main', {});
      if (!mask) throw new Error('no mask');
      let hits = 0;
      const queries = 20;
      for (let i = 0; i < queries; i++) {
        const q = unit(dim, density);
        const exact = exactTop(data, q, 10, (r) => r.namespace === 'main');
        const got = index.search('description', q, 10, mask);
        const tenth = exact[exact.length - 1].score;
        hits += got.filter((g) => dot(data[g.rowid - 1].vectors.description, q) >= tenth - 1e-6).length;
      }
      expect(hits / (queries * 10)).toBeGreaterThanOrEqual(0.98);
    });
  }

  it('filters stay exact: every hit is in the namespace and feedback filter, and both engines agree', () => {
    const data = rows(700, 64, 0.3);
    const indexes = (['wasm', 'js'] as DenseScanEngine[]).map((engine) => {
      const index = new MemoryIndex(64, 16, { engine });
      data.forEach((r) => index.add(r));
      return index;
    });
    const q = unit(64, 0.3);
    const filter = { feedback: ['positive' as const] };
    const [wasm, js] = indexes.map((index) => {
      const mask = index.mask('main', filter);
      if (!mask) throw new Error('no mask');
      return index.search('description', q, 20, mask);
    });
    const allowed = new Set(data.filter((r) => r.namespace === 'main' && r.labels.feedback === 'positive').map((r) => r.rowid));
    expect(wasm).toHaveLength(20);
    for (const h of wasm) expect(allowed.has(h.rowid)).toBe(true);
    expect(wasm.map((h) => h.rowid)).toEqual(js.map((h) => h.rowid));
    // Against the float32 scan over the same filter, only Int8 rounding may swap neighbours.
    const exact = new Set(exactTop(data, q, 20, (r) => allowed.has(r.rowid)).map((h) => h.rowid));
    expect(wasm.filter((h) => exact.has(h.rowid)).length).toBeGreaterThanOrEqual(19);
  });

  it('dense vectors in rows: the sign-bit pre-selection keeps filters exact and survives deletes and a state round trip', () => {
    const dim = 128;
    // Rows around 29 topics, as sentence vectors cluster (29: every topic holds every namespace and label); queries
    // near a stored row.
    const topics = Array.from({ length: 29 }, () => unit(dim, 1));
    const data = rows(3000, dim, 1).map((r, i) => {
      const v = topics[i % 29].map((x) => x + 0.03 * rnd());
      return { ...r, vectors: { description: v, structure: v, params: v } };
    });
    const layouts = { description: 'rows', structure: 'columns', params: 'columns' } as const;
    const prefilter = { minRows: 1000, minCandidates: 100, perK: 10, fraction: 0.05, marginSd: 0 };
    const index = new MemoryIndex(dim, 16, { layouts, prefilter });
    data.forEach((r) => index.add(r));
    for (let rowid = 2; rowid <= 3000; rowid += 50) index.remove(rowid);
    const allowed = (r: IndexedRow): boolean => r.namespace === 'main' && r.labels.feedback !== 'negative' && (r.rowid - 2) % 50 !== 0;
    const filter = { feedback: ['unrated' as const, 'positive' as const] };
    const restored = MemoryIndex.fromState(index.exportState(), { prefilter });
    const exactIndex = MemoryIndex.fromState(index.exportState(), { prefilter: { ...prefilter, minRows: Infinity } });
    let kept = 0;
    for (let t = 0; t < 10; t++) {
      const q = data[t * 37].vectors.description.map((x) => x + 0.02 * rnd());
      const mask = index.mask('main', filter);
      if (!mask) throw new Error('no mask');
      const got = index.search('description', q, 10, mask);
      for (const h of got) expect(allowed(data[h.rowid - 1])).toBe(true);
      // The same Int8 scores over every allowed row: what the pre-selection must not lose.
      const exactMask = exactIndex.mask('main', filter);
      if (!exactMask) throw new Error('no mask');
      const want = new Set(exactIndex.search('description', q, 10, exactMask).map((h) => h.rowid));
      kept += got.filter((h) => want.has(h.rowid)).length;
      const restoredMask = restored.mask('main', filter);
      if (!restoredMask) throw new Error('no mask');
      expect(restored.search('description', q, 10, restoredMask)).toEqual(got);
    }
    expect(index.denseRoutes.prefilter).toBe(10);
    expect(restored.layouts).toEqual(layouts);
    expect(kept / 100).toBeGreaterThanOrEqual(0.95);
  });

  it('a cached filter mask follows label changes, removals and additions', () => {
    const data = rows(40, 16, 1);
    const index = new MemoryIndex(16, 16);
    data.slice(0, 30).forEach((r) => index.add(r));
    const count = (): number => (index.mask('main', { feedback: ['positive'] }) ?? new Uint8Array()).reduce((s, x) => s + x, 0);
    const positives = (upTo: number): number => data.slice(0, upTo).filter((r) => r.namespace === 'main' && r.labels.feedback === 'positive').length;
    expect(count()).toBe(positives(30));
    const target = data.find((r) => r.namespace === 'main' && r.labels.feedback === null);
    if (!target) throw new Error('fixture');
    index.setLabels(target.rowid, { feedback: 'positive', contentFeedback: null, formFeedback: null });
    expect(count()).toBe(positives(30) + 1);
    index.remove(target.rowid);
    expect(count()).toBe(positives(30));
    data.slice(30).forEach((r) => index.add(r));
    expect(count()).toBe(positives(40));
  });

  it('BM25 after more rows are added scores as an index built with all of them at once', () => {
    const data = rows(200, 8, 1);
    const grown = new MemoryIndex(8, 16);
    data.slice(0, 100).forEach((r) => grown.add(r));
    const all = new MemoryIndex(8, 16);
    data.forEach((r) => all.add(r));
    const terms = [3, 105];
    const maskOf = (i: MemoryIndex): Uint8Array => i.mask('main', {}) ?? new Uint8Array();
    grown.searchLexical(terms, 10, maskOf(grown)); // computes length norms for 100 rows
    data.slice(100).forEach((r) => grown.add(r));
    grown.remove(5);
    all.remove(5);
    expect(grown.searchLexical(terms, 10, maskOf(grown))).toEqual(all.searchLexical(terms, 10, maskOf(all)));
  });
});

describe('MemoryIndex from a snapshot state', () => {
  it('answers BM25 from loaded postings (binary search), from unsorted older ones (map), and after adding to them', () => {
    const data = rows(120, 8, 1);
    const built = new MemoryIndex(8, 16);
    data.slice(0, 100).forEach((r) => built.add(r));
    const state = built.exportState();
    for (let t = 1; t < state.bm25.terms.length; t++) expect(state.bm25.terms[t]).toBeGreaterThan(state.bm25.terms[t - 1]);
    // Reverse the term order, as snapshots written before terms were sorted may have it.
    const order = Array.from(state.bm25.terms.keys()).reverse();
    const { terms, offsets, slots, tfs } = state.bm25;
    const unsorted = { ...state.bm25, terms: Uint32Array.from(order.map((t) => terms[t])), offsets: new Uint32Array(offsets.length), slots: new Int32Array(slots.length), tfs: new Uint16Array(tfs.length) };
    let at = 0;
    order.forEach((t, i) => {
      unsorted.slots.set(slots.subarray(offsets[t], offsets[t + 1]), at);
      unsorted.tfs.set(tfs.subarray(offsets[t], offsets[t + 1]), at);
      at += offsets[t + 1] - offsets[t];
      unsorted.offsets[i + 1] = at;
    });
    const loaded = [MemoryIndex.fromState(state), MemoryIndex.fromState({ ...state, bm25: unsorted })];
    const terms2 = [2, 104, 110];
    const search = (i: MemoryIndex) => i.searchLexical(terms2, 15, i.mask('main', {}) ?? new Uint8Array());
    for (const l of loaded) expect(search(l)).toEqual(search(built));
    data.slice(100).forEach((r) => [built, ...loaded].forEach((i) => i.add(r)));
    for (const l of loaded) expect(search(l)).toEqual(search(built));
  });
});
