import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TierState } from '@motif/core-types';
import { backendUnavailable } from '@motif/core-types';
import type { L2Cache } from './l2-cache';

export interface EmbeddedL2Options {
  /** The SQLite file shared with the embedded pattern store (`<dataDir>/motif.db`). */
  path: string;
  maxEntries: number;
  /** Milliseconds since the epoch; injected by tests to expire entries without waiting. */
  now?: () => number;
  busyTimeoutMs?: number;
  /**
   * Recency is recorded at most this often per entry (default 1 s): eviction order is
   * least-recently-touched to this precision, and a hot entry's reads stay read-only.
   */
  touchGranularityMs?: number;
}

/**
 * The L2 used when no Redis is configured: a `cache_entries` table in the store's own
 * SQLite file, so warm entries survive a restart. Bounded by `maxEntries` (the least
 * recently touched entries go first) and by TTL (checked on read, purged on write).
 * better-sqlite3 is synchronous; calls are microseconds on a local file.
 */
export class EmbeddedL2Cache implements L2Cache {
  readonly backend = 'embedded' as const;
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly touchGranularityMs: number;
  private evicted = 0;
  private count: number;
  private readonly stmts: ReturnType<EmbeddedL2Cache['prepare']>;

  constructor(private readonly options: EmbeddedL2Options) {
    this.now = options.now ?? Date.now;
    this.touchGranularityMs = options.touchGranularityMs ?? 1_000;
    try {
      if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
      this.db = new Database(options.path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
      // WAL + NORMAL cannot corrupt the file; a power cut may lose the last cache writes, which is fine for a cache.
      this.db.pragma('synchronous = NORMAL');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS cache_entries (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          expires_at INTEGER NOT NULL,
          touched_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS cache_entries_touched ON cache_entries(touched_at);
        CREATE INDEX IF NOT EXISTS cache_entries_expires ON cache_entries(expires_at);
      `);
    } catch (err) {
      throw backendUnavailable(`embedded cache at ${options.path}`, err);
    }
    this.stmts = this.prepare();
    this.count = (this.stmts.count.get() as { n: number }).n;
  }

  private prepare() {
    const db = this.db;
    return {
      get: db.prepare<[string], { value: string; expires_at: number; touched_at: number }>(
        'SELECT value, expires_at, touched_at FROM cache_entries WHERE key = ?',
      ),
      touch: db.prepare<[number, string]>('UPDATE cache_entries SET touched_at = ? WHERE key = ?'),
      upsert: db.prepare<[string, string, number, number]>(
        `INSERT INTO cache_entries (key, value, expires_at, touched_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, touched_at = excluded.touched_at`,
      ),
      del: db.prepare<[string]>('DELETE FROM cache_entries WHERE key = ?'),
      delRange: db.prepare<[string, string]>('DELETE FROM cache_entries WHERE key >= ? AND key < ?'),
      purgeExpired: db.prepare<[number]>('DELETE FROM cache_entries WHERE expires_at <= ?'),
      evictOldest: db.prepare<[number]>(
        'DELETE FROM cache_entries WHERE key IN (SELECT key FROM cache_entries ORDER BY touched_at ASC, key ASC LIMIT ?)',
      ),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cache_entries'),
    };
  }

  getMany(keys: readonly string[]): Promise<Array<string | undefined>> {
    const now = this.now();
    const out = this.db.transaction(() =>
      keys.map((key) => {
        const row = this.stmts.get.get(key);
        if (!row) return undefined;
        if (row.expires_at <= now) {
          this.count -= this.stmts.del.run(key).changes;
          return undefined;
        }
        if (now - row.touched_at >= this.touchGranularityMs) this.stmts.touch.run(now, key);
        return row.value;
      }),
    )();
    return Promise.resolve(out);
  }

  setMany(entries: ReadonlyArray<readonly [string, string]>, ttlSeconds: number): Promise<void> {
    const now = this.now();
    const expiresAt = now + ttlSeconds * 1000;
    this.db.transaction(() => {
      for (const [key, value] of entries) {
        // An upsert of an existing key leaves the count unchanged; `changes` cannot tell, so ask.
        const existed = this.stmts.get.get(key) !== undefined;
        this.stmts.upsert.run(key, value, expiresAt, now);
        if (!existed) this.count++;
      }
      if (this.count > this.options.maxEntries) {
        // Over the bound: drop expired rows, then re-read the true count (other processes may
        // write this table too), then evict the oldest down to 1 % below the bound so the next
        // few inserts do not each pay for this.
        this.stmts.purgeExpired.run(now);
        this.count = (this.stmts.count.get() as { n: number }).n;
        const excess = this.count - this.options.maxEntries;
        if (excess > 0) {
          const removed = this.stmts.evictOldest.run(excess + Math.floor(this.options.maxEntries / 100)).changes;
          this.count -= removed;
          this.evicted += removed;
        }
      }
    })();
    return Promise.resolve();
  }

  delete(keys: readonly string[]): Promise<void> {
    this.db.transaction(() => {
      for (const key of keys) this.count -= this.stmts.del.run(key).changes;
    })();
    return Promise.resolve();
  }

  deletePrefix(prefix: string): Promise<void> {
    // A key range keeps this on the primary-key index; U+FFFF sorts after any character used in keys.
    this.count -= this.stmts.delRange.run(prefix, `${prefix}\uffff`).changes;
    return Promise.resolve();
  }

  /** Removes expired rows now (also happens on writes when the table is over its bound). */
  purgeExpired(): number {
    const n = this.stmts.purgeExpired.run(this.now()).changes;
    this.count -= n;
    return n;
  }

  state(): TierState {
    return this.db.open ? 'up' : 'down';
  }

  evictions(): number {
    return this.evicted;
  }

  entries(): number {
    return this.count;
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
