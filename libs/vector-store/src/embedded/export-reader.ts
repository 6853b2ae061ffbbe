import type Database from 'better-sqlite3';
import type { InstancePattern, TimedVote } from '@motif/core-types';

/** One stored pattern as a migration reads it: its rowid (the resume position), the pattern and its latest votes. */
export interface ExportedRow {
  rowid: number;
  pattern: InstancePattern;
  /** Latest vote per dimension, oldest first (what Qdrant's payload keeps for the label tie-break). */
  lastVotes: TimedVote[];
}

/**
 * Up to `limit` patterns with rowid > `afterRowid`, in rowid order: a stable order to stream and resume by
 * (new patterns get higher rowids; a resumed run continues after the last one it moved).
 */
export function readExportBatch(db: Database.Database, afterRowid: number, limit: number): ExportedRow[] {
  const rows = db
    .prepare<[number, number], { id: number; json: string }>('SELECT id, json FROM patterns WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterRowid, limit);
  const latest = db.prepare<[string, string, string], { dimension: 'content' | 'form'; polarity: 'positive' | 'negative'; at: string }>(
    'SELECT dimension, polarity, at FROM feedback_votes WHERE namespace = ? AND pattern_id = ? AND dimension = ? ORDER BY at DESC, id DESC LIMIT 1',
  );
  return rows.map((r) => {
    const pattern = JSON.parse(r.json) as InstancePattern;
    const lastVotes = (['content', 'form'] as const)
      .flatMap((d) => {
        const v = latest.get(pattern.namespace, pattern.patternId, d);
        return v ? [{ dimension: v.dimension, polarity: v.polarity, at: v.at }] : [];
      })
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    return { rowid: r.id, pattern, lastVotes };
  });
}

/** Rows with rowid > `afterRowid` (for progress totals). */
export function countAfter(db: Database.Database, afterRowid: number): number {
  return db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM patterns WHERE id > ?').get(afterRowid)?.n ?? 0;
}
