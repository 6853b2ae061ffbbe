import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { applyVotes, DEFAULT_NAMESPACE, type InstancePattern, type StoreSearchRequest } from '@motif/core-types';
import { byId, rankedBy } from '../contract/candidate-views';
import { testPattern } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { EmbeddedPatternStore } from './embedded-pattern-store';
import { INDEX_SNAPSHOT_FILE, readIndexSnapshot, writeIndexSnapshot, type SnapshotHeader } from './index-snapshot';
import type { MemoryIndexState } from './memory-index';
import { COLUMN_LAYOUTS } from './vector-layout';

const embedder = new HashingEmbedder({ dimension: 64 });
const indexer = new PatternIndexer(embedder);
const lex = new LexicalEncoder();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const freshDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'motif-snapshot-'));
  dirs.push(d);
  return d;
};

const SUBJECTS = ['server', 'invoice', 'meeting', 'incident', 'expense', 'flight', 'survey', 'release', 'backup', 'order'];
const KINDS = ['status', 'alert', 'reminder', 'summary', 'request', 'report'];
const WIDGETS = ['DecoratedText', 'TextParagraph', 'Image', 'Divider', 'SelectionInput', 'DateTimePicker'];
const pattern = (i: number, namespace = DEFAULT_NAMESPACE): InstancePattern =>
  testPattern({
    patternId: `p${i}`,
    namespace,
    description: `${SUBJECTS[i % SUBJECTS.length]} ${KINDS[(i * 7) % KINDS.length]} card number ${i}`,
    structure: [{ component: 'Section', children: [{ component: WIDGETS[i % WIDGETS.length] }, { component: WIDGETS[(i * 5 + 1) % WIDGETS.length] }] }],
    tags: [KINDS[i % KINDS.length]],
  });
const records = (from: number, to: number, namespace?: string) => Array.from({ length: to - from }, (_, k) => indexer.toRecordSync(pattern(from + k, namespace)));

const QUERIES = ['server status card', 'invoice reminder', 'incident alert', 'flight report number 7', 'backup summary', 'expense request card'];
const request = (text: string, filter: StoreSearchRequest['filter'] = {}): StoreSearchRequest => ({
  namespace: DEFAULT_NAMESPACE,
  prefetchLimit: 50,
  dense: { description: embedder.embedSync(text), params: embedder.embedSync(text), structure: embedder.embedSync(text) },
  lexical: { sparse: lex.encode(text) },
  filter,
});
/** Description vector and BM25 only: what a text query about a description should find first. */
const textOnly = (text: string): StoreSearchRequest => ({ ...request(text), dense: { description: embedder.embedSync(text) } });
const FILTERS: Array<StoreSearchRequest['filter']> = [{}, { feedback: ['positive'] }, { feedback: ['unrated', 'negative'] }, { components: { all: ['Image'] } }, { tags: ['alert'] }];

/** Every query × filter, as (id, per-signal ranks and scores): what "identical results" means here. */
async function results(store: EmbeddedPatternStore): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) for (const f of FILTERS) out.push(byId(await store.search(request(q, f))));
  return out;
}

async function open(dir: string, options: Partial<ConstructorParameters<typeof EmbeddedPatternStore>[0]> = {}): Promise<EmbeddedPatternStore> {
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder, ...options });
  await store.init();
  return store;
}

/** Results of a store opened with snapshots off: the full rebuild from SQLite every figure is held against. */
async function rebuiltResults(dir: string, options: Partial<ConstructorParameters<typeof EmbeddedPatternStore>[0]> = {}): Promise<unknown[]> {
  const store = await open(dir, { ...options, indexSnapshot: false });
  try {
    const r = await results(store);
    expect(store.lastLoad?.source).toBe('rebuild');
    return r;
  } finally {
    await store.close();
  }
}

