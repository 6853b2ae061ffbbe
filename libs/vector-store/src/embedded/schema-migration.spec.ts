import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { applyVotes, DEFAULT_NAMESPACE, type InstancePattern, type StoreSearchRequest, type VariationFamily } from '@motif/core-types';
import { byId } from '../contract/candidate-views';
import { corpus } from '../contract/test-patterns';
import { HashingEmbedder } from '../embedding/hashing-embedder';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { patternEmbeddingTexts } from '../embedding/pattern-embedding-text';
import { PatternIndexer } from '../embedding/pattern-indexer';
import { EMBEDDED_DB_FILE, EmbeddedPatternStore } from './embedded-pattern-store';
import { SCHEMA_VERSION } from './schema';

const embedder = new HashingEmbedder({ dimension: 32 });
const lexical = new LexicalEncoder();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const tables = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
const version = (db: Database.Database): string | undefined =>
  (db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").get() as { value: string } | undefined)?.value;

/**
 * A data directory as a schema-1 build left it: the same tables plus `patterns_fts` holding every pattern's
 * lexical text, and `schema_version` 1. (Schema 2 only dropped that table, so the rest is written by today's store.)
 */
async function schemaV1Directory(): Promise<{ dir: string; patterns: InstancePattern[]; family: VariationFamily; hits: ReturnType<typeof byId> }> {
  const dir = mkdtempSync(join(tmpdir(), 'motif-schema-v1-'));
  dirs.push(dir);
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  await store.init();
  const patterns = corpus();
  await store.putMany(patterns.map((p) => new PatternIndexer(embedder).toRecordSync(p)));
  await store.addFeedback(DEFAULT_NAMESPACE, patterns[0].patternId, [{ dimension: 'content', polarity: 'negative' }], new Date('2026-02-01T00:00:00Z'), applyVotes);
  const family: VariationFamily = { parentId: patterns[1].patternId, namespace: DEFAULT_NAMESPACE, sourcePattern: patterns[1], variations: [], cacheKeys: ['k'], seed: 's', options: { structure: 1, parameter: 1 }, diversity: { distinctStructures: 1, edgeCoverage: 0, meanPairwiseDistance: 0 }, engineVersion: 't' };
  await store.saveFamily(family);
  const stored = (await store.list({ namespace: DEFAULT_NAMESPACE, limit: 100, filter: {} })).items;
  const hits = byId(await store.search(search('server status refresh')));
  await store.close(); // writes the index snapshot
  const db = new Database(join(dir, EMBEDDED_DB_FILE));
  db.exec("CREATE VIRTUAL TABLE patterns_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2')");
  const insert = db.prepare('INSERT INTO patterns_fts (rowid, text) VALUES (?, ?)');
  for (const row of db.prepare('SELECT id, json FROM patterns').all() as Array<{ id: number; json: string }>) {
    insert.run(row.id, lexical.text(patternEmbeddingTexts(JSON.parse(row.json) as InstancePattern).lexical));
  }
  db.prepare("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'").run();
  db.close();
  return { dir, patterns: stored, family, hits };
}

const search = (text: string): StoreSearchRequest => ({
  namespace: DEFAULT_NAMESPACE,
  prefetchLimit: 50,
  dense: { description: embedder.embedSync(text) },
  lexical: { sparse: lexical.encode(text) },
  filter: {},
});

/** Everything a reader sees of a directory, through a store (opened and closed again). */
async function readAll(dir: string) {
  const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
  await store.init();
  try {
    const patterns = (await store.list({ namespace: DEFAULT_NAMESPACE, limit: 100, filter: {} })).items;
    const vectors = await Promise.all(patterns.map((p) => store.getVectors(DEFAULT_NAMESPACE, p.patternId)));
    const hits = byId(await store.search(search('server status refresh')));
    const family = await store.getFamily(DEFAULT_NAMESPACE, patterns[1].patternId);
    return { patterns, vectors, hits, family, load: store.lastLoad?.source };
  } finally {
    await store.close();
  }
}

describe('embedded schema migrations', () => {
  it('creates a new database at the current version, without an FTS5 table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motif-schema-'));
    dirs.push(dir);
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await store.init();
    await store.close();
    const db = new Database(join(dir, EMBEDDED_DB_FILE), { readonly: true });
    expect(SCHEMA_VERSION).toBe(2);
    expect(version(db)).toBe('2');
    expect(tables(db).filter((t) => t.startsWith('patterns_fts'))).toEqual([]);
    db.close();
  });

  it('opens a schema-1 directory: drops patterns_fts, keeps every pattern, vector, vote, family and the index snapshot', async () => {
    const { dir, patterns, family, hits } = await schemaV1Directory();
    const before = new Database(join(dir, EMBEDDED_DB_FILE), { readonly: true });
    expect(tables(before)).toContain('patterns_fts');
    const ftsRows = (before.prepare('SELECT COUNT(*) AS n FROM patterns_fts').get() as { n: number }).n;
    expect(ftsRows).toBe(patterns.length);
    const votesBefore = before.prepare('SELECT * FROM feedback_votes ORDER BY id').all();
    before.close();

    const after = await readAll(dir);
    expect(after.patterns).toEqual(patterns);
    expect(after.patterns[0].contentFeedback).toBe('negative');
    expect(after.vectors.every((v) => v !== null && v.lexical.indices.length > 0)).toBe(true);
    expect(after.hits).toEqual(hits);
    expect(after.hits.map(([id]) => id)).toContain('status');
    expect(after.family).toEqual(family);
    // The drop changes no row the index holds: the snapshot written under schema 1 still opens.
    expect(after.load).toBe('snapshot');

    const db = new Database(join(dir, EMBEDDED_DB_FILE), { readonly: true });
    expect(version(db)).toBe(String(SCHEMA_VERSION));
    expect(tables(db).filter((t) => t.startsWith('patterns_fts'))).toEqual([]);
    expect(db.prepare('SELECT * FROM feedback_votes ORDER BY id').all()).toEqual(votesBefore);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    // And it takes writes again.
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await store.init();
    const extra = { ...patterns[0], patternId: 'after-migration', description: 'added after the migration' };
    expect((await store.put(new PatternIndexer(embedder).toRecordSync(extra))).created).toBe(true);
    expect(await store.count()).toBe(patterns.length + 1);
    await store.close();
  });

  it('refuses a database newer than this build', async () => {
    const { dir } = await schemaV1Directory();
    const db = new Database(join(dir, EMBEDDED_DB_FILE));
    db.prepare("UPDATE store_meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();
    const store = new EmbeddedPatternStore({ dataDir: dir, embedder });
    await expect(store.init()).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
