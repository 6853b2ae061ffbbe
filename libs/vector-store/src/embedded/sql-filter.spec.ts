import { decodeCursor, encodeCursor } from './cursor';
import { filterToSql, metadataPath } from './sql-filter';

describe('sql filter', () => {
  it('parameterises every value', () => {
    const { where, params } = filterToSql({ feedback: ['positive', 'unrated'], components: { none: ["x'); DROP TABLE patterns;--"] }, metadata: { 'a.b': 'v' } });
    expect(where.join(' ')).not.toContain('DROP');
    expect(where[0]).toBe('(p.feedback IN (?) OR p.feedback IS NULL)');
    expect(params).toEqual(['positive', "x'); DROP TABLE patterns;--", '$.metadata."a.b"', '$.metadata."a.b"', 'v']);
  });

  it('keeps only tags and metadata for the search path', () => {
    expect(filterToSql({ feedback: ['negative'], tags: ['t'] }, { sqlOnly: true }).params).toEqual(['t']);
    expect(metadataPath('we"ird')).toBe('$.metadata."we\\"ird"');
  });
});

describe('cursor', () => {
  it('round-trips and rejects garbage with VALIDATION_FAILED', () => {
    const c = { createdAt: '2026-01-01T00:00:00.000Z', rowid: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(encodeCursor({ ...c, key: 'p1' }))).toEqual({ ...c, key: 'p1' });
    expect(() => decodeCursor('not-a-cursor')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
