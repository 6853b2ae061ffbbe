import type { DenseVectorName, FeedbackLabel } from '@motif/core-types';
import { MemoryIndex, type IndexedRow } from '../memory-index';
import { DEFAULT_ANN_ROUTING, denseRoute } from './ann-routing';
import { HnswSignalSet } from './hnsw-signal-set';

let seed = 5;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
const unit = (dim: number): Float32Array => {
  const v = Float32Array.from({ length: dim }, rnd);
  let sq = 0;
  for (const x of v) sq += x * x;
  return v.map((x) => x / Math.sqrt(sq));
};
const LABELS: FeedbackLabel[] = [null, 'positive', 'negative'];
const DIM = 48;

function row(rowid: number, vector = unit(DIM)): IndexedRow {
  return {
    rowid,
    namespace: rowid % 4 === 0 ? 'other' : 'main',
    labels: { feedback: LABELS[rowid % 3], contentFeedback: null, formFeedback: null },
    components: rowid % 50 === 0 ? ['Rare'] : ['Button'],
    vectors: { description: vector, structure: unit(DIM), params: unit(DIM) } as Record<DenseVectorName, Float32Array>,
    lexical: { indices: [rowid % 7], values: [1] },
  };
}

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, d) => s + x * b[d], 0);

/** Top-k by the float32 inner product over the rows `allow` admits: what the graph must return on a small corpus. */
const exactTop = (rows: readonly IndexedRow[], q: Float32Array, k: number, allow: (r: IndexedRow) => boolean = () => true) =>
  rows
    .filter(allow)
    .map((r) => ({ rowid: r.rowid, score: dot(r.vectors.description, q) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);

/** 600 rows over a threshold of 100, graphs attached before the rows so every add reaches them. */
function annIndex(count = 600): { index: MemoryIndex; rows: IndexedRow[] } {
  const index = new MemoryIndex(DIM, 64, { engine: 'js' });
  const set = HnswSignalSet.create(DIM, 64);
  index.attachAnn(set, { ...DEFAULT_ANN_ROUTING, minRows: 100 });
  const rows = Array.from({ length: count }, (_, i) => row(i + 1));
  for (const r of rows) index.add(r);
  set.ready = true;
  return { index, rows };
}

describe('HNSW dense search behind MemoryIndex', () => {
  it('returns the exact float32 top-k on a small corpus forced over the threshold (and really used the graph)', () => {
    const { index, rows } = annIndex();
    const mask = index.mask('main', {})!;
    for (let t = 0; t < 20; t++) {
      const q = unit(DIM);
      const got = index.search('description', q, 10, mask);
      const want = exactTop(rows, q, 10, (r) => r.namespace === 'main');
      expect(got.map((h) => h.rowid)).toEqual(want.map((h) => h.rowid));
      got.forEach((h, i) => expect(h.score).toBeCloseTo(want[i].score, 5));
    }
    expect(index.denseRoutes['ann-filtered']).toBe(20);
    expect(index.denseRoutes.exact).toBe(0);
  });

  it('searches the graph unfiltered when the mask admits every live row', () => {
    const index = new MemoryIndex(DIM, 64, { engine: 'js' });
    const set = HnswSignalSet.create(DIM, 64);
    index.attachAnn(set, { ...DEFAULT_ANN_ROUTING, minRows: 100 });
    const rows = Array.from({ length: 300 }, (_, i) => ({ ...row(i + 1), namespace: 'main' }));
    for (const r of rows) index.add(r);
    set.ready = true;
    const q = unit(DIM);
    expect(index.search('description', q, 10, index.mask('main', {})!).map((h) => h.rowid)).toEqual(exactTop(rows, q, 10).map((h) => h.rowid));
    expect(index.denseRoutes.ann).toBe(1);
  });

  it('never returns a row the namespace/feedback filter excludes, and matches the exact filtered top-k', () => {
    const { index, rows } = annIndex();
    const mask = index.mask('main', { feedback: ['positive'] })!;
    const admitted = (r: IndexedRow) => r.namespace === 'main' && r.labels.feedback === 'positive';
    for (let t = 0; t < 10; t++) {
      const q = unit(DIM);
      const got = index.search('description', q, 20, mask);
      for (const h of got) expect(admitted(rows[h.rowid - 1])).toBe(true);
      expect(got.map((h) => h.rowid)).toEqual(exactTop(rows, q, 20, admitted).map((h) => h.rowid));
    }
    expect(index.denseRoutes['ann-filtered']).toBe(10);
  });

  it('scans exactly when the filter admits few rows, returning every admitted row', () => {
    const { index, rows } = annIndex();
    // 'Rare' marks 12 of 600 rows (2 %, under the 10 % selectivity floor); 6 of them are in namespace 'main'.
    const mask = index.mask('main', { components: { all: ['Rare'] } })!;
    const admitted = rows.filter((r) => r.namespace === 'main' && r.components.includes('Rare'));
    const got = index.search('description', unit(DIM), 50, mask);
    expect(got.map((h) => h.rowid).sort((a, b) => a - b)).toEqual(admitted.map((r) => r.rowid));
    expect(index.denseRoutes.exact).toBe(1);
    expect(index.denseRoutes['ann-filtered']).toBe(0);
  });

  it('never returns a removed row; a re-added rowid is found with its new vector', () => {
    const { index, rows } = annIndex();
    const q = unit(DIM);
    const first = index.search('description', q, 5, index.mask('main', {})!);
    for (const h of first) index.remove(h.rowid);
    const after = index.search('description', q, 5, index.mask('main', {})!);
    for (const h of after) expect(first.map((f) => f.rowid)).not.toContain(h.rowid);
    expect(after.map((h) => h.rowid)).toEqual(exactTop(rows, q, 5, (r) => r.namespace === 'main' && !first.some((f) => f.rowid === r.rowid)).map((h) => h.rowid));
    // Back under the same rowid, now pointing exactly at the query: first place.
    index.add({ ...row(first[2].rowid, q), namespace: 'main' });
    const again = index.search('description', q, 5, index.mask('main', {})!);
    expect(again[0]).toEqual({ rowid: first[2].rowid, score: expect.closeTo(1, 5) });
    expect(index.denseRoutes.exact).toBe(0);
  });

  it('stays on the exact scan until the graphs are ready', () => {
    const { index } = annIndex();
    index.annIndex!.ready = false;
    index.search('description', unit(DIM), 10, index.mask('main', {})!);
    expect(index.denseRoutes).toEqual({ ann: 0, 'ann-filtered': 0, exact: 1, prefilter: 0 });
  });
});

describe('denseRoute', () => {
  const base = { live: 50_000, allowed: 50_000, k: 50, queryNnz: 512, dimension: 512 };
  const opted = { ...DEFAULT_ANN_ROUTING, minRows: 20_000 };
  it('is off unless a store opts in: the default scans exactly at any size', () => {
    expect(denseRoute(DEFAULT_ANN_ROUTING, base)).toBe('exact');
    expect(denseRoute(DEFAULT_ANN_ROUTING, { ...base, live: 10_000_000, allowed: 10_000_000 })).toBe('exact');
  });
  it('routes by size, query density and filter selectivity', () => {
    expect(denseRoute(opted, base)).toBe('ann');
    expect(denseRoute(opted, { ...base, live: 19_999, allowed: 19_999 })).toBe('exact');
    expect(denseRoute(opted, { ...base, queryNnz: 30 })).toBe('exact');
    expect(denseRoute(opted, { ...base, allowed: 10_000 })).toBe('ann-filtered');
    expect(denseRoute(opted, { ...base, allowed: 4_999 })).toBe('exact');
    expect(denseRoute({ ...opted, minSelectivity: 0 }, { ...base, allowed: 50 })).toBe('exact');
  });
});