/** A store of 120 patterns with some votes, whose snapshot was written by a search (rebuild) and close. */
async function seeded(): Promise<string> {
  const dir = freshDir();
  const s = await open(dir);
  await s.putMany(records(0, 120));
  for (const id of ['p3', 'p14', 'p25']) await s.addFeedback(DEFAULT_NAMESPACE, id, [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
  await s.addFeedback(DEFAULT_NAMESPACE, 'p4', [{ dimension: 'form', polarity: 'negative' }], new Date(), applyVotes);
  await s.search(request('warm'));
  expect(s.lastLoad).toMatchObject({ source: 'rebuild', reason: 'no snapshot', rows: 120 });
  await s.close();
  return dir;
}

describe('index snapshot', () => {
  it('opens from the snapshot with results identical to a full rebuild', async () => {
    const dir = await seeded();
    const s = await open(dir);
    const fromSnapshot = await results(s);
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 120 });
    await s.close();
    expect(fromSnapshot).toEqual(await rebuiltResults(dir));
  });

  it('catches up from SQLite with inserts, votes and deletes another connection made after the snapshot', async () => {
    const dir = await seeded();
    const writer = await open(dir); // never searches: its writes reach the index only through the change log
    await writer.putMany(records(120, 150));
    await writer.addFeedback(DEFAULT_NAMESPACE, 'p7', [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
    await writer.addFeedback(DEFAULT_NAMESPACE, 'p3', [{ dimension: 'content', polarity: 'negative' }, { dimension: 'content', polarity: 'negative' }], new Date(), applyVotes);
    await writer.close();
    const s = await open(dir);
    const caughtUp = await results(s);
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 32, rows: 150 });
    await s.close();
    expect(caughtUp).toEqual(await rebuiltResults(dir));

    const deleter = await open(dir);
    expect(await deleter.delete(DEFAULT_NAMESPACE, 'p7')).toBe(true);
    await deleter.close();
    const t = await open(dir);
    const hits = (await t.search(request('incident alert card number 7'))).map((h) => h.patternId);
    expect(t.lastLoad).toMatchObject({ source: 'snapshot', rows: 149 });
    expect(hits).not.toContain('p7');
    await t.close();
  });

  it('compacts deleted rows into the next snapshot, so it still equals a rebuild', async () => {
    const dir = await seeded();
    const s = await open(dir, { eagerIndex: true });
    for (const id of ['p1', 'p2', 'p50', 'p119']) await s.delete(DEFAULT_NAMESPACE, id);
    await s.close(); // a server (eagerIndex) rewrites the snapshot on close whenever anything changed
    const t = await open(dir);
    const r = await results(t);
    expect(t.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 116 });
    await t.close();
    expect(r).toEqual(await rebuiltResults(dir));
  });

  it('reloads a rowid that was deleted and handed out again (SQLite reuses the last rowid)', async () => {
    const dir = await seeded();
    const writer = await open(dir);
    await writer.delete(DEFAULT_NAMESPACE, 'p119'); // the highest rowid: the next insert gets it again
    await writer.put(indexer.toRecordSync(testPattern({ patternId: 'newcomer', description: 'zebra crossing notice' })));
    await writer.close();
    const s = await open(dir);
    const hits = rankedBy(await s.search(textOnly('zebra crossing notice')), 'description');
    expect(hits[0]).toBe('newcomer');
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 1, rows: 120 });
    expect(await results(s)).toEqual(await rebuiltResults(dir));
    // The same in one process: the index forgets the deleted row, then takes the new one under the same rowid.
    await s.delete(DEFAULT_NAMESPACE, 'newcomer');
    await s.put(indexer.toRecordSync(testPattern({ patternId: 'again', description: 'yak shaving notice' })));
    const after = rankedBy(await s.search(textOnly('yak shaving notice zebra crossing')), 'description');
    expect(after[0]).toBe('again');
    expect(after).not.toContain('newcomer');
    await s.close();
  });

  it.each([
    ['truncated to half', (f: string) => truncateSync(f, Math.floor(statSync(f).size / 2)), /torn snapshot/],
    ['truncated to 10 bytes', (f: string) => truncateSync(f, 10), /bad magic or truncated/],
    ['one body byte flipped', (f: string) => flip(f, statSync(f).size - 100), /corrupt snapshot body/],
    ['one header byte flipped', (f: string) => flip(f, 40), /corrupt snapshot header/],
    ['one byte appended', (f: string) => writeFileSync(f, Buffer.concat([readFileSync(f), Buffer.from([0])])), /torn snapshot/],
    ['empty', (f: string) => writeFileSync(f, ''), /bad magic/],
  ])('rebuilds when the snapshot is %s, with identical results, and writes a good one', async (_what, damage, reason) => {
    const dir = await seeded();
    damage(join(dir, INDEX_SNAPSHOT_FILE));
    const s = await open(dir);
    const r = await results(s);
    expect(s.lastLoad?.source).toBe('rebuild');
    expect(s.lastLoad?.reason).toMatch(reason);
    await s.close();
    expect(r).toEqual(await rebuiltResults(dir));
    const again = await open(dir, { eagerIndex: true });
    expect(again.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0 });
    await again.close();
  });

  it('rebuilds from a stale snapshot whose changes the log no longer holds', async () => {
    const dir = await seeded();
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    copyFileSync(file, `${file}.old`);
    const s = await open(dir, { eagerIndex: true });
    await s.putMany(records(120, 130));
    await s.close(); // publishes a newer snapshot and prunes the log behind it
    copyFileSync(`${file}.old`, file);
    const t = await open(dir);
    const r = await results(t);
    expect(t.lastLoad).toMatchObject({ source: 'rebuild', rows: 130 });
    expect(t.lastLoad?.reason).toMatch(/stale snapshot.*pruned/);
    await t.close();
    expect(r).toEqual(await rebuiltResults(dir));
  });

  it('rebuilds from a snapshot newer than the database (an older copy of motif.db put back)', async () => {
    const dir = await seeded();
    const db = new Database(join(dir, 'motif.db'));
    db.prepare("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'index_changes'").run();
    db.close();
    const s = await open(dir);
    await s.search(request('x'));
    expect(s.lastLoad?.source).toBe('rebuild');
    expect(s.lastLoad?.reason).toMatch(/stale snapshot.*older copy/);
    await s.close();
  });

  it('never takes the snapshot of another database, or of another embedder', async () => {
    const a = await seeded();
    const b = freshDir();
    const other = await open(b);
    await other.putMany(records(0, 120));
    await other.close();
    copyFileSync(join(a, INDEX_SNAPSHOT_FILE), join(b, INDEX_SNAPSHOT_FILE));
    const s = await open(b);
    await s.search(request('x'));
    expect(s.lastLoad).toMatchObject({ source: 'rebuild', reason: 'snapshot of another database' });
    await s.close();
    const header = readIndexSnapshot(join(b, INDEX_SNAPSHOT_FILE), { storeUid: 'x', embedder: { id: 'x', dimension: 1 }, layouts: COLUMN_LAYOUTS });
    expect(header.ok).toBe(false);
    const uid = (readIndexSnapshot(join(b, INDEX_SNAPSHOT_FILE), { storeUid: '', embedder: embedder, layouts: COLUMN_LAYOUTS }) as { reason: string }).reason;
    expect(uid).toBe('snapshot of another database');
    const stored = new Database(join(b, 'motif.db'), { readonly: true });
    const storeUid = stored.prepare<[], { value: string }>("SELECT value FROM store_meta WHERE key = 'store_uid'").get()?.value as string;
    stored.close();
    const wrongEmbedder = readIndexSnapshot(join(b, INDEX_SNAPSHOT_FILE), { storeUid, embedder: { id: 'use-lite', dimension: 512 }, layouts: COLUMN_LAYOUTS });
    expect(wrongEmbedder).toMatchObject({ ok: false, reason: expect.stringMatching(/embedder .*64-d.*'use-lite' \(512-d\)/) });
  });

  it('an open store whose log was pruned by another process reloads and still sees every change', async () => {
    const dir = await seeded();
    const a = await open(dir, { eagerIndex: true });
    const b = await open(dir, { eagerIndex: true });
    await b.putMany(records(120, 140));
    await b.addFeedback(DEFAULT_NAMESPACE, 'p9', [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
    await b.snapshot(); // newer snapshot, log pruned past what `a` has applied
    const hits = (await a.search(request('server status card', { feedback: ['positive'] }))).map((h) => h.patternId);
    expect(hits).toContain('p9');
    expect(await results(a)).toEqual(await results(b));
    expect(await a.count()).toBe(140);
    await a.close();
    await b.close();
  });

  it('keeps namespaces apart in the snapshot', async () => {
    const dir = freshDir();
    const s = await open(dir);
    await s.putMany([...records(0, 20), ...records(20, 40, 'team-b')]);
    await s.search(request('x'));
    await s.close();
    const t = await open(dir);
    const hits = await t.search({ ...request('server status card'), namespace: 'team-b' });
    expect(t.lastLoad?.source).toBe('snapshot');
    expect(hits.length).toBeGreaterThan(0);
    expect(await t.getMany('team-b', hits.map((h) => h.patternId))).toHaveLength(hits.length);
    expect(await t.getMany(DEFAULT_NAMESPACE, hits.map((h) => h.patternId))).toEqual([]);
    await t.close();
  });
});

