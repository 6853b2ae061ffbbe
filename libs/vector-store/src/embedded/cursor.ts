import { validationError } from '@motif/core-types';

export interface ListCursor {
  createdAt: string;
  rowid: number;
  /** Tie-break key for backends without a rowid (Qdrant: the pattern id). */
  key?: string;
}

/** Opaque base64url cursor over the stable (created_at, rowid) order. */
export const encodeCursor = (c: ListCursor): string => Buffer.from(JSON.stringify(c.key === undefined ? [c.createdAt, c.rowid] : [c.createdAt, c.rowid, c.key]), 'utf8').toString('base64url');

export function decodeCursor(cursor: string): ListCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && Number.isInteger(value[1])) {
      return { createdAt: value[0], rowid: value[1] as number, ...(typeof value[2] === 'string' ? { key: value[2] } : {}) };
    }
  } catch {
    // fall through to the typed error
  }
  throw validationError('invalid cursor', [{ path: '/cursor', message: 'not a cursor returned by list' }]);
}
