import { META_POINT_ID, patternPointId, uuidV5 } from './point-id';

describe('point ids', () => {
  it('computes RFC 4122 v5 UUIDs (known vector: DNS namespace, "python.org")', () => {
    expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('derives a stable id per (namespace, pattern id) that differs across namespaces', () => {
    const a = patternPointId('default', 'abc');
    expect(patternPointId('default', 'abc')).toBe(a);
    expect(patternPointId('other', 'abc')).not.toBe(a);
    expect(patternPointId('default', 'abd')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(META_POINT_ID).not.toBe(a);
  });
});