function snapshotHeader(file: string): Record<string, unknown> {
  const bytes = readFileSync(file);
  return JSON.parse(bytes.subarray(32, 32 + bytes.readUInt32LE(8)).toString('utf8')) as Record<string, unknown>;
}

/**
 * Turns a format-4 snapshot into what an older build wrote: every columns vector dense; `format`; for 1 and 2 no
 * per-section CRCs (and, for format 1, no layouts: every vector in columns) but one CRC-32 over the body in the
 * preamble.
 */
function downgrade(file: string, format: 1 | 2 | 3): void {
  const current = snapshotHeader(file) as unknown as SnapshotHeader;
  const read = readIndexSnapshot(file, current);
  if (!read.ok) throw new Error(read.reason);
  writeIndexSnapshot(file, current, current.seq, read.state as MemoryIndexState, { sparseColumns: false });
  const bytes = readFileSync(file);
  const headerLen = bytes.readUInt32LE(8);
  const header = snapshotHeader(file);
  expect(Object.keys(header.sections as object).filter((name) => name.includes('sparse'))).toEqual([]);
  header.format = format;
  if (format < 3) delete header.crcs;
  if (format === 1) delete header.layouts;
  // Same length (JSON allows trailing spaces), so every section offset stays valid.
  const old = Buffer.from(JSON.stringify(header).padEnd(headerLen, ' '), 'utf8');
  old.copy(bytes, 32);
  bytes.writeUInt32LE(crc32(old), 12);
  const bodyStart = (32 + headerLen + 7) & ~7;
  if (format < 3) bytes.writeUInt32LE(crc32(bytes.subarray(bodyStart)), 24);
  writeFileSync(file, bytes);
}

