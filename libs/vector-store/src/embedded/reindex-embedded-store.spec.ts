import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_NAMESPACE, type InstancePattern } from '@motif/core-types';
import { corpus, testPattern } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { HybridSearcher } from '../search/hybrid-searcher';
import { EmbeddedPatternStore } from './embedded-pattern-store';
import { REINDEX_TARGET_KEY, reindexEmbeddedStore, type DenseVectors } from './reindex-embedded-store';

const OLD = new HashingEmbedder({ dimension: 64 });
const NEW = new HashingEmbedder({ dimension: 32 });
const embedWith = (e: HashingEmbedder) => async (patterns: readonly InstancePattern[]): Promise<DenseVectors[]> =>
  (await new PatternIndexer(e).toRecords(patterns)).map((r) => r.vectors);

const many = (): InstancePattern[] => [
  ...corpus(),
  ...Array.from({ length: 40 }, (_, i) => testPattern({ patternId: `extra-${i}`, description: `Shipment ${i} tracking card for warehouse ${i % 7}` })),
];

describe('reindexEmbeddedStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'motif-reindex-'));
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder: OLD });
    await store.init();
    await store.putMany(await new PatternIndexer(OLD).toRecords(many()));
    // A search writes the index snapshot (motif.index), recorded with the old embedder.
    await new HybridSearcher(store, OLD).search({ query: 'shipment tracking', namespace: DEFAULT_NAMESPACE, limit: 3, filter: {}, mode: 'hybrid', explain: false });
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const meta = (): Record<string, string> => {
    const db = new Database(join(dir, 'motif.db'), { readonly: true });
    try {
      return Object.fromEntries(db.prepare<[], { key: string; value: string }>('SELECT key, value FROM store_meta').all().map((r) => [r.key, r.value]));
    } finally {
      db.close();
    }
  };
  const vectorBytes = (): number[] => {
    const db = new Database(join(dir, 'motif.db'), { readonly: true });
    try {
      const rows = db.prepare<[], { d: number; s: number; p: number }>('SELECT length(description) AS d, length(structure) AS s, length(params) AS p FROM pattern_vectors').all();
      return [...new Set(rows.flatMap((r) => [r.d, r.s, r.p]))];
    } finally {
      db.close();
    }
  };

  it('re-embeds every pattern with the new embedder and records it; the old snapshot is rebuilt, not trusted', async () => {
    const progress: number[] = [];
    const summary = await reindexEmbeddedStore(dir, NEW, embedWith(NEW), { batchSize: 7, onProgress: (p) => progress.push(p.done) });
    expect(summary).toMatchObject({ from: { id: OLD.id, dimension: 64 }, to: { id: NEW.id, dimension: 32 }, reembedded: many().length, resumedAfter: 0, total: many().length, upToDate: false });
    expect(progress[progress.length - 1]).toBe(many().length);
    expect(progress.length).toBeGreaterThan(many().length / 7);
    expect(meta()).toMatchObject({ embedder_id: NEW.id, embedder_dimension: '32' });
    expect(meta()[REINDEX_TARGET_KEY]).toBeUndefined();
    expect(vectorBytes()).toEqual([32 * 4]);

    await expect(new EmbeddedPatternStore({ dataDir: dir, embedder: OLD }).init()).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH' });
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder: NEW });
    await store.init();
    try {
      const { results } = await new HybridSearcher(store, NEW).search({ query: 'shipment 12 tracking', namespace: DEFAULT_NAMESPACE, limit: 3, filter: {}, mode: 'semantic', explain: false });
      expect(results[0]?.pattern.patternId).toBe('extra-12');
      expect(store.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/embedder .*64-d.*32-d/) });
    } finally {
      await store.close();
    }
  });

  it('an interrupted run loses nothing: the store stays the old one and the next run resumes after the last committed batch', async () => {
    let calls = 0;
    const failing = async (patterns: readonly InstancePattern[]) => {
      if (++calls === 3) throw new Error('killed');
      return embedWith(NEW)(patterns);
    };
    await expect(reindexEmbeddedStore(dir, NEW, failing, { batchSize: 5 })).rejects.toThrow('killed');
    expect(meta()).toMatchObject({ embedder_id: OLD.id, embedder_dimension: '64', [REINDEX_TARGET_KEY]: JSON.stringify({ id: NEW.id, dimension: 32 }) });
    expect(vectorBytes()).toEqual([64 * 4]);
    // The old store opens and serves every pattern meanwhile.
    const old = new EmbeddedPatternStore({ dataDir: dir, embedder: OLD });
    await old.init();
    expect((await old.stats()).patterns).toBe(many().length);
    await old.close();

    const summary = await reindexEmbeddedStore(dir, NEW, embedWith(NEW), { batchSize: 5 });
    expect(summary).toMatchObject({ resumedAfter: 10, reembedded: many().length - 10, total: many().length });
    expect(meta()).toMatchObject({ embedder_id: NEW.id, embedder_dimension: '32' });
    expect(vectorBytes()).toEqual([32 * 4]);
  });

  it('patterns added by a writer during the run are embedded before the swap', async () => {
    let added = false;
    const summary = await reindexEmbeddedStore(
      dir,
      NEW,
      async (patterns) => {
        if (!added) {
          added = true;
          const writer = new EmbeddedPatternStore({ dataDir: dir, embedder: OLD });
          await writer.init();
          await writer.put(await new PatternIndexer(OLD).toRecord(testPattern({ patternId: 'late', description: 'late arrival card' })));
          await writer.close();
        }
        return embedWith(NEW)(patterns);
      },
      { batchSize: 100 },
    );
    expect(summary.total).toBe(many().length + 1);
    expect(vectorBytes()).toEqual([32 * 4]);
  });

  it('does nothing when the store already records the target embedder', async () => {
    const summary = await reindexEmbeddedStore(dir, OLD, async () => {
      throw new Error('must not embed');
    });
    expect(summary).toMatchObject({ upToDate: true, reembedded: 0, total: many().length });
  });
});
