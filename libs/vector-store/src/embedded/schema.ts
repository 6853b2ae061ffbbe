/**
 * Schema version of the embedded store's tables (recorded in `store_meta`). A database at an older version is
 * brought up to date by `SCHEMA_MIGRATIONS` when a store opens it; one at a newer version is refused.
 */
export const SCHEMA_VERSION = 2;

/**
 * Tables owned by the vector store inside `<dataDir>/motif.db`. The embedded cache shares the file with its own
 * `cache_*` tables, so every name here avoids that prefix and the key/value table is `store_meta`.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS patterns (
  id INTEGER PRIMARY KEY,
  namespace TEXT NOT NULL,
  pattern_id TEXT NOT NULL,
  json TEXT NOT NULL,
  feedback TEXT,
  content_feedback TEXT,
  form_feedback TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (namespace, pattern_id)
);
CREATE INDEX IF NOT EXISTS patterns_by_created ON patterns (namespace, created_at, id);
CREATE TABLE IF NOT EXISTS pattern_components (
  pattern_rowid INTEGER NOT NULL,
  component TEXT NOT NULL,
  PRIMARY KEY (pattern_rowid, component)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pattern_components_by_name ON pattern_components (component);
CREATE TABLE IF NOT EXISTS pattern_tags (
  pattern_rowid INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (pattern_rowid, tag)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pattern_tags_by_tag ON pattern_tags (tag);
CREATE TABLE IF NOT EXISTS pattern_vectors (
  pattern_rowid INTEGER PRIMARY KEY,
  description BLOB NOT NULL,
  structure BLOB NOT NULL,
  params BLOB NOT NULL,
  lexical TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback_votes (
  id INTEGER PRIMARY KEY,
  pattern_id TEXT NOT NULL,
  namespace TEXT NOT NULL,
  dimension TEXT NOT NULL CHECK (dimension IN ('content', 'form')),
  polarity TEXT NOT NULL CHECK (polarity IN ('positive', 'negative')),
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_votes_by_pattern ON feedback_votes (namespace, pattern_id, dimension, at);
CREATE TABLE IF NOT EXISTS families (
  namespace TEXT NOT NULL,
  parent_id TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY (namespace, parent_id)
);
`;

/**
 * Steps from one version to the next, run in order inside the opening transaction (`to` = the version reached).
 * `SCHEMA` (CREATE … IF NOT EXISTS) runs first, so a step only changes or drops what an older version had.
 */
export const SCHEMA_MIGRATIONS: ReadonlyArray<{ to: number; sql: string }> = [
  // v2: BM25 runs in memory over the stored term vectors; the FTS5 table only served the opt-in `fts5` engine.
  { to: 2, sql: 'DROP TABLE IF EXISTS patterns_fts;' },
];