function flip(file: string, at: number): void {
  const b = readFileSync(file);
  b[at] ^= 0xff;
  writeFileSync(file, b);
}

describe('vector layouts in the snapshot', () => {
  const ROWS = { description: 'rows', structure: 'rows', params: 'rows' } as const;

  it('moves an existing data directory over to rows once, and back', async () => {
    const dir = await seeded(); // snapshot written with every vector in columns
    const want = await rebuiltResults(dir, { vectorLayouts: ROWS });
    const wantColumns = await rebuiltResults(dir);
    const rows = await open(dir, { vectorLayouts: ROWS });
    expect(await results(rows)).toEqual(want);
    expect(rows.lastLoad).toMatchObject({ source: 'rebuild', reason: 'snapshot holds vectors as description columns, structure columns, params columns, the store uses description rows, structure rows, params rows' });
    await rows.close();
    const again = await open(dir, { vectorLayouts: ROWS });
    expect(await results(again)).toEqual(want);
    expect(again.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 120 });
    await again.close();
    // And back: a column store does not trust the rows snapshot either.
    const columns = await open(dir);
    expect(await results(columns)).toEqual(wantColumns);
    expect(columns.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/^snapshot holds vectors as description rows/) });
    await columns.close();
  });

  it('catches a rows snapshot up from the change log like a column one', async () => {
    const dir = freshDir();
    const first = await open(dir, { vectorLayouts: ROWS });
    await first.putMany(records(0, 100));
    await first.search(request('warm'));
    await first.close();
    const writer = await open(dir, { vectorLayouts: ROWS });
    await writer.putMany(records(100, 130));
    await writer.delete(DEFAULT_NAMESPACE, 'p5');
    await writer.close();
    const s = await open(dir, { vectorLayouts: ROWS });
    const got = await results(s);
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 31, rows: 129 });
    await s.close();
    expect(got).toEqual(await rebuiltResults(dir, { vectorLayouts: ROWS }));
  });

  it.each([1, 2, 3] as const)('reads a format-%i snapshot and rewrites it once in format 4', async (format) => {
    const dir = await seeded();
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    expect(snapshotHeader(file)).toMatchObject({ format: 4, layouts: COLUMN_LAYOUTS, crcs: expect.any(Object) });
    downgrade(file, format);
    expect(snapshotHeader(file)).toMatchObject({ format });
    const s = await open(dir);
    const got = await results(s);
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 120 });
    await s.close();
    expect(got).toEqual(await rebuiltResults(dir));
    expect(snapshotHeader(file)).toMatchObject({ format: 4 });
  });
});

