import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MotifError, type EmbedderIdentity, type InstancePattern } from '@motif/core-types';
import { EMBEDDED_DB_FILE } from './embedded-pattern-store';
import { toBlob } from './vector-blob';

/** The three dense vectors of one pattern, as the target embedder set computes them. */
export interface DenseVectors {
  description: Float32Array;
  structure: Float32Array;
  params: Float32Array;
}

export interface ReindexProgress {
  /** Patterns holding a vector of the target embedder (including those of an interrupted run). */
  done: number;
  total: number;
}

export interface ReindexEmbeddedOptions {
  /** Patterns embedded and committed per transaction (one model batch). */
  batchSize?: number;
  /** Drop what an interrupted run left and start from the first pattern. */
  restart?: boolean;
  onProgress?(progress: ReindexProgress): void;
}

export interface ReindexSummary {
  location: string;
  from: EmbedderIdentity;
  to: EmbedderIdentity;
  /** Patterns embedded by this run. */
  reembedded: number;
  /** Patterns an interrupted earlier run had already embedded (kept, not embedded again). */
  resumedAfter: number;
  total: number;
  /** The store already recorded the target embedder: nothing was done. */
  upToDate: boolean;
  ms: number;
}

/** `store_meta` key of an unfinished reindex: the target embedder as JSON. */
export const REINDEX_TARGET_KEY = 'reindex_target';

const SIDE_TABLE = `
CREATE TABLE IF NOT EXISTS reindex_vectors (
  pattern_rowid INTEGER PRIMARY KEY,
  namespace TEXT NOT NULL,
  pattern_id TEXT NOT NULL,
  description BLOB NOT NULL,
  structure BLOB NOT NULL,
  params BLOB NOT NULL
);`;

/** Patterns without a target vector yet (a rowid reused by another pattern counts as without). */
const MISSING = `
SELECT p.id, p.namespace, p.pattern_id, p.json FROM patterns p
LEFT JOIN reindex_vectors r ON r.pattern_rowid = p.id AND r.namespace = p.namespace AND r.pattern_id = p.pattern_id
WHERE r.pattern_rowid IS NULL ORDER BY p.id LIMIT ?`;
const COUNT_DONE = `
SELECT COUNT(*) AS n FROM patterns p
JOIN reindex_vectors r ON r.pattern_rowid = p.id AND r.namespace = p.namespace AND r.pattern_id = p.pattern_id`;

/**
 * Re-embeds every pattern of the embedded store in `dataDir` with another embedder set, in place and crash-safe:
 *
 * 1. new vectors go to a side table, one transaction per batch, beside the untouched old ones; the target is
 *    recorded in `store_meta`, so a run killed at any point resumes where its last committed batch ended;
 * 2. when every pattern has one, a single transaction swaps them into `pattern_vectors` and records the new
 *    embedder id and dimension. Until that commit the store is exactly the old store; after it, the new one.
 *
 * The index snapshot (motif.index) records the old embedder, so the next open rebuilds the search index rather
 * than trusting it. Writers of the old embedder should be stopped meanwhile: patterns they add before the swap
 * are embedded too; one they add after it is refused (EMBEDDER_MISMATCH) on their next open.
 */
