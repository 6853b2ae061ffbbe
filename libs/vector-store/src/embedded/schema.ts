/** Schema version of the embedded store's tables (recorded in `store_meta`). */
export const SCHEMA_VERSION = 1;

/**
 * Tables owned by the vector store inside `<dataDir>/motif.db`. The embedded cache shares the file with its own
 * `cache_*` tables, so every name here avoids that prefix and the key/value table is `store_meta`.
 */
export const SCHEMA_V1 = `
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
CREATE VIRTUAL TABLE IF NOT EXISTS patterns_fts USING fts5 (text, tokenize = 'unicode61 remove_diacritics 2');
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