describe('vectors read from the snapshot on first use', () => {
  it('reads only the vectors a search needs, all of them before a change, with results identical to a rebuild', async () => {
    const dir = await seeded();
    const want = await rebuiltResults(dir);
    const s = await open(dir);
    await s.warm({ vectors: ['description'] });
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0 });
    expect(s.vectorsInSnapshot).toEqual(['structure', 'params']);
    const text = rankedBy(await s.search(textOnly('incident alert')), 'description');
    expect(s.vectorsInSnapshot).toEqual(['structure', 'params']);
    expect(await results(s)).toEqual(want); // every signal: the other two are read now
    expect(s.vectorsInSnapshot).toEqual([]);
    expect(rankedBy(await s.search(textOnly('incident alert')), 'description')).toEqual(text);
    await s.close();

    const writer = await open(dir);
    await writer.search(textOnly('warm'));
    expect(writer.vectorsInSnapshot).toEqual(['structure', 'params']);
    await writer.putMany(records(120, 125)); // a row added to the index goes into every vector
    expect(writer.vectorsInSnapshot).toEqual([]);
    expect(await results(writer)).toEqual(await rebuiltResults(dir));
    await writer.close();

    const server = await open(dir, { eagerIndex: true }); // warm(): every vector
    expect(server.vectorsInSnapshot).toEqual([]);
    await server.close();
  });

  it('finds a corrupt vector section when a search first needs it, and rebuilds from SQLite with identical results', async () => {
    const dir = await seeded();
    const want = await rebuiltResults(dir);
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    const [off, len] = (snapshotHeader(file).sections as Record<string, [number, number]>)['structure.columns'];
    flip(file, off + Math.floor(len / 2));
    const s = await open(dir);
    const text = await s.search(textOnly('incident alert'));
    expect(s.lastLoad).toMatchObject({ source: 'snapshot' }); // the description vector and BM25 check out
    expect(s.vectorsInSnapshot).toEqual(['structure', 'params']);
    expect(await results(s)).toEqual(want);
    expect(s.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/structure vector \(CRC mismatch\)/) });
    expect(byId(await s.search(textOnly('incident alert')))).toEqual(byId(text));
    await s.close();
    const again = await open(dir, { eagerIndex: true }); // the rebuild wrote a good snapshot
    expect(again.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0 });
    expect(await results(again)).toEqual(want);
    await again.close();
  });

  it('leaves a rows vector\'s residuals in the file and reads only the rows a search re-scores, each checked', async () => {
    const rows = { description: 'rows', structure: 'columns', params: 'columns' } as const;
    const dir = freshDir();
    const first = await open(dir, { vectorLayouts: rows });
    await first.putMany(records(0, 400));
    await first.search(request('warm')); // rebuild + snapshot
    await first.close();
    const want = await rebuiltResults(dir, { vectorLayouts: rows });
    const s = await open(dir, { vectorLayouts: rows });
    await s.warm({ vectors: ['description'] });
    expect(s.residualRowsRead).toEqual({ description: 0 });
    await s.search(textOnly('incident alert'));
    const read = s.residualRowsRead.description ?? 0;
    expect(read).toBeGreaterThan(0); // the final re-score of the Int8 top 2k + 10 (k = 50)
    expect(read).toBeLessThanOrEqual(110);
    expect(await results(s)).toEqual(want);
    await s.putMany(records(400, 401)); // a change reads the rest first
    expect(s.residualRowsRead).toEqual({});
    await s.close();

    // Every residual row damaged: the first re-score finds it, and the index is rebuilt from SQLite.
    const t = await open(dir, { vectorLayouts: rows, eagerIndex: true });
    await t.close();
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    const [off, len] = (snapshotHeader(file).sections as Record<string, [number, number]>)['description.residuals'];
    const bytes = readFileSync(file);
    for (let at = off; at < off + len; at += 32 * 2) bytes[at] ^= 0x01;
    writeFileSync(file, bytes);
    const u = await open(dir, { vectorLayouts: rows });
    await u.warm({ vectors: ['description'] });
    expect(u.lastLoad).toMatchObject({ source: 'snapshot' });
    const got = await results(u);
    expect(u.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/residual row \d+ of the description vector \(CRC mismatch\)/) });
    expect(got).toEqual(await rebuiltResults(dir, { vectorLayouts: rows }));
    await u.close();
  });
});

