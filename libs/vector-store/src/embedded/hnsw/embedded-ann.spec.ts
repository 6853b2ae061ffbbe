import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyVotes, DEFAULT_NAMESPACE, DENSE_VECTOR_NAMES, type PatternRecord, type StoreSearchRequest } from '@motif/core-types';
import { rankedBy } from '../../contract/candidate-views';
import { testPattern } from '../../contract/test-patterns';
import { HashingEmbedder } from '../../embedding/hashing-embedder';
import { PatternIndexer } from '../../embedding/pattern-indexer';
import { EmbeddedPatternStore, type EmbeddedPatternStoreOptions } from '../embedded-pattern-store';
import { INDEX_SNAPSHOT_FILE } from '../index-snapshot';
import { HNSW_MANIFEST_SUFFIX } from './hnsw-file';

const embedder = new HashingEmbedder({ dimension: 64 });
const indexer = new PatternIndexer(embedder);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'motif-hnsw-'));
  dirs.push(d);
  return d;
};

const SUBJECTS = ['server', 'invoice', 'meeting', 'incident', 'expense', 'flight', 'survey', 'release', 'backup', 'order'];
const KINDS = ['status', 'alert', 'reminder', 'summary', 'request', 'report'];
const record = (i: number, namespace = DEFAULT_NAMESPACE): PatternRecord =>
  indexer.toRecordSync(
    testPattern({
      patternId: `p${i}`,
      namespace,
      description: `${SUBJECTS[i % SUBJECTS.length]} ${KINDS[(i * 7) % KINDS.length]} card number ${i} word${i}`,
      structure: [{ component: 'Section', children: [{ component: i % 2 ? 'Image' : 'DecoratedText' }] }],
    }),
  );

/** Over a threshold of 100 rows, hashing (sparse) queries routed to the graph too, so these small stores use it. */
const ANN: Partial<EmbeddedPatternStoreOptions> = { annMinRows: 100, annRouting: { minQueryDensity: 0 } };
async function open(dir: string, options: Partial<EmbeddedPatternStoreOptions> = ANN): Promise<EmbeddedPatternStore> {
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder, ...options });
  await store.init();
  return store;
}
const dense = (text: string, namespace = DEFAULT_NAMESPACE, filter: StoreSearchRequest['filter'] = {}): StoreSearchRequest => ({
  namespace,
  prefetchLimit: 10,
  dense: { description: embedder.embedSync(text) },
  filter,
});
/** The description signal's list, best first (one signal: the store's candidates are exactly that list). */
const ids = async (store: EmbeddedPatternStore, req: StoreSearchRequest): Promise<string[]> => rankedBy(await store.search(req), 'description');
const hnswFiles = (dir: string): string[] => {
  const manifest = join(dir, INDEX_SNAPSHOT_FILE + HNSW_MANIFEST_SUFFIX);
  return [manifest, ...DENSE_VECTOR_NAMES.map((k) => `${manifest}.${k}`)];
};

/** 300 patterns (every fourth in namespace `other`), graphs built and saved with the snapshot by close(). */
async function seeded(): Promise<string> {
  const dir = freshDir();
  const store = await open(dir);
  await store.putMany(Array.from({ length: 300 }, (_, i) => record(i, i % 4 === 3 ? 'other' : DEFAULT_NAMESPACE)));
  expect(await store.buildAnnIndex()).toBe(true);
  await store.close();
  return dir;
}

