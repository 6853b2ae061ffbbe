import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyVotes, DEFAULT_NAMESPACE, type PatternStore, type StoreSearchRequest } from '@motif/core-types';
import { CORPUS, corpus } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { rankedBy } from '../contract/candidate-views';
import { describePatternStoreContract } from '../contract/pattern-store.contract';
import { EmbeddedPatternStore } from './embedded-pattern-store';

const dirs: string[] = [];
const dirOf = new WeakMap<PatternStore, string>();
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describePatternStoreContract('embedded (SQLite)', async ({ embedder, reopen }) => {
  const dir = reopen ? (dirOf.get(reopen) as string) : mkdtempSync(join(tmpdir(), 'motif-store-'));
  if (!reopen) dirs.push(dir);
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  dirOf.set(store, dir);
  await store.init();
  return store;
});

describe('EmbeddedPatternStore specifics', () => {
  const embedder = new HashingEmbedder({ dimension: 64 });
  const indexer = new PatternIndexer(embedder);
  const lex = new LexicalEncoder();
  const request = (text: string, filter: StoreSearchRequest['filter'] = {}): StoreSearchRequest => ({
    namespace: DEFAULT_NAMESPACE,
    prefetchLimit: 50,
    dense: { description: embedder.embedSync(text) },
    lexical: { sparse: lex.encode(text) },
    filter,
  });

  /** Two connections to one new store file, as two processes hold it; both closed after `body`. */
  const withTwoConnections = async (body: (a: EmbeddedPatternStore, b: EmbeddedPatternStore) => Promise<void>): Promise<void> => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-store-'));
    dirs.push(dir);
    const a = new EmbeddedPatternStore({ dataDir: dir, embedder });
    const b = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await a.init();
    await b.init();
    try {
      await body(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  };

  it('reports the pattern now at a reused rowid, whichever connection deleted and reinserted it', () =>
    withTwoConnections(async (a, b) => {
      const card = (patternId: string) => indexer.toRecordSync({ ...CORPUS.status(), patternId, description: 'zebra crossing notice' });
      await a.putMany([...corpus(), CORPUS.status()].map((p, i) => (i === corpus().length ? card('first') : indexer.toRecordSync(p))));
      expect(rankedBy(await b.search(request('zebra crossing notice')), 'description')[0]).toBe('first');
      // The highest rowid, deleted, is handed out again (no AUTOINCREMENT): by another connection…
      await a.delete(DEFAULT_NAMESPACE, 'first');
      await a.put(card('second'));
      const hits = await b.search(request('zebra crossing notice'));
      expect(rankedBy(hits, 'description')[0]).toBe('second');
      expect(hits.map((h) => h.patternId)).not.toContain('first');
      // …and by this one.
      await b.delete(DEFAULT_NAMESPACE, 'second');
      await b.put(card('third'));
      expect(rankedBy(await b.search(request('zebra crossing notice')), 'description')[0]).toBe('third');
    }));

  it('sees writes another connection (another process) committed to the same file', () =>
    withTwoConnections(async (a, b) => {
      await a.putMany(corpus().map((p) => indexer.toRecordSync(p)));
      expect(rankedBy(await b.search(request('expense approval form')), 'description')[0]).toBe('expense');
      await a.addFeedback(DEFAULT_NAMESPACE, 'expense', [{ dimension: 'content', polarity: 'negative' }], new Date(), applyVotes);
      expect((await b.search(request('expense approval form', { feedback: ['positive', 'unrated'] }))).map((h) => h.patternId)).not.toContain('expense');
      await a.delete(DEFAULT_NAMESPACE, 'gallery');
      expect((await b.search(request('image gallery product photos'))).map((h) => h.patternId)).not.toContain('gallery');
    }));

  it('creates motif.db in WAL mode with synchronous=FULL and leaves foreign tables alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-store-'));
    dirs.push(dir);
    const other = new Database(join(dir, 'motif.db'));
    other.exec("CREATE TABLE cache_entries (k TEXT PRIMARY KEY, v TEXT); INSERT INTO cache_entries VALUES ('x', 'y')");
    other.close();
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await store.init();
    await store.put(indexer.toRecordSync(CORPUS.status()));
    await store.close();
    const db = new Database(join(dir, 'motif.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT v FROM cache_entries').get()).toEqual({ v: 'y' });
    expect(db.prepare("SELECT value FROM store_meta WHERE key = 'embedder_id'").get()).toEqual({ value: embedder.id });
    db.close();
  });

  it('loads the search index lazily (first search) unless eagerIndex is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-store-'));
    dirs.push(dir);
    const writer = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await writer.init();
    await writer.putMany(corpus().map((p) => indexer.toRecordSync(p)));
    await writer.close();
    const lazy = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await lazy.init();
    const empty = lazy.indexBytes;
    expect(lazy.lastLoad).toBeNull();
    await lazy.put(indexer.toRecordSync({ ...CORPUS.status(), patternId: 'late', description: 'late arrival card' }));
    expect(lazy.indexBytes).toBe(empty);
    const hits = await lazy.search(request('late arrival card'));
    expect(rankedBy(hits, 'description')[0]).toBe('late');
    expect(lazy.indexBytes).toBeGreaterThan(empty);
    await lazy.close();
    const eager = new EmbeddedPatternStore({ dataDir: dir, embedder, eagerIndex: true });
    await eager.init();
    expect(eager.lastLoad).toMatchObject({ rows: await eager.count() });
    await eager.close();
  });

  it('rejects vectors whose dimension differs from the recorded embedder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-store-'));
    dirs.push(dir);
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await store.init();
    const wrong = new PatternIndexer(new HashingEmbedder({ dimension: 32 })).toRecordSync(CORPUS.status());
    await expect(store.put(wrong)).rejects.toMatchObject({ code: 'EMBEDDER_MISMATCH' });
    expect(await store.count()).toBe(0);
    await store.close();
  });
});