describe('residual rows read in the background after warm()', () => {
  const rows = { description: 'rows', structure: 'columns', params: 'columns' } as const;
  async function rowsSeeded(): Promise<{ dir: string; want: unknown[] }> {
    const dir = freshDir();
    const first = await open(dir, { vectorLayouts: rows });
    await first.putMany(records(0, 400));
    await first.search(request('warm')); // rebuild + snapshot
    await first.close();
    return { dir, want: await rebuiltResults(dir, { vectorLayouts: rows }) };
  }

  it('loads every vector at once and the residual rows behind it, then never reads the file again', async () => {
    const { dir, want } = await rowsSeeded();
    const s = await open(dir, { vectorLayouts: rows, eagerIndex: true });
    expect(s.vectorsInSnapshot).toEqual([]);
    expect(s.residualRowsRead).toEqual({ description: 0 }); // the first chunk is still being read
    await s.residualsLoaded;
    expect(s.residualRowsRead).toEqual({}); // all 400 in memory, the file let go of
    // Emptied in place (the same file a reader would still hold): results are unchanged, nothing is rebuilt.
    truncateSync(join(dir, INDEX_SNAPSHOT_FILE), 0);
    expect(await results(s)).toEqual(want);
    expect(s.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 400 });
    await s.close();
  });

  it('serves searches while the residual rows are still being read, and closes with a read in flight', async () => {
    const { dir, want } = await rowsSeeded();
    const s = await open(dir, { vectorLayouts: rows, eagerIndex: true });
    expect(await results(s)).toEqual(want); // synchronous searches: they read the rows they re-score themselves
    await s.close();
    const t = await open(dir, { vectorLayouts: rows, eagerIndex: true });
    await t.close(); // waits for the read in flight instead of closing the file under it
    await expect(t.residualsLoaded).resolves.toBeUndefined();
  });

  it('stops at a damaged residual row; the search that needs it finds it and the index is rebuilt', async () => {
    const { dir, want } = await rowsSeeded();
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    const [off, len] = (snapshotHeader(file).sections as Record<string, [number, number]>)['description.residuals'];
    const bytes = readFileSync(file);
    for (let at = off; at < off + len; at += 32 * 2) bytes[at] ^= 0x01;
    writeFileSync(file, bytes);
    const s = await open(dir, { vectorLayouts: rows, eagerIndex: true });
    await s.residualsLoaded;
    expect(s.residualRowsRead).toEqual({ description: 0 }); // nothing taken from the bad chunk
    expect(s.lastLoad).toMatchObject({ source: 'snapshot' });
    expect(await results(s)).toEqual(want);
    expect(s.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/residual row \d+ of the description vector \(CRC mismatch\)/) });
    await s.close();
  });
});