describe('EmbeddedPatternStore with HNSW graphs', () => {
  it('finds the same top hits through the graph as the exact scan, and saves the graphs beside the snapshot', async () => {
    const dir = await seeded();
    for (const f of hnswFiles(dir)) expect(existsSync(f)).toBe(true);
    const ann = await open(dir);
    const exact = await open(dir, { annMinRows: Infinity });
    await ann.warm();
    expect(ann.lastLoad?.ann).toEqual({ source: 'file' });
    expect(ann.annStatus.state).toBe('ready');
    for (const q of ['server status card number 10', 'invoice alert word21', 'flight report card number 55', 'backup summary word99']) {
      const got = await ids(ann, dense(q));
      expect(got[0]).toBe((await ids(exact, dense(q)))[0]);
      expect(got).toHaveLength(10);
    }
    expect(ann.annStatus.routes['ann-filtered']).toBe(4);
    expect(exact.annStatus).toEqual({ state: 'off', rows: 0, routes: { ann: 0, 'ann-filtered': 0, exact: 4, prefilter: 0 } });
    await ann.close();
    await exact.close();
  });

  it('keeps the namespace and feedback filters exact: no row from elsewhere, small filtered sets scanned exactly', async () => {
    const dir = await seeded();
    const store = await open(dir);
    await store.warm();
    // 75 of 300 rows: a filtered graph search for 10, an exact scan for 100 (more than the namespace holds).
    // Every fourth pattern (i % 4 === 3) is in `other`: its ids are p3, p7, p11, …
    const inOther = (id: string): boolean => Number(id.slice(1)) % 4 === 3;
    const top = await ids(store, dense('server status card', 'other'));
    expect(top).toHaveLength(10);
    for (const id of top) expect(inOther(id)).toBe(true);
    expect(store.annStatus.routes['ann-filtered']).toBe(1);
    const other = await ids(store, { ...dense('server status card', 'other'), prefetchLimit: 100 });
    expect(other).toHaveLength(75);
    for (const id of other) expect(inOther(id)).toBe(true);
    // Votes make 3 rows positive: under the selectivity floor, so the exact scan returns all three.
    for (const i of [0, 1, 2]) await store.addFeedback(DEFAULT_NAMESPACE, `p${i}`, [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
    const positive = await ids(store, { ...dense('release request card'), filter: { contentFeedback: ['positive'] }, prefetchLimit: 50 });
    expect(positive.sort()).toEqual(['p0', 'p1', 'p2']);
    expect(store.annStatus.routes).toEqual({ ann: 0, 'ann-filtered': 1, exact: 2, prefilter: 0 });
    await store.close();
  });

  it('catches the graphs up with writes: its own, and another process’s through the change log', async () => {
    const dir = await seeded();
    const store = await open(dir);
    await store.warm();
    expect(store.annStatus.state).toBe('ready');
    await store.put(record(1000));
    expect(await ids(store, dense('server status card number 1000 word1000'))).toContain('p1000');
    // Another process (graphs off, no snapshot of its own) adds one row and deletes another.
    const writer = await open(dir, { annMinRows: Infinity, indexSnapshot: false });
    await writer.put(record(2000));
    expect(await writer.delete(DEFAULT_NAMESPACE, 'p10')).toBe(true);
    await writer.close();
    expect((await ids(store, dense('server status card number 2000 word2000')))[0]).toBe('p2000');
    expect(await ids(store, dense('server status card number 10 word10'))).not.toContain('p10');
    expect(store.annStatus.routes.exact).toBe(0);
    expect(store.annStatus.rows).toBe(301);
    await store.close();
    // The graphs were saved again with the new snapshot: the next open reads them, p10 still gone.
    const again = await open(dir);
    await again.warm();
    expect(again.lastLoad?.ann).toEqual({ source: 'file' });
    expect(await ids(again, dense('server status card number 10 word10'))).not.toContain('p10');
    expect((await ids(again, dense('server status card number 2000 word2000')))[0]).toBe('p2000');
    await again.close();
  });

  it('detects a torn graph file and rebuilds the graphs (exact scans meanwhile)', async () => {
    const dir = await seeded();
    const graph = hnswFiles(dir)[2];
    truncateSync(graph, 1000);
    const store = await open(dir);
    await store.warm();
    expect(store.lastLoad?.source).toBe('snapshot');
    expect(store.lastLoad?.ann?.reason).toMatch(/^torn HNSW graph structure/);
    expect(store.annStatus.state).toBe('building');
    await ids(store, dense('invoice alert'));
    expect(store.annStatus.routes).toEqual({ ann: 0, 'ann-filtered': 0, exact: 1, prefilter: 0 });
    expect(await store.buildAnnIndex()).toBe(true);
    await ids(store, dense('invoice alert'));
    expect(store.annStatus.routes['ann-filtered']).toBe(1);
    await store.close();
    const again = await open(dir);
    await again.warm();
    expect(again.lastLoad?.ann).toEqual({ source: 'file' });
    await again.close();
  });

  it('detects a corrupt graph (same length, flipped byte) and a torn manifest', async () => {
    const dir = await seeded();
    const [manifest, graph] = hnswFiles(dir);
    const bytes = readFileSync(graph);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(graph, bytes);
    const corrupt = await open(dir);
    await corrupt.warm();
    expect(corrupt.lastLoad?.ann?.reason).toBe('corrupt HNSW graph description (CRC mismatch)');
    await corrupt.buildAnnIndex();
    await corrupt.close();
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 40));
    const torn = await open(dir);
    await torn.warm();
    expect(torn.lastLoad?.ann?.reason).toBe('torn HNSW manifest (CRC mismatch)');
    await torn.close();
  });

  it('never trusts graphs of an older snapshot (stale), and rebuilds them', async () => {
    const dir = await seeded();
    const saved = hnswFiles(dir).map((f) => [f, readFileSync(f)] as const);
    const writer = await open(dir);
    await writer.warm();
    await writer.putMany(Array.from({ length: 20 }, (_, i) => record(500 + i)));
    await writer.snapshot();
    await writer.close();
    for (const [f, bytes] of saved) writeFileSync(f, bytes);
    const store = await open(dir);
    await store.warm();
    expect(store.lastLoad?.ann?.reason).toMatch(/^stale HNSW graphs: they cover change \d+, the snapshot \d+$/);
    expect(await store.buildAnnIndex()).toBe(true);
    expect((await ids(store, dense('server status card number 510 word510')))[0]).toBe('p510');
    await store.close();
  });

  it('opens an existing data directory whose snapshot has no HNSW files, and builds them in the background', async () => {
    const dir = freshDir();
    const old = await open(dir, { annMinRows: Infinity });
    await old.putMany(Array.from({ length: 150 }, (_, i) => record(i)));
    await old.warm();
    await old.close();
    expect(existsSync(join(dir, INDEX_SNAPSHOT_FILE))).toBe(true);
    expect(existsSync(hnswFiles(dir)[0])).toBe(false);
    const store = await open(dir);
    await store.warm();
    expect(store.lastLoad).toMatchObject({ source: 'snapshot', ann: { source: 'build', reason: 'no HNSW file' } });
    for (let i = 0; i < 200 && store.annStatus.state === 'building'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(store.annStatus.state).toBe('ready');
    // The background build saved the graphs with a fresh snapshot.
    expect(existsSync(hnswFiles(dir)[0])).toBe(true);
    await store.close();
  });

  it('builds no graphs over sparse (hashing) vectors with the default routing: their queries scan exactly', async () => {
    const dir = freshDir();
    const store = await open(dir, { annMinRows: 100 });
    await store.putMany(Array.from({ length: 150 }, (_, i) => record(i)));
    expect(await store.buildAnnIndex()).toBe(false);
    expect(store.annStatus.state).toBe('off');
    await store.close();
  });

  it('leaves the graphs off below the threshold', async () => {
    const dir = freshDir();
    const store = await open(dir, { annMinRows: 1000 });
    await store.putMany(Array.from({ length: 50 }, (_, i) => record(i)));
    expect(await store.buildAnnIndex()).toBe(false);
    await ids(store, dense('invoice'));
    expect(store.annStatus).toEqual({ state: 'off', rows: 0, routes: { ann: 0, 'ann-filtered': 0, exact: 1, prefilter: 0 } });
    await store.close();
    expect(existsSync(hnswFiles(dir)[0])).toBe(false);
  });
});

