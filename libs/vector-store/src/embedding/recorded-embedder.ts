import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { EmbedderIdentity, EmbedderKind } from '@motif/core-types';

/** The embedder an embedded store at `dbPath` was built with, read without writing; null for no (or an empty) store. */
export function recordedEmbedder(dbPath: string): EmbedderIdentity | null {
  if (!existsSync(dbPath)) return null;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").get();
    if (!hasMeta) return null;
    const get = db.prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?');
    const id = get.get('embedder_id')?.value;
    const dimension = Number(get.get('embedder_dimension')?.value);
    return id && Number.isInteger(dimension) ? { id, dimension } : null;
  } finally {
    db.close();
  }
}

/** Which shipped embedder produced vectors with this id (null: none of them, e.g. a tuned hashing variant). */
export function kindOfEmbedderId(id: string): EmbedderKind | null {
  if (id.startsWith('use-lite-')) return 'use-lite';
  if (id.startsWith('hashing-')) return 'hashing';
  return null;
}
