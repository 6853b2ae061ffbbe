import Database from 'better-sqlite3';
import type { InstancePattern } from '@motif/core-types';
import { LexicalEncoder } from '../embedding/lexical-encoder';
import { patternEmbeddingTexts } from '../embedding/pattern-embedding-text';

/** FTS5 MATCH expression: every whitespace-separated term quoted (quotes doubled), OR-ed; null when empty. */
export function ftsMatchExpression(text: string): string | null {
  const terms = [...new Set(text.split(/\s+/).filter(Boolean))];
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}

/**
 * SQLite FTS5 `bm25()` over the same tokens the lexical signal indexes, in a database of its own: the reference the
 * in-memory BM25 index is checked against (bm25-parity.spec.ts) and benchmarked beside (the store bench). No store
 * writes or reads FTS5; this exists only to compare with.
 */
export class Fts5Reference {
  private readonly search$: Database.Statement<[string, number], { id: number; s: number }>;

  private constructor(
    private readonly db: Database.Database,
    private readonly keys: readonly string[],
  ) {
    this.search$ = db.prepare('SELECT rowid AS id, bm25(terms) AS s FROM terms WHERE terms MATCH ? ORDER BY s LIMIT ?');
  }

  /** Indexes each pattern's lexical text (`patternEmbeddingTexts(p).lexical`, tokenized) under its pattern id. */
  static ofPatterns(patterns: Iterable<InstancePattern>, options: { path?: string; lexical?: LexicalEncoder } = {}): Fts5Reference {
    const lexical = options.lexical ?? new LexicalEncoder();
    const db = new Database(options.path ?? ':memory:');
    db.exec("CREATE VIRTUAL TABLE terms USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2')");
    const insert = db.prepare('INSERT INTO terms (rowid, text) VALUES (?, ?)');
    const keys: string[] = [];
    db.transaction(() => {
      for (const p of patterns) {
        keys.push(p.patternId);
        insert.run(keys.length, lexical.text(patternEmbeddingTexts(p).lexical));
      }
    })();
    return new Fts5Reference(db, keys);
  }

  /** The best `limit` matches of the query's tokens, best first; `score` is −bm25() (higher is better, as in memory). */
  search(tokens: readonly string[], limit: number): Array<{ patternId: string; score: number }> {
    const match = ftsMatchExpression(tokens.join(' '));
    if (!match) return [];
    return this.search$.all(match, limit).map((r) => ({ patternId: this.keys[r.id - 1], score: -r.s }));
  }

  close(): void {
    this.db.close();
  }
}