export async function reindexEmbeddedStore(
  dataDir: string,
  target: EmbedderIdentity,
  embed: (patterns: readonly InstancePattern[]) => Promise<DenseVectors[]>,
  options: ReindexEmbeddedOptions = {},
): Promise<ReindexSummary> {
  const t0 = performance.now();
  const location = join(dataDir, EMBEDDED_DB_FILE);
  if (!existsSync(location)) throw new MotifError('NOT_FOUND', `no embedded store at ${location} (nothing to reindex)`);
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const db = new Database(location, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").get();
    if (!hasMeta) throw new MotifError('NOT_FOUND', `${location} is not a Motif store (no store_meta table)`);
    const get = db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?');
    const set = db.prepare<[string, string]>('INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)');
    const recorded = (): EmbedderIdentity | null => {
      const id = get.get('embedder_id')?.value;
      const dimension = Number(get.get('embedder_dimension')?.value);
      return id && Number.isInteger(dimension) ? { id, dimension } : null;
    };
    const from = recorded();
    if (!from) throw new MotifError('NOT_FOUND', `${location} records no embedder (an empty store: nothing to reindex)`);
    const total = (): number => (db.prepare('SELECT COUNT(*) AS n FROM patterns').get() as { n: number }).n;
    const pending = get.get(REINDEX_TARGET_KEY)?.value;
    const same = (a: EmbedderIdentity, b: EmbedderIdentity): boolean => a.id === b.id && a.dimension === b.dimension;

    if (same(from, target) && pending === undefined) {
      const n = total();
      return { location, from, to: target, reembedded: 0, resumedAfter: 0, total: n, upToDate: true, ms: performance.now() - t0 };
    }
    db.transaction(() => {
      const pendingTarget = pending ? (JSON.parse(pending) as EmbedderIdentity) : null;
      if (options.restart || !pendingTarget || !same(pendingTarget, target)) {
        db.exec('DROP TABLE IF EXISTS reindex_vectors');
        set.run(REINDEX_TARGET_KEY, JSON.stringify({ id: target.id, dimension: target.dimension }));
      }
      db.exec(SIDE_TABLE);
    }).immediate();

    const countDone = (): number => (db.prepare(COUNT_DONE).get() as { n: number }).n;
    const resumedAfter = countDone();
    const missing = db.prepare<[number], { id: number; namespace: string; pattern_id: string; json: string }>(MISSING);
    const put = db.prepare('INSERT OR REPLACE INTO reindex_vectors (pattern_rowid, namespace, pattern_id, description, structure, params) VALUES (?, ?, ?, ?, ?, ?)');
    const check = (v: Float32Array, what: string): Buffer => {
      if (v.length !== target.dimension) throw new MotifError('INTERNAL', `the target embedder returned a ${v.length}-d ${what} vector, expected ${target.dimension}`);
      return toBlob(v);
    };
    let reembedded = 0;
    let done = resumedAfter;
    options.onProgress?.({ done, total: total() });
    for (;;) {
      const rows = missing.all(batchSize);
      if (rows.length === 0) {
        // Swap, unless a writer added patterns since the last batch (then embed those first).
        const swapped = db.transaction(() => {
          if (missing.all(1).length > 0) return false;
          const now = recorded();
          if (!now || !same(now, from)) throw new MotifError('CONFLICT', `the store's embedder changed during the reindex (now '${now?.id}'); run it again`);
          db.exec(`UPDATE pattern_vectors SET description = r.description, structure = r.structure, params = r.params
                   FROM reindex_vectors r JOIN patterns p ON p.id = r.pattern_rowid AND p.namespace = r.namespace AND p.pattern_id = r.pattern_id
                   WHERE pattern_vectors.pattern_rowid = r.pattern_rowid`);
          set.run('embedder_id', target.id);
          set.run('embedder_dimension', String(target.dimension));
          db.prepare('DELETE FROM store_meta WHERE key = ?').run(REINDEX_TARGET_KEY);
          db.exec('DROP TABLE reindex_vectors');
          return true;
        }).immediate();
        if (swapped) break;
        continue;
      }
      const patterns = rows.map((r) => JSON.parse(r.json) as InstancePattern);
      const vectors = await embed(patterns);
      if (vectors.length !== rows.length) throw new MotifError('INTERNAL', `the target embedder returned ${vectors.length} vector sets for ${rows.length} patterns`);
      db.transaction(() => {
        rows.forEach((r, i) => put.run(r.id, r.namespace, r.pattern_id, check(vectors[i].description, 'description'), check(vectors[i].structure, 'structure'), check(vectors[i].params, 'params')));
      }).immediate();
      reembedded += rows.length;
      done += rows.length;
      options.onProgress?.({ done, total: Math.max(done, total()) });
    }
    const n = total();
    options.onProgress?.({ done: n, total: n });
    return { location, from, to: target, reembedded, resumedAfter, total: n, upToDate: false, ms: performance.now() - t0 };
  } finally {
    db.close();
  }
}