describe('sparse columns in the snapshot (format 4)', () => {
  // At 512-d a hashing vector touches ~40 of the dimensions: stored by its non-zero cells, a third of the bytes.
  const wide = new HashingEmbedder({ dimension: 512 });
  const wideIndexer = new PatternIndexer(wide);
  const wideRequest = (text: string, filter: StoreSearchRequest['filter'] = {}): StoreSearchRequest => ({
    ...request(text, filter),
    dense: { description: wide.embedSync(text), params: wide.embedSync(text), structure: wide.embedSync(text) },
  });
  const wideResults = async (store: EmbeddedPatternStore): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (const q of QUERIES) for (const f of FILTERS) out.push(byId(await store.search(wideRequest(q, f))));
    return out;
  };
  const wideOpen = (dir: string, options: Partial<ConstructorParameters<typeof EmbeddedPatternStore>[0]> = {}) => open(dir, { embedder: wide, sparseSnapshotColumns: true, ...options });
  async function wideSeeded(): Promise<{ dir: string; want: unknown[] }> {
    const dir = freshDir();
    const s = await wideOpen(dir);
    await s.putMany(Array.from({ length: 300 }, (_, i) => wideIndexer.toRecordSync(pattern(i))));
    await s.addFeedback(DEFAULT_NAMESPACE, 'p7', [{ dimension: 'content', polarity: 'positive' }], new Date(), applyVotes);
    await s.search(wideRequest('warm'));
    await s.close();
    const rebuilt = await wideOpen(dir, { indexSnapshot: false });
    const want = await wideResults(rebuilt);
    await rebuilt.close();
    return { dir, want };
  }

  it('writes dense columns unless asked (decoding costs more than reading them from the page cache)', async () => {
    const dir = freshDir();
    const s = await open(dir, { embedder: wide });
    await s.putMany(Array.from({ length: 300 }, (_, i) => wideIndexer.toRecordSync(pattern(i))));
    await s.search(wideRequest('warm'));
    await s.close();
    const sections = snapshotHeader(join(dir, INDEX_SNAPSHOT_FILE)).sections as Record<string, [number, number]>;
    expect(sections['structure.columns']).toEqual([expect.any(Number), 512 * 300]);
    expect(sections['structure.sparseValues']).toBeUndefined();
  });

  it('with sparseSnapshotColumns, writes every hashing vector by its non-zero cells and opens it with results identical to a rebuild', async () => {
    const { dir, want } = await wideSeeded();
    const header = snapshotHeader(join(dir, INDEX_SNAPSHOT_FILE));
    const sections = header.sections as Record<string, [number, number]>;
    for (const k of ['description', 'structure', 'params']) {
      expect(sections[`${k}.columns`]).toBeUndefined();
      expect(sections[`${k}.sparseStarts`]).toEqual([expect.any(Number), 4 * 513]);
      const cells = sections[`${k}.sparseValues`][1];
      expect(sections[`${k}.sparseGaps`][1]).toBe(2 * cells);
      expect(3 * cells).toBeLessThan((512 * 300) / 3);
    }
    const lazy = await wideOpen(dir);
    expect(await wideResults(lazy)).toEqual(want);
    expect(lazy.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 300 });
    await lazy.close();
    const eager = await wideOpen(dir, { eagerIndex: true });
    expect(eager.vectorsInSnapshot).toEqual([]);
    expect(await wideResults(eager)).toEqual(want);
    // A change after a sparse open: the next snapshot is written from the decoded columns, and still equals a rebuild.
    await eager.putMany([wideIndexer.toRecordSync(pattern(300))]);
    await eager.close();
    const after = await wideOpen(dir);
    const got = await wideResults(after);
    expect(after.lastLoad).toMatchObject({ source: 'snapshot', caughtUp: 0, rows: 301 });
    await after.close();
    const rebuilt = await wideOpen(dir, { indexSnapshot: false });
    expect(got).toEqual(await wideResults(rebuilt));
    await rebuilt.close();
  });

  it.each(['structure.sparseGaps', 'structure.sparseValues', 'structure.sparseStarts'])('finds a damaged %s section when a search first needs it, and rebuilds from SQLite', async (section) => {
    const { dir, want } = await wideSeeded();
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    const [off, len] = (snapshotHeader(file).sections as Record<string, [number, number]>)[section];
    flip(file, off + Math.floor(len / 2));
    const s = await wideOpen(dir);
    await s.search({ ...wideRequest('incident alert'), dense: { description: wide.embedSync('incident alert') } });
    expect(s.lastLoad).toMatchObject({ source: 'snapshot' });
    expect(await wideResults(s)).toEqual(want);
    expect(s.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/structure vector \(CRC mismatch\)/) });
    await s.close();
  });

  it('does not trust sparse cells that pass their CRCs but do not add up', async () => {
    const { dir, want } = await wideSeeded();
    const file = join(dir, INDEX_SNAPSHOT_FILE);
    const header = snapshotHeader(file);
    const sections = header.sections as Record<string, [number, number]>;
    const crcs = header.crcs as Record<string, number>;
    const bytes = readFileSync(file);
    // A gap of 0 (a row written twice), with the section's CRC and the header's CRC made to match.
    const [off, len] = sections['structure.sparseGaps'];
    expect(len).toBeGreaterThan(0);
    bytes.writeUInt16LE(0, off);
    crcs['structure.sparseGaps'] = crc32(bytes.subarray(off, off + len)) >>> 0;
    const headerLen = bytes.readUInt32LE(8);
    const json = Buffer.from(JSON.stringify(header).padEnd(headerLen, ' '), 'utf8');
    expect(json.length).toBe(headerLen);
    json.copy(bytes, 32);
    bytes.writeUInt32LE(crc32(json), 12);
    writeFileSync(file, bytes);
    const s = await wideOpen(dir, { eagerIndex: true });
    expect(s.lastLoad).toMatchObject({ source: 'rebuild', reason: expect.stringMatching(/^inconsistent snapshot: the structure vector's sparse columns \(sparse column \d+ repeats a row\)$/) });
    expect(await wideResults(s)).toEqual(want);
    await s.close();
  });
});
