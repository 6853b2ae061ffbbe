import type Database from 'better-sqlite3';
import { fromBlob } from '../vector-blob';
import type { MemoryIndex } from '../memory-index';
import type { HnswSignalSet } from './hnsw-signal-set';

const BATCH = 256;

/**
 * Fills a store's HNSW graphs from SQLite's float32 vectors (the memory index holds only Int8 ones), in rowid
 * order and in bounded steps, so a server keeps answering (exactly) while a large store's graphs are built.
 * Rows written meanwhile reach the graphs through the memory index itself; this only adds the ones it lacks.
 */
export class AnnBuilder {
  private cursor = 0;
  private passes = 0;
  /** Set when two passes still left rows out: the graphs stay unused and nothing more is scheduled. */
  gaveUp = false;

  private readonly rowsAfter: Database.Statement<[number, number], { pattern_rowid: number; description: Buffer; structure: Buffer; params: Buffer }>;

  constructor(
    db: Database.Database,
    private readonly index: MemoryIndex,
    readonly set: HnswSignalSet,
  ) {
    // Prepared once: a build runs hundreds of 25 ms steps. The store drops the builder before closing the connection.
    this.rowsAfter = db.prepare('SELECT pattern_rowid, description, structure, params FROM pattern_vectors WHERE pattern_rowid > ? ORDER BY pattern_rowid LIMIT ?');
  }

  /** Adds rows until `budgetMs` is spent (Infinity: to the end). True once the graphs hold every live row. */
  step(budgetMs: number): boolean {
    if (this.set.ready) return true;
    if (this.gaveUp) return false;
    const t0 = performance.now();
    for (;;) {
      const rows = this.rowsAfter.all(this.cursor, BATCH);
      for (const r of rows) {
        this.cursor = r.pattern_rowid;
        if (this.index.slotOf(r.pattern_rowid) === undefined || this.set.has(r.pattern_rowid)) continue;
        this.set.add(r.pattern_rowid, { description: fromBlob(r.description), structure: fromBlob(r.structure), params: fromBlob(r.params) });
      }
      if (rows.length < BATCH) {
        if (this.set.size === this.index.liveRows) {
          this.set.ready = true;
          return true;
        }
        // The index moved under us (e.g. rows reloaded at lower rowids): one more pass picks them up; after that the
        // graphs stay unused (exact scans) rather than be trusted with rows missing.
        if (++this.passes > 1) {
          this.gaveUp = true;
          return false;
        }
        this.cursor = 0;
      }
      if (performance.now() - t0 >= budgetMs) return false;
    }
  }
}
