import type Database from 'better-sqlite3';

/**
 * The change log the index snapshot catches up from. Triggers (not the store's code) append one row per
 * change to `patterns` and `pattern_vectors`, so every writer — this build, another process, a future write
 * path — is logged in the same transaction as the change itself. Rowids are not AUTOINCREMENT in `patterns`
 * (a deleted last row's id comes back), so a delete is logged as such and forces a reload of a reused rowid.
 */
export const INDEX_CHANGES_SCHEMA = `
CREATE TABLE IF NOT EXISTS index_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  pattern_rowid INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete', 'reload'))
);
CREATE TRIGGER IF NOT EXISTS index_changes_on_insert AFTER INSERT ON patterns
  BEGIN INSERT INTO index_changes (pattern_rowid, kind) VALUES (new.id, 'insert'); END;
CREATE TRIGGER IF NOT EXISTS index_changes_on_update AFTER UPDATE ON patterns
  BEGIN INSERT INTO index_changes (pattern_rowid, kind) VALUES (new.id, CASE WHEN new.id = old.id AND new.namespace = old.namespace THEN 'update' ELSE 'reload' END);
        INSERT INTO index_changes (pattern_rowid, kind) SELECT old.id, 'delete' WHERE old.id <> new.id; END;
CREATE TRIGGER IF NOT EXISTS index_changes_on_delete AFTER DELETE ON patterns
  BEGIN INSERT INTO index_changes (pattern_rowid, kind) VALUES (old.id, 'delete'); END;
CREATE TRIGGER IF NOT EXISTS index_changes_on_vectors AFTER UPDATE ON pattern_vectors
  BEGIN INSERT INTO index_changes (pattern_rowid, kind) VALUES (new.pattern_rowid, 'reload'); END;
`;

/** `store_meta` key: the log holds no change at or below this sequence number (a snapshot covered them). */
export const LOG_PRUNED_TO_KEY = 'index_log_pruned_to';
/** `store_meta` key: a random id of this database, so a snapshot of another database is never taken for its own. */
export const STORE_UID_KEY = 'store_uid';

/** One changed pattern row since some sequence number: its last change and whether it was deleted meanwhile. */
export interface RowChange {
  rowid: number;
  /** Deleted (or moved) at some point: the index's row for this rowid, if any, is not the current one. */
  deleted: boolean;
  /** Its vectors, namespace or components may differ from the index's: reload the row. */
  reload: boolean;
}

/** Highest sequence number ever handed out (0 for an empty log): survives pruning. */
export function lastSeq(db: Database.Database): number {
  const row = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'index_changes'").get();
  return row?.seq ?? 0;
}

export function prunedTo(db: Database.Database): number {
  const row = db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?').get(LOG_PRUNED_TO_KEY);
  return row ? Number(row.value) : 0;
}

/** The rows changed after `since`, one entry per rowid. */
export function changesSince(db: Database.Database, since: number): RowChange[] {
  return db
    .prepare<[number], { rowid: number; deleted: number; reload: number }>(
      `SELECT pattern_rowid AS rowid, MAX(kind = 'delete') AS deleted, MAX(kind = 'reload') AS reload
       FROM index_changes WHERE seq > ? GROUP BY pattern_rowid ORDER BY pattern_rowid`,
    )
    .all(since)
    .map((r) => ({ rowid: r.rowid, deleted: r.deleted === 1, reload: r.reload === 1 }));
}

/** Forgets changes a snapshot now covers (called in the transaction that publishes that snapshot). */
export function pruneLog(db: Database.Database, upTo: number): void {
  db.prepare('DELETE FROM index_changes WHERE seq <= ?').run(upTo);
  db.prepare('INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)').run(LOG_PRUNED_TO_KEY, String(upTo));
}
