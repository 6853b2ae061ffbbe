import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyVotes,
  DEFAULT_NAMESPACE,
  type FeedbackCounts,
  isMotifError,
  type InstancePattern,
  type PatternStore,
  type SearchQuery,
  type StoreSearchHit,
  type StoreSearchRequest,
  type Structure,
} from '@motif/core-types';
import { CORPUS, corpus, testPattern } from '../contract/test-patterns';
import { EmbeddedPatternStore } from '../embedded/embedded-pattern-store';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { feedbackPrior, NEUTRAL_PRIOR } from '../feedback/feedback-prior';
import { HybridSearcher } from './hybrid-searcher';

const grid: Structure = [{ component: 'Section', children: [{ component: 'Grid', children: [{ component: 'GridItem', count: 4 }] }] }];

describe('HybridSearcher', () => {
  const embedder = new HashingEmbedder({ dimension: 128 });
  const indexer = new PatternIndexer(embedder);
  let dir: string;
  let store: EmbeddedPatternStore;
  let searcher: HybridSearcher;
  const q = (overrides: Partial<SearchQuery & { structure: Structure }>): SearchQuery & { structure?: Structure } => ({
    query: '',
    namespace: DEFAULT_NAMESPACE,
    limit: 5,
    filter: {},
    mode: 'hybrid',
    explain: true,
    ...overrides,
  });
  const ids = (r: { results: Array<{ pattern: { patternId: string } }> }): string[] => r.results.map((h) => h.pattern.patternId);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-searcher-'));
    store = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await store.init();
    await store.putMany(await indexer.toRecords(corpus()));
    searcher = new HybridSearcher(store, embedder, { rrfK: 60 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hybrid: fuses description, params and lexical; score = relevance × prior, explained', async () => {
    const res = await searcher.search(q({ query: 'expense approval form with a category dropdown' }));
    expect(res.mode).toBe('hybrid');
    expect(ids(res)[0]).toBe('expense');
    const top = res.results[0];
    const ex = top.explanation;
    expect(Object.keys(ex?.signals ?? {}).sort()).toEqual(['description', 'lexical', 'params']);
    expect(ex?.feedbackPrior).toBeCloseTo(NEUTRAL_PRIOR, 10);
    expect(top.score).toBeCloseTo((ex?.relevance ?? 0) * (ex?.feedbackPrior ?? 0), 10);
    expect(top.score).toBeGreaterThan(0);
    expect(top.score).toBeLessThanOrEqual(1);
    expect(ex?.rrfK).toBe(60);
    expect(res.results.every((h, i) => i === 0 || h.score <= res.results[i - 1].score)).toBe(true);
  });

  it('returns only candidates some signal supports: no result with a score of 0', async () => {
    const res = await searcher.search(q({ query: 'expense approval form with a category dropdown', limit: 50 }));
    expect(res.results.length).toBeGreaterThan(0);
    expect(res.results.length).toBeLessThan(corpus().length);
    expect(res.results.every((h) => h.score > 0 && (h.explanation?.relevance ?? 0) > 0)).toBe(true);
  });

  it('picks signals per mode and omits explanations unless asked', async () => {
    const lexical = await searcher.search(q({ query: 'incident severity', mode: 'lexical', explain: false }));
    expect(ids(lexical)[0]).toBe('incident');
    expect(lexical.results[0].explanation).toBeUndefined();
    const lexEx = await searcher.search(q({ query: 'incident severity', mode: 'lexical' }));
    expect(Object.keys(lexEx.results[0].explanation?.signals ?? {})).toEqual(['lexical']);
    const semantic = await searcher.search(q({ query: 'gallery of product photos', mode: 'semantic' }));
    expect(ids(semantic)[0]).toBe('gallery');
    expect(Object.keys(semantic.results[0].explanation?.signals ?? {}).sort()).toEqual(['description', 'params']);
  });

  it('structure mode fuses the structure vector with structural similarity (and has no signal without a shape)', async () => {
    // Refusing a shapeless structure search is SearchRequestSchema's rule, at the edge; here it finds nothing.
    expect((await searcher.search(q({ mode: 'structure' }))).results).toEqual([]);
    const res = await searcher.search(q({ mode: 'structure', structure: grid }));
    expect(ids(res)[0]).toBe('gallery');
    expect(res.results[0].explanation?.structural?.rank).toBe(1);
    expect(res.results[0].explanation?.signals.structure?.rank).toBe(1);
  });

  it('parses a DSL with the injected parser and adds structure signals to hybrid', async () => {
    const parsed: string[] = [];
    const withParser = new HybridSearcher(store, embedder, { parseDsl: (dsl) => (parsed.push(dsl), grid) });
    const res = await withParser.search(q({ query: 'product photos', dsl: '§[ℊ[ǵ×4]]' }));
    expect(parsed).toEqual(['§[ℊ[ǵ×4]]']);
    expect(ids(res)[0]).toBe('gallery');
    expect(Object.keys(res.results[0].explanation?.signals ?? {}).sort()).toEqual(['description', 'lexical', 'params', 'structure']);
    expect(res.results[0].explanation?.structural?.score).toBeGreaterThan(0.5);
  });

  it('feedback changes the ranking of equally relevant patterns, and negatives can be excluded', async () => {
    const twin = (id: string) => testPattern({ patternId: id, description: 'Weekly newsletter digest card' });
    await store.putMany(await indexer.toRecords([twin('twin-a'), twin('twin-b')]));
    const before = ids(await searcher.search(q({ query: 'weekly newsletter digest' }))).slice(0, 2);
    expect(before.sort()).toEqual(['twin-a', 'twin-b']);
    await store.addFeedback(DEFAULT_NAMESPACE, 'twin-a', [{ dimension: 'content', polarity: 'negative' }], new Date(), applyVotes);
    await store.addFeedback(DEFAULT_NAMESPACE, 'twin-b', [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
    const after = await searcher.search(q({ query: 'weekly newsletter digest' }));
    expect(ids(after).slice(0, 2)).toEqual(['twin-b', 'twin-a']);
    expect(after.results[0].explanation?.feedbackPrior).toBeGreaterThan(NEUTRAL_PRIOR);
    const noNegatives = await searcher.search(q({ query: 'weekly newsletter digest', filter: { feedback: ['positive', 'unrated'] } }));
    expect(ids(noNegatives)).not.toContain('twin-a');
  });

  it('diversity (MMR) lifts a different pattern above a near-duplicate', async () => {
    await store.putMany(
      await indexer.toRecords([
        testPattern({ namespace: 'mmr', patternId: 'dup-1', description: 'Team lunch poll card with lunch options' }),
        testPattern({ namespace: 'mmr', patternId: 'dup-2', description: 'Team lunch poll card with lunch options!' }),
        testPattern({ namespace: 'mmr', patternId: 'other', description: 'Team offsite agenda card' }),
      ]),
    );
    const plain = ids(await searcher.search(q({ namespace: 'mmr', query: 'team lunch poll card', limit: 3 })));
    expect(plain.slice(0, 2).sort()).toEqual(['dup-1', 'dup-2']);
    const diverse = ids(await searcher.search(q({ namespace: 'mmr', query: 'team lunch poll card', limit: 3, diversity: 0.3 })));
    expect(diverse[1]).not.toMatch(/^dup-/);
  });

  it('recommends from positive and negative examples, excluding the examples', async () => {
    const res = await searcher.recommend({ positive: ['status'], negative: [], namespace: DEFAULT_NAMESPACE, limit: 5, filter: {}, explain: true });
    expect(ids(res)).not.toContain('status');
    expect(ids(res)[0]).toBe('incident');
    const withNegative = await searcher.recommend({ positive: ['status'], negative: ['incident'], namespace: DEFAULT_NAMESPACE, limit: 5, filter: {}, explain: false });
    expect(ids(withNegative)).not.toContain('incident');
    const missing = await searcher.recommend({ positive: ['nope'], negative: [], namespace: DEFAULT_NAMESPACE, limit: 5, filter: {}, explain: false }).catch((e: unknown) => e);
    expect(isMotifError(missing) && missing.code).toBe('NOT_FOUND');
    expect(CORPUS.status().patternId).toBe('status');
  });

  /** D<r>: description rank r only; L<r>: lexical rank r only; "weak": a description match under the score floor. */
  const rankedHits = (): StoreSearchHit[] => {
    const hits: StoreSearchHit[] = [];
    for (let r = 1; r <= 60; r++) {
      hits.push({ patternId: `D${r}`, signals: { description: { rank: r, score: 0.9 - r / 100 } } });
      hits.push({ patternId: `L${r}`, signals: { lexical: { rank: r, score: 20 - r / 10 } } });
    }
    hits.push({ patternId: 'weak', signals: { description: { rank: 61, score: 0.01 } } });
    return hits.reverse(); // the store promises no order
  };
  /** A store answering `hits` to every search; its loads are recorded, reversed, and without L2 (deleted meanwhile). */
  const stubStore = (hits: StoreSearchHit[], pattern: (id: string) => InstancePattern = (patternId) => testPattern({ patternId })) => {
    const requests: StoreSearchRequest[] = [];
    const loads: string[][] = [];
    const store = {
      search: async (request: StoreSearchRequest) => (requests.push(request), hits),
      getMany: async (_ns: string, ids: readonly string[]): Promise<InstancePattern[]> => (loads.push([...ids]), ids.filter((id) => id !== 'L2').map(pattern).reverse()),
    } as unknown as PatternStore;
    return { store, requests, loads };
  };
  const fusion = { rrfK: 10, weights: { description: 1, params: 0, lexical: 3 }, relativeDenseFloor: 0, minDenseScore: 0.05 };

  it('fuses the store\'s per-signal candidates itself: weighted, gated RRF picks the pool, loaded by id whatever getMany\'s order', async () => {
    const { store: stub, requests, loads } = stubStore(rankedHits());
    const res = await new HybridSearcher(stub, embedder, fusion).search(q({ query: 'anything', limit: 5, structure: grid }));
    expect(Object.keys(requests[0]).sort()).toEqual(['dense', 'excludeIds', 'filter', 'lexical', 'namespace', 'prefetchLimit']);
    // With a structure, one load of the whole pool: max(4 × 5, 50) ids, the best by weighted RRF (lexical × 3), never a gated one.
    expect(loads).toHaveLength(1);
    expect(loads[0]).toHaveLength(50);
    expect(loads[0]).toContain('L40'); // 3/(10+40) beats D30's 1/(10+30), which unweighted RRF would rank higher
    expect(loads[0]).not.toContain('D30');
    expect(loads[0]).not.toContain('weak');
    expect(res.results[0].pattern.patternId).toBe('L1');
  });

  it('without a structure, loads the pool in order only until no later candidate can make the results', async () => {
    const { store: stub, loads } = stubStore(rankedHits());
    const res = await new HybridSearcher(stub, embedder, fusion).search(q({ query: 'anything', limit: 5 }));
    // 5 + 5 first, then 5 more (L2 was deleted, so one short): L16 could score 3/26 at most, under L6's 3/16 × 0.75.
    expect(loads).toEqual([
      ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10'],
      ['L11', 'L12', 'L13', 'L14', 'L15'],
    ]);
    expect(ids(res)).toEqual(['L1', 'L3', 'L4', 'L5', 'L6']);
    expect(res.results[0].explanation?.signals).toEqual({ lexical: { rank: 1, score: 19.9 } });
  });

  it('loading the pool in order gives the results of scoring it all, feedback lifting a low candidate included', async () => {
    // L1–L12 voted down, L25 voted up: the results reach far down the pool, and the bound must not cut L25 off.
    const votes = (id: string): FeedbackCounts => {
      const r = Number(id.slice(1));
      if (id.startsWith('L') && r <= 12) return { content: { positive: 0, negative: 12 }, form: { positive: 0, negative: 12 }, lastVoteAt: null };
      if (id === 'L25') return { content: { positive: 200, negative: 0 }, form: { positive: 200, negative: 0 }, lastVoteAt: null };
      return { content: { positive: 0, negative: 0 }, form: { positive: 0, negative: 0 }, lastVoteAt: null };
    };
    const { store: stub, loads } = stubStore(rankedHits(), (patternId) => testPattern({ patternId, feedbackCounts: votes(patternId) }));
    const res = await new HybridSearcher(stub, embedder, fusion).search(q({ query: 'anything', limit: 5 }));
    // Every candidate of the pool scored: the weighted RRF of its one signal, normalised, times its prior.
    const best = (1 + 3) / 11;
    const pool = rankedHits()
      .map((h) => ({ id: h.patternId, rrf: h.signals.lexical ? 3 / (10 + h.signals.lexical.rank) : h.signals.description!.score >= 0.05 ? 1 / (10 + h.signals.description!.rank) : 0 }))
      .filter((c) => c.rrf > 0 && c.id !== 'L2')
      .sort((a, b) => b.rrf - a.rrf || (a.id < b.id ? -1 : 1))
      .slice(0, 50);
    const expected = pool
      .map((c) => ({ id: c.id, score: Math.min(1, c.rrf / best) * feedbackPrior(votes(c.id)) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, 5);
    expect(res.results.map((r) => [r.pattern.patternId, r.score])).toEqual(expected.map((e) => [e.id, e.score]));
    expect(ids(res)).toContain('L25');
    expect(loads.flat().length).toBeLessThan(50);
  });

  it('neither embeds nor searches a signal whose weight is 0 (use-lite\'s params), and the results do not change', async () => {
    const requests: StoreSearchRequest[] = [];
    const recording = { ...store, search: (r: StoreSearchRequest) => (requests.push(r), store.search(r)), getMany: store.getMany.bind(store) } as unknown as PatternStore;
    const embedded: string[] = [];
    const params = { id: embedder.id, dimension: embedder.dimension, sparse: true, embed: async (t: string) => (embedded.push(t), embedder.embed(t)), embedBatch: (t: readonly string[]) => embedder.embedBatch(t) };
    const set = { id: embedder.id, dimension: embedder.dimension, description: embedder, structure: embedder, params };
    const zero = new HybridSearcher(recording, set, { weights: { params: 0 } });
    const tiny = new HybridSearcher(store, set, { weights: { params: 1e-9 } });
    const query = q({ query: 'server status', limit: 5, explain: false });
    const got = await zero.search(query);
    expect(requests.map((r) => Object.keys(r.dense).sort())).toEqual([[], ['description']]); // lexical, then dense
    expect(embedded).toEqual([]);
    expect(ids(got)).toEqual(ids(await tiny.search(query)));
    expect(embedded).toEqual(['server status']);
  });

  it('asks the store for the lexical half before the query embedding is ready, and fuses both halves as one search', async () => {
    const requests: Array<{ dense: string[]; lexical: boolean; embedded: boolean }> = [];
    const asked: StoreSearchRequest[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let embeddedYet = false;
    const slow = { id: embedder.id, dimension: embedder.dimension, embed: async (t: string) => (await gate, (embeddedYet = true), embedder.embed(t)), embedBatch: (t: readonly string[]) => embedder.embedBatch(t) };
    const recording = {
      ...store,
      search: (r: StoreSearchRequest) => (asked.push(r), requests.push({ dense: Object.keys(r.dense), lexical: r.lexical !== undefined, embedded: embeddedYet }), store.search(r)),
      getMany: store.getMany.bind(store),
    } as unknown as PatternStore;
    const set = { id: embedder.id, dimension: embedder.dimension, description: slow, structure: embedder, params: embedder };
    const query = q({ query: 'expense approval form with a category dropdown' });
    const pending = new HybridSearcher(recording, set, { rrfK: 60 }).search(query);
    await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toEqual([{ dense: [], lexical: true, embedded: false }]); // BM25 asked while the model works
    release();
    const res = await pending;
    expect(requests[1]).toEqual({ dense: ['description', 'params'], lexical: false, embedded: true });
    // The two halves hold what one request for every signal returns, per pattern.
    const [lexicalPart, densePart] = await Promise.all(asked.map((r) => store.search(r)));
    const one = await store.search({ ...asked[1], lexical: asked[0].lexical });
    const bySignals = (hits: StoreSearchHit[]) => Object.fromEntries(hits.map((h) => [h.patternId, h.signals]));
    const merged = bySignals(densePart);
    for (const h of lexicalPart) merged[h.patternId] = { ...merged[h.patternId], ...h.signals };
    expect(merged).toEqual(bySignals(one));
    // …and the same results as when the embedding is ready at once.
    const whole = await searcher.search(query);
    expect(res.results.map((r) => [r.pattern.patternId, r.score, r.explanation])).toEqual(whole.results.map((r) => [r.pattern.patternId, r.score, r.explanation]));
    expect(Object.keys(res.results[0].explanation?.signals ?? {}).sort()).toEqual(['description', 'lexical', 'params']);
  });
});
