import {
  applyVotes,
  DEFAULT_NAMESPACE,
  isMotifError,
  type Embedder,
  type InstancePattern,
  type PatternRecord,
  type PatternStore,
  type SignalName,
  type StoreSearchHit,
  type StoreSearchRequest,
  type VariationFamily,
} from '@motif/core-types';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { structureText } from '../embedding/pattern-embedding-text';
import { CORPUS, corpus, testPattern } from './test-patterns';

export interface ContractStoreOptions {
  embedder: Embedder;
  /** Reopen the location of this (closed) store instead of creating a fresh, empty one. */
  reopen?: PatternStore;
}

/** Creates and `init()`s a store; the suite closes it. */
export type ContractStoreFactory = (options: ContractStoreOptions) => Promise<PatternStore>;

const family = (parent: InstancePattern): VariationFamily => ({
  parentId: parent.patternId,
  namespace: parent.namespace,
  sourcePattern: parent,
  variations: [],
  cacheKeys: ['k1'],
  seed: 'seed',
  options: { structure: 1, parameter: 1 },
  diversity: { distinctStructures: 1, edgeCoverage: 0.1, meanPairwiseDistance: 0 },
  engineVersion: 'test',
});

/** The one behavioural contract every PatternStore implementation passes. */
export function describePatternStoreContract(name: string, makeStore: ContractStoreFactory): void {
  describe(`PatternStore contract: ${name}`, () => {
    const embedder = new HashingEmbedder({ dimension: 64 });
    const indexer = new PatternIndexer(embedder);
    const lexical = new LexicalEncoder();
    let store: PatternStore;
    const open: PatternStore[] = [];
    const make = async (options: Partial<ContractStoreOptions> = {}): Promise<PatternStore> => {
      const s = await makeStore({ embedder, ...options });
      open.push(s);
      return s;
    };
    const rec = (p: InstancePattern): PatternRecord => indexer.toRecordSync(p);
    const request = (overrides: Partial<StoreSearchRequest>): StoreSearchRequest => ({
      namespace: DEFAULT_NAMESPACE,
      prefetchLimit: 50,
      dense: {},
      filter: {},
      ...overrides,
    });
    const lex = (text: string): StoreSearchRequest['lexical'] => ({ sparse: lexical.encode(text) });
    /** The candidates' ids, sorted (a store returns the union in no set order). */
    const ids = (hits: readonly StoreSearchHit[]): string[] => hits.map((h) => h.patternId).sort();
    /** One signal's list as the store ranked it: the candidates that signal returned, by rank. */
    const ranked = (hits: readonly StoreSearchHit[], signal: SignalName): StoreSearchHit[] =>
      hits.filter((h) => h.signals[signal] !== undefined).sort((a, b) => (a.signals[signal]?.rank ?? 0) - (b.signals[signal]?.rank ?? 0));

    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });

    it('puts and gets a pattern with its vectors', async () => {
      const p = CORPUS.status();
      const record = rec(p);
      const res = await store.put(record);
      expect(res).toEqual({ pattern: p, created: true });
      expect(await store.get(DEFAULT_NAMESPACE, 'status')).toEqual(p);
      expect(await store.get(DEFAULT_NAMESPACE, 'missing')).toBeNull();
      const v = await store.getVectors(DEFAULT_NAMESPACE, 'status');
      expect(v).not.toBeNull();
      expect(Array.from(v?.description ?? [])).toEqual(Array.from(record.vectors.description));
      expect(v?.lexical).toEqual(record.vectors.lexical);
    });

    it('put is idempotent: the same id returns the stored pattern with created=false and never duplicates', async () => {
      const first = CORPUS.status();
      await store.put(rec(first));
      const again = await store.put(rec({ ...first, description: 'changed' }));
      expect(again.created).toBe(false);
      expect(again.pattern.description).toBe(first.description);
      expect(await store.count(DEFAULT_NAMESPACE)).toBe(1);
    });

    it('putMany stores a batch, skipping ids already stored and duplicates inside the batch', async () => {
      await store.put(rec(CORPUS.status()));
      const batch = [CORPUS.status(), CORPUS.gallery(), CORPUS.expense(), CORPUS.expense()].map(rec);
      const results = await store.putMany(batch);
      expect(results.map((r) => [r.pattern.patternId, r.created])).toEqual([
        ['status', false],
        ['gallery', true],
        ['expense', true],
        ['expense', false],
      ]);
      expect(await store.count()).toBe(3);
      expect((await store.getMany(DEFAULT_NAMESPACE, ['expense', 'nope', 'gallery'])).map((p) => p.patternId).sort()).toEqual(['expense', 'gallery']);
    });

    it('lists in creation order with an opaque cursor', async () => {
      const all = corpus();
      await store.putMany(all.map(rec));
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await store.list({ namespace: DEFAULT_NAMESPACE, limit: 2, cursor, filter: {} });
        seen.push(...page.items.map((p) => p.patternId));
        if (!page.nextCursor) break;
        expect(page.items).toHaveLength(2);
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(all.map((p) => p.patternId));
    });

    it('lists with feedback, component, tag and metadata filters', async () => {
      await store.putMany(corpus().map(rec));
      await store.addFeedback(DEFAULT_NAMESPACE, 'gallery', [{ dimension: 'content', polarity: 'negative' }], new Date(), applyVotes);
      await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'form', polarity: 'positive' }], new Date(), applyVotes);
      const list = async (filter: Parameters<PatternStore['list']>[0]['filter']): Promise<string[]> =>
        (await store.list({ namespace: DEFAULT_NAMESPACE, limit: 50, filter })).items.map((p) => p.patternId).sort();
      expect(await list({ feedback: ['negative'] })).toEqual(['gallery']);
      expect(await list({ feedback: ['positive', 'unrated'] })).toEqual(['expense', 'incident', 'plans', 'status']);
      expect(await list({ formFeedback: ['positive'] })).toEqual(['status']);
      expect(await list({ contentFeedback: ['unrated'] })).toEqual(['expense', 'incident', 'plans', 'status']);
      expect(await list({ components: { all: ['ButtonList', 'DecoratedText'] } })).toEqual(['incident', 'status']);
      expect(await list({ components: { any: ['Grid', 'Columns'] } })).toEqual(['gallery', 'plans']);
      expect(await list({ components: { none: ['Button'] } })).toEqual(['gallery', 'plans']);
      expect(await list({ tags: ['ops'] })).toEqual(['incident', 'status']);
      expect(await list({ tags: ['finance', 'forms'] })).toEqual(['expense']);
      expect(await list({ metadata: { team: 'sre', priority: 1 } })).toEqual(['incident']);
      expect(await list({ metadata: { internal: false } })).toEqual(['gallery', 'plans']);
      expect(await list({ metadata: { priority: '2' } })).toEqual([]);
    });

    it('deletes a pattern with its family; deleting again returns false', async () => {
      const p = CORPUS.status();
      await store.putMany([rec(p), rec(CORPUS.incident())]);
      await store.saveFamily(family(p));
      expect(await store.delete(DEFAULT_NAMESPACE, 'status')).toBe(true);
      expect(await store.get(DEFAULT_NAMESPACE, 'status')).toBeNull();
      expect(await store.getVectors(DEFAULT_NAMESPACE, 'status')).toBeNull();
      expect(await store.getFamily(DEFAULT_NAMESPACE, 'status')).toBeNull();
      expect(await store.delete(DEFAULT_NAMESPACE, 'status')).toBe(false);
      const hits = await store.search(request({ lexical: lex('server status refresh online') }));
      expect(ids(hits)).not.toContain('status');
      // The pattern can be stored again after deletion.
      expect((await store.put(rec(p))).created).toBe(true);
    });

    it('records feedback as counts per dimension and polarity and derives the labels', async () => {
      await store.put(rec(CORPUS.status()));
      const t = (s: number): Date => new Date(Date.UTC(2026, 1, 1, 0, 0, s));
      let p = await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'content', polarity: 'positive' }, { dimension: 'form', polarity: 'negative' }], t(1), applyVotes);
      expect(p.feedbackCounts).toEqual({ content: { positive: 1, negative: 0 }, form: { positive: 0, negative: 1 }, lastVoteAt: t(1).toISOString() });
      expect([p.contentFeedback, p.formFeedback]).toEqual(['positive', 'negative']);
      // Overall tie (1 vs 1) in one request: the later vote of the request wins.
      expect(p.feedback).toBe('negative');
      p = await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'content', polarity: 'negative' }], t(2), applyVotes);
      // content 1:1 → the most recent content vote (negative); overall 1:2 → negative.
      expect([p.contentFeedback, p.feedback]).toEqual(['negative', 'negative']);
      p = await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'content', polarity: 'positive' }, { dimension: 'form', polarity: 'positive' }], t(3), applyVotes);
      expect(p.feedbackCounts.content).toEqual({ positive: 2, negative: 1 });
      expect([p.feedback, p.contentFeedback, p.formFeedback]).toEqual(['positive', 'positive', 'positive']);
      expect(await store.get(DEFAULT_NAMESPACE, 'status')).toEqual(p);
      const err = await store.addFeedback(DEFAULT_NAMESPACE, 'missing', [{ dimension: 'form', polarity: 'positive' }], t(4), applyVotes).catch((e: unknown) => e);
      expect(isMotifError(err) && err.code).toBe('NOT_FOUND');
    });

    it('persists what the feedback rule returns (row, label columns / payload), given the new and latest votes', async () => {
      await store.put(rec(CORPUS.status()));
      const t = (s: number): string => new Date(Date.UTC(2026, 1, 1, 0, 0, s)).toISOString();
      await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'form', polarity: 'positive' }], new Date(t(1)), applyVotes);
      const calls: Array<{ votes: unknown; latest: unknown; counts: unknown }> = [];
      // A rule no store could derive: it labels by fiat and leaves the counts alone.
      const byFiat = (current: InstancePattern, votes: readonly unknown[], latest: readonly unknown[]): InstancePattern => {
        calls.push({ votes, latest, counts: current.feedbackCounts });
        return { ...current, feedback: 'negative', contentFeedback: null, formFeedback: 'negative', tags: [...current.tags, 'ruled'] };
      };
      const p = await store.addFeedback(DEFAULT_NAMESPACE, 'status', [{ dimension: 'content', polarity: 'positive' }], new Date(t(2)), byFiat);
      expect(calls).toEqual([
        {
          votes: [{ dimension: 'content', polarity: 'positive', at: t(2) }],
          latest: [{ dimension: 'form', polarity: 'positive', at: t(1) }, { dimension: 'content', polarity: 'positive', at: t(2) }],
          counts: { content: { positive: 0, negative: 0 }, form: { positive: 1, negative: 0 }, lastVoteAt: t(1) },
        },
      ]);
      expect(p.feedbackCounts.content.positive).toBe(0);
      expect(await store.get(DEFAULT_NAMESPACE, 'status')).toEqual(p);
      // The label columns / payload follow the returned pattern: filters and search see the rule's labels.
      expect((await store.list({ namespace: DEFAULT_NAMESPACE, limit: 10, filter: { formFeedback: ['negative'] } })).items.map((x) => x.patternId)).toEqual(['status']);
      expect(await store.search(request({ lexical: lex('server status'), filter: { feedback: ['positive'] } }))).toEqual([]);
    });

    it('isolates namespaces in get, list, count, search and families', async () => {
      const a = CORPUS.status();
      const b = { ...CORPUS.status(), namespace: 'team-b', description: 'Team B copy of the status card' };
      await store.putMany([rec(a), rec(b), rec(CORPUS.gallery())]);
      expect((await store.get('team-b', 'status'))?.description).toBe(b.description);
      expect((await store.get(DEFAULT_NAMESPACE, 'status'))?.description).toBe(a.description);
      expect(await store.count('team-b')).toBe(1);
      expect(await store.count()).toBe(3);
      expect((await store.list({ namespace: 'team-b', limit: 10, filter: {} })).items.map((p) => p.namespace)).toEqual(['team-b']);
      const hits = await store.search(request({ namespace: 'team-b', dense: { description: embedder.embedSync('image gallery photos') }, lexical: lex('gallery') }));
      expect(ids(hits)).toEqual(['status']);
      expect((await store.getMany('team-b', ids(hits))).map((p) => p.description)).toEqual([b.description]);
      expect(await store.search(request({ namespace: 'nobody', lexical: lex('status') }))).toEqual([]);
      await store.saveFamily(family(b));
      expect(await store.getFamily(DEFAULT_NAMESPACE, 'status')).toBeNull();
      expect(await store.delete('team-b', 'status')).toBe(true);
      expect(await store.get(DEFAULT_NAMESPACE, 'status')).not.toBeNull();
    });

    describe('search', () => {
      beforeEach(async () => {
        await store.putMany(corpus().map(rec));
      });

      it('finds by the description vector and reports rank and score, as candidates only (id + signals)', async () => {
        const hits = await store.search(request({ dense: { description: embedder.embedSync('expense approval form with dropdown') } }));
        const top = ranked(hits, 'description');
        expect(top).toHaveLength(hits.length);
        expect(top[0].patternId).toBe('expense');
        expect(top[0].signals.description?.rank).toBe(1);
        expect(top[0].signals.description?.score).toBeGreaterThan(top[1].signals.description?.score ?? 1);
        expect(top.map((h) => h.signals.description?.rank)).toEqual(top.map((_, i) => i + 1));
        // No fused score and no pattern body: fusion and loading are the searcher's.
        for (const h of hits) expect(Object.keys(h).sort()).toEqual(['patternId', 'signals']);
      });

      it('finds by BM25 / sparse lexical terms, ignoring query syntax characters', async () => {
        const hits = await store.search(request({ lexical: lex('acknowledge "SEV-1" OR (severity) NEAR*') }));
        expect(ranked(hits, 'lexical')[0].patternId).toBe('incident');
        expect(ranked(hits, 'lexical')[0].signals.lexical?.rank).toBe(1);
        expect(hits.every((h) => h.signals.description === undefined)).toBe(true);
      });

      it('finds by the structure vector and the params vector', async () => {
        const grid = [{ component: 'Section', children: [{ component: 'Grid', children: [{ component: 'GridItem', count: 4 }] }] }];
        const byShape = await store.search(request({ dense: { structure: embedder.embedSync(structureText(grid)) } }));
        expect(ranked(byShape, 'structure')[0].patternId).toBe('gallery');
        const byParams = await store.search(request({ dense: { params: embedder.embedSync('amountLabel=Amount categoryOptions=Travel') } }));
        expect(ranked(byParams, 'params')[0].patternId).toBe('expense');
      });

      it("returns the union of the signals' top lists, each candidate once with its rank in every signal that found it", async () => {
        const description = { description: embedder.embedSync('incident alert severity') };
        const terms = lex('incident severity acknowledge');
        const both = await store.search(request({ dense: description, lexical: terms }));
        const dense = await store.search(request({ dense: description }));
        const sparse = await store.search(request({ lexical: terms }));
        expect(ids(both)).toEqual([...new Set([...ids(dense), ...ids(sparse)])].sort());
        expect(new Set(ids(both)).size).toBe(both.length);
        const incident = both.find((h) => h.patternId === 'incident');
        expect(incident?.signals).toEqual({ description: dense.find((h) => h.patternId === 'incident')?.signals.description, lexical: sparse.find((h) => h.patternId === 'incident')?.signals.lexical });
        expect([incident?.signals.description?.rank, incident?.signals.lexical?.rank]).toEqual([1, 1]);
      });

      it('applies filters and excludeIds inside every signal', async () => {
        await store.addFeedback(DEFAULT_NAMESPACE, 'expense', [{ dimension: 'content', polarity: 'negative' }], new Date(), applyVotes);
        const q = { dense: { description: embedder.embedSync('expense approval form') }, lexical: lex('expense approval form') };
        const noNegative = await store.search(request({ ...q, filter: { feedback: ['positive', 'unrated'] } }));
        expect(ids(noNegative)).not.toContain('expense');
        expect(noNegative.length).toBeGreaterThan(0);
        const onlyGrid = await store.search(request({ ...q, filter: { components: { all: ['Grid'] } } }));
        expect(ids(onlyGrid)).toEqual(['gallery']);
        const tagged = await store.search(request({ ...q, filter: { tags: ['ops'], metadata: { priority: 1 } } }));
        expect(ids(tagged)).toEqual(['incident']);
        const excluded = await store.search(request({ ...q, excludeIds: ['expense', 'status'] }));
        expect(ids(excluded)).not.toContain('expense');
        expect(ids(excluded)).not.toContain('status');
      });

      it('honours prefetchLimit per signal and returns nothing when no signal is requested', async () => {
        expect(await store.search(request({ prefetchLimit: 2, dense: { description: embedder.embedSync('card') } }))).toHaveLength(2);
        const two = await store.search(request({ prefetchLimit: 2, dense: { description: embedder.embedSync('card'), structure: embedder.embedSync('section grid') } }));
        expect(ranked(two, 'description')).toHaveLength(2);
        expect(ranked(two, 'structure')).toHaveLength(2);
        expect(two.length).toBeLessThanOrEqual(4);
        expect(await store.search(request({}))).toEqual([]);
      });
    });

    it('gets many patterns by id, leaving out the missing ones', async () => {
      await store.putMany(corpus().map(rec));
      const got = await store.getMany(DEFAULT_NAMESPACE, ['gallery', 'missing', 'status']);
      expect(got.map((p) => p.patternId).sort()).toEqual(['gallery', 'status']);
      expect(got.find((p) => p.patternId === 'status')).toEqual(await store.get(DEFAULT_NAMESPACE, 'status'));
      expect(await store.getMany('team-b', ['status'])).toEqual([]);
      expect(await store.getMany(DEFAULT_NAMESPACE, [])).toEqual([]);
    });

    it('saves, replaces, gets and deletes a variation family', async () => {
      const p = CORPUS.status();
      await store.put(rec(p));
      expect(await store.getFamily(DEFAULT_NAMESPACE, 'status')).toBeNull();
      await store.saveFamily(family(p));
      await store.saveFamily({ ...family(p), seed: 'second' });
      expect((await store.getFamily(DEFAULT_NAMESPACE, 'status'))?.seed).toBe('second');
      expect((await store.stats()).families).toBe(1);
      expect(await store.deleteFamily(DEFAULT_NAMESPACE, 'status')).toBe(true);
      expect(await store.deleteFamily(DEFAULT_NAMESPACE, 'status')).toBe(false);
      expect(await store.get(DEFAULT_NAMESPACE, 'status')).not.toBeNull();
    });

    it('keeps data across reopen and refuses a different embedder with EMBEDDER_MISMATCH naming both', async () => {
      await store.put(rec(CORPUS.status()));
      await store.close();
      const same = await make({ reopen: store });
      expect((await same.get(DEFAULT_NAMESPACE, 'status'))?.patternId).toBe('status');
      expect(ids(await same.search(request({ lexical: lex('server status') })))).toEqual(['status']);
      await same.close();
      const other = new HashingEmbedder({ dimension: 32 });
      const err = await makeStore({ embedder: other, reopen: store }).catch((e: unknown) => e);
      expect(isMotifError(err) && err.code).toBe('EMBEDDER_MISMATCH');
      expect(String((err as Error).message)).toContain(embedder.id);
      expect(String((err as Error).message)).toContain(other.id);
    });

    it('counts, reports stats and answers ping', async () => {
      await store.putMany([CORPUS.status(), { ...CORPUS.gallery(), namespace: 'x' }].map(rec));
      expect(await store.count()).toBe(2);
      expect(await store.count('x')).toBe(1);
      const stats = await store.stats();
      expect(stats).toMatchObject({ backend: store.backend, patterns: 2, families: 0, embedder: { id: embedder.id, dimension: 64 } });
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('stores 200 patterns in one putMany and finds each one by its own description', async () => {
      const many = Array.from({ length: 200 }, (_, i) =>
        testPattern({ patternId: `p${i}`, description: `pattern number ${i} about topic${i} widget${i % 7}` }),
      );
      const results = await store.putMany(many.map(rec));
      expect(results.every((r) => r.created)).toBe(true);
      for (const i of [0, 57, 199]) {
        const hits = await store.search(request({ prefetchLimit: 1, lexical: lex(`topic${i}`) }));
        expect(ids(hits)).toEqual([`p${i}`]);
      }
    });
  });
}
