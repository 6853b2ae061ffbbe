import { buildCacheKey, parseCacheKey } from './cache-key';

describe('cache keys', () => {
  it('follows motif:<schema>:<ns>:<kind>:<id>[:v<n>] and round-trips', () => {
    const key = buildCacheKey({ namespace: 'default', kind: 'variation', id: 'p_abc', version: 3 });
    expect(key).toBe('motif:1:default:variation:p_abc:v3');
    expect(parseCacheKey(key)).toEqual({ schemaVersion: 1, namespace: 'default', kind: 'variation', id: 'p_abc', version: 3 });
    expect(parseCacheKey('motif:1:default:bogus:x')).toBeNull();
  });
  it('refuses segments that would make keys ambiguous', () => {
    expect(() => buildCacheKey({ namespace: 'a:b', kind: 'family', id: 'x' })).toThrow(/namespace/);
  });
});
